package dev.bitte;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A file fetched (go-getter) before a {@link Task} starts, e.g. {@code @Artifact(source = "https://example.com/app.tar.gz")}. */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({})
public @interface Artifact {
  /** The URL. Required. */
  String source();

  /** Where to put it, relative to the task directory. Default {@code "local/"}. */
  String destination() default "local/";
}
