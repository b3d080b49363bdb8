package dev.bitte.processor.model;

import dev.bitte.processor.diag.Source;

import java.util.List;

/** A {@code @Spread}, with its {@code @SpreadTarget}s. */
public record SpreadSpec(String attribute, int weight, List<Target> targets, Source source) {
  public SpreadSpec {
    targets = List.copyOf(targets);
  }

  /** A {@code @SpreadTarget}. */
  public record Target(String value, int percent, Source source) {}
}
