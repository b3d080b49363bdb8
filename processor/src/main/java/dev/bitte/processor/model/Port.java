package dev.bitte.processor.model;

import dev.bitte.processor.diag.Source;

/** A {@code @Port} of a group's network; {@code value == 0} is dynamic. */
public record Port(String label, int value, int to, Source source) {
  public boolean isStatic() {
    return value != 0;
  }
}
