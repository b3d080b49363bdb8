package dev.bitte;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A placement preference, e.g. {@code @Affinity(attribute = "${meta.tier}", value = "apps", weight = 50)}. */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({})
public @interface Affinity {
  /** The node attribute, e.g. {@code "${node.datacenter}"}. Required. */
  String attribute();

  /** The operator, as for {@link Constraint#operator()} (except distinct_*, is_set, is_not_set). Default {@code "="}. */
  String operator() default "=";

  /** The value compared with. Required. */
  String value();

  /** The weight, -100 to 100 and not 0 (negative: avoid). Default 50. */
  int weight() default 50;
}
