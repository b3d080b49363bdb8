package dev.bitte.processor.schedule;

import java.util.List;

/**
 * A {@code spread} block: spread allocations over the values of an attribute, by target
 * percentages or (without targets) evenly.
 *
 * @param weight 0..100, relative to the other spread blocks of the group
 */
public record Spread(String attribute, int weight, List<Target> targets) {
  public Spread {
    targets = List.copyOf(targets);
    if (weight < 0 || weight > 100) {
      throw new IllegalArgumentException("spread weight must be in 0..100, was " + weight);
    }
  }

  /** A {@code target} block: a value of the attribute and the share of allocations it should get. */
  public record Target(String value, int percent) {}
}
