package dev.bitte;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A group's reschedule policy: where Nomad places a failed allocation again, on another client,
 * e.g. {@code @Reschedule(unlimited = true, delay = "30s", maxDelay = "10m")}. Not for system or
 * sysbatch jobs.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({})
public @interface Reschedule {
  /** Reschedules allowed within {@link #interval()}, at least 0 (ignored when unlimited). Default 3. */
  int attempts() default 3;

  /** The window attempts are counted in, a Go duration. Default {@code "1h"}. */
  String interval() default "1h";

  /** Wait before the first reschedule, a Go duration, at least 5s. Default {@code "30s"}. */
  String delay() default "30s";

  /** How the delay grows: {@code "constant"}, {@code "exponential"} or {@code "fibonacci"}. Default {@code "exponential"}. */
  String delayFunction() default "exponential";

  /** The longest delay, a Go duration (exponential and fibonacci only). Default {@code "1h"}. */
  String maxDelay() default "1h";

  /** Whether to reschedule forever. Default false. */
  boolean unlimited() default false;
}
