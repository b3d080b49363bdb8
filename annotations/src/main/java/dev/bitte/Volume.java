package dev.bitte;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A host volume claimed by a task group, e.g. {@code @Volume(name = "data", source = "pg-data")}.
 * The source must be a {@link HostVolume} of every client group the job's group can land on.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({})
public @interface Volume {
  /** The name tasks mount it by ({@link VolumeMount#volume()}). Required. */
  String name();

  /** The client's host volume name. Default: {@link #name()}. */
  String source() default "";

  /** Whether the group only reads it. Default false. */
  boolean readOnly() default false;
}
