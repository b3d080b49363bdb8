package dev.bitte;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A group's local restart policy, e.g. {@code @Restart(attempts = 3, interval = "5m", delay = "15s")}. */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({})
public @interface Restart {
  /** Restarts allowed within {@link #interval()}, at least 0. Default 2. */
  int attempts() default 2;

  /** The window attempts are counted in, a Go duration. Default {@code "30m"}. */
  String interval() default "30m";

  /** Wait before a restart, a Go duration. Default {@code "15s"}. */
  String delay() default "15s";

  /** {@code "fail"} or {@code "delay"}: what happens after the attempts. Default {@code "fail"}. */
  String mode() default "fail";
}
