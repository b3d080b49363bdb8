package dev.bitte.processor.schedule;

import java.util.Objects;

/** An {@code affinity} block: a soft constraint with a weight in -100..100. */
public record Affinity(String attribute, Operator operator, String value, int weight) {
  public Affinity {
    Objects.requireNonNull(operator, "operator");
    if (weight < -100 || weight > 100 || weight == 0) {
      throw new IllegalArgumentException("affinity weight must be in -100..100 and not 0, was " + weight);
    }
    if (operator.isPlacementDependent()) {
      throw new IllegalArgumentException("affinity cannot use " + operator.hcl());
    }
    attribute = attribute == null ? "" : attribute;
    value = value == null ? "" : value;
  }

  Constraint asConstraint() {
    return new Constraint(attribute, operator, value);
  }
}
