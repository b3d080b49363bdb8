package dev.bitte.processor.schedule;

import java.util.Objects;

/**
 * A {@code constraint} block. For {@code distinct_hosts} the attribute is empty and the value is
 * {@code "true"} (or empty); for {@code distinct_property} the value is the limit of allocations
 * per property value (empty means 1).
 *
 * @param jobLevel whether the block sits on the job rather than the group: only matters for
 *     {@code distinct_hosts} and {@code distinct_property}, which then count the allocations of
 *     every group of the job (other operators mean the same on either level)
 */
public record Constraint(String attribute, Operator operator, String value, boolean jobLevel) {
  public Constraint(String attribute, Operator operator, String value) {
    this(attribute, operator, value, false);
  }

  public Constraint {
    Objects.requireNonNull(operator, "operator");
    attribute = attribute == null ? "" : attribute;
    value = value == null ? "" : value;
  }

  public static Constraint of(String attribute, String operator, String value) {
    return new Constraint(attribute, Operator.parse(operator).orElseThrow(() -> new IllegalArgumentException("unknown constraint operator \"" + operator + "\"")), value);
  }

  public static Constraint distinctHosts() {
    return new Constraint("", Operator.DISTINCT_HOSTS, "true");
  }

  /** The same constraint written on the job. */
  public Constraint onJob() {
    return new Constraint(attribute, operator, value, true);
  }

  /** How Nomad prints it in placement failure metrics: {@code ${node.class} = gpu}. */
  public String label() {
    return switch (operator) {
      case DISTINCT_HOSTS -> "distinct_hosts";
      case IS_SET, IS_NOT_SET -> attribute + " " + operator.hcl();
      default -> attribute + " " + operator.hcl() + " " + value;
    };
  }

  /** distinct_property's allocations per value. */
  int propertyLimit() {
    if (value.isBlank()) {
      return 1;
    }
    try {
      return Math.max(1, Integer.parseInt(value.trim()));
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  @Override
  public String toString() {
    return label();
  }
}
