package dev.bitte.processor.model;

import dev.bitte.CheckType;
import dev.bitte.processor.diag.Source;

/** A {@code @Check} of a service. */
public record CheckSpec(CheckType type, String path, String interval, String timeout, Source source) {
  public String typeName() {
    return type.name().toLowerCase(java.util.Locale.ROOT);
  }
}
