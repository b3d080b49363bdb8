package dev.bitte;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A share of a {@link Spread}: the percentage of allocations that should land on nodes whose
 * attribute has this value, e.g. {@code @SpreadTarget(value = "eu-central-1", percent = 70)}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({})
public @interface SpreadTarget {
  /** A value of the spread's attribute. Required, unique within the spread. */
  String value();

  /** The percentage of the allocations, 0 to 100; the targets of one spread add up to at most 100. Required. */
  int percent();
}
