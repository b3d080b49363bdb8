package dev.bitte;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How a service group's allocations leave a draining node, e.g. {@code @Migrate(maxParallel = 2)};
 * only for service jobs whose group count is above 1.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({})
public @interface Migrate {
  /** Allocations migrated at once, at least 1 and below the group's count. Default 1. */
  int maxParallel() default 1;

  /** {@code "checks"} (tasks running and their Consul checks passing) or {@code "task_states"}. Default {@code "checks"}. */
  String healthCheck() default "checks";

  /** How long a replacement must be healthy before the next one moves, a Go duration. Default {@code "10s"}. */
  String minHealthyTime() default "10s";

  /** How long a replacement may take to become healthy, a Go duration. Default {@code "5m"}. */
  String healthyDeadline() default "5m";
}
