package dev.bitte;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A placement constraint, e.g. {@code @Constraint(attribute = "${attr.cpu.arch}", value = "amd64")}
 * or {@code @Constraint(operator = "distinct_hosts", value = "true")}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({})
public @interface Constraint {
  /**
   * The node attribute, an interpolation such as {@code "${attr.kernel.name}"}, {@code "${node.class}"}
   * or {@code "${meta.tier}"}. Empty for {@code distinct_hosts}. Default "".
   */
  String attribute() default "";

  /**
   * Nomad's operator: {@code =, !=, >, >=, <, <=, distinct_hosts, distinct_property, regexp,
   * set_contains, set_contains_all, set_contains_any, version, semver, is_set, is_not_set}.
   * Default {@code "="}.
   */
  String operator() default "=";

  /** The value compared with. Default "". */
  String value() default "";
}
