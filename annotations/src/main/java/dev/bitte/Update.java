package dev.bitte;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A group's rolling update policy, e.g. {@code @Update(maxParallel = 1, canary = 1, autoRevert = true)}. */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({})
public @interface Update {
  /** Allocations updated at once, at least 0 (0 disables rolling updates). Default 1. */
  int maxParallel() default 1;

  /** Canary allocations started before the rest are updated. Default 0. */
  int canary() default 0;

  /** How long an allocation must be healthy, a Go duration. Default {@code "10s"}. */
  String minHealthyTime() default "10s";

  /** How long an allocation may take to become healthy, a Go duration. Default {@code "5m"}. */
  String healthyDeadline() default "5m";

  /** Whether a failed deployment rolls back to the last stable version. Default false. */
  boolean autoRevert() default false;

  /** Whether canaries are promoted without an operator. Default false. */
  boolean autoPromote() default false;
}
