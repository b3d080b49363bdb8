package dev.bitte;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A Consul health check of a {@link Service}, e.g. {@code @Check(path = "/health")}. */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({})
public @interface Check {
  /** The kind of check. Default {@link CheckType#HTTP}. */
  CheckType type() default CheckType.HTTP;

  /** The HTTP path, for example {@code "/health"}; HTTP checks only. Default {@code "/"}. */
  String path() default "/";

  /** How often to check, a Go duration such as {@code "10s"}. Default {@code "10s"}. */
  String interval() default "10s";

  /** How long to wait for an answer, a Go duration, shorter than the interval. Default {@code "2s"}. */
  String timeout() default "2s";
}
