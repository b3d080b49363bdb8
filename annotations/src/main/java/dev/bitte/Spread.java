package dev.bitte;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Spreads allocations evenly over a node attribute, e.g. {@code @Spread(attribute = "${node.datacenter}")}. */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({})
public @interface Spread {
  /** The node attribute, e.g. {@code "${attr.platform.aws.placement.availability-zone}"}. Required. */
  String attribute();

  /** The weight, 1 to 100. Default 50. */
  int weight() default 50;

  /**
   * Shares by attribute value; values not named share what is left. Default: none (spread evenly
   * over the values the eligible nodes have).
   */
  SpreadTarget[] targets() default {};
}
