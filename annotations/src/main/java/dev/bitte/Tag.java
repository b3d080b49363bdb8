package dev.bitte;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A key/value pair used for cloud tags, e.g. {@code @Tag(key = "team", value = "infra")}. */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({})
public @interface Tag {
  /** The tag's key, for example {@code "team"}. Required. */
  String key();

  /** The tag's value, for example {@code "infra"}. Required. */
  String value();
}
