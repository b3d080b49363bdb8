package dev.bitte;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A key/value pair of Nomad metadata, e.g. {@code @Meta(key = "tier", value = "frontend")}.
 * On a client group it becomes the client's {@code meta} (visible to jobs as
 * {@code ${meta.tier}}).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({})
public @interface Meta {
  /** The key: letters, digits, '_', '-' and '.', for example {@code "tier"}. Required. */
  String key();

  /** The value, for example {@code "frontend"}. Required. */
  String value();
}
