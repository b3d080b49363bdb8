package dev.bitte;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A Nomad host volume on every client of a group, e.g.
 * {@code @HostVolume(name = "pg-data", path = "/var/lib/pg-data")}. Jobs can mount it by name.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({})
public @interface HostVolume {
  /** The volume's name, as jobs refer to it. Required. */
  String name();

  /** The absolute path on the host. Required. */
  String path();

  /** Whether the volume is mounted read-only. Default false. */
  boolean readOnly() default false;
}
