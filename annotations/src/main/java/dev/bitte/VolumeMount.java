package dev.bitte;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Mounts one of the group's {@link Volume}s into a {@link Task}, e.g. {@code @VolumeMount(volume = "data", destination = "/var/lib/postgresql/data")}. */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({})
public @interface VolumeMount {
  /** The group volume's name ({@link Volume#name()}). Required. */
  String volume();

  /** The absolute path inside the task. Required. */
  String destination();

  /** Whether the task only reads it. Default false. */
  boolean readOnly() default false;
}
