package dev.bitte.processor.schedule;

import java.util.Arrays;
import java.util.Optional;

/** Every operator Nomad documents for {@code constraint} blocks, by its HCL spelling. */
public enum Operator {
  EQUAL("="),
  EQUAL_EQUAL("=="),
  IS("is"),
  NOT_EQUAL("!="),
  NOT("not"),
  GREATER(">"),
  GREATER_EQUAL(">="),
  LESS("<"),
  LESS_EQUAL("<="),
  REGEXP("regexp"),
  SET_CONTAINS("set_contains"),
  SET_CONTAINS_ALL("set_contains_all"),
  SET_CONTAINS_ANY("set_contains_any"),
  VERSION("version"),
  SEMVER("semver"),
  DISTINCT_HOSTS("distinct_hosts"),
  DISTINCT_PROPERTY("distinct_property"),
  IS_SET("is_set"),
  IS_NOT_SET("is_not_set");

  private final String hcl;

  Operator(String hcl) {
    this.hcl = hcl;
  }

  /** The spelling in a job file. */
  public String hcl() {
    return hcl;
  }

  public static Optional<Operator> parse(String hcl) {
    return Arrays.stream(values()).filter(o -> o.hcl.equals(hcl)).findFirst();
  }

  /** Whether the operator depends on where other allocations went (checked per placement). */
  boolean isPlacementDependent() {
    return this == DISTINCT_HOSTS || this == DISTINCT_PROPERTY;
  }
}
