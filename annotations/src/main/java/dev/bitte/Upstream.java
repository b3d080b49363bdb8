package dev.bitte;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A Connect upstream of a {@link Service}: the sidecar listens on {@code localhost:localPort}
 * and forwards to {@code service} over mTLS, e.g. {@code @Upstream(service = "db", localPort = 5432)}.
 * Each upstream becomes the one Consul intention that allows this service to call that one.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({})
public @interface Upstream {
  /** The destination service's name; a Connect service of some job of the same cluster unless {@link #external()}. Required. */
  String service();

  /** The local port the sidecar listens on, 1 to 65535, unique in the group. Required. */
  int localPort();

  /** Whether the service is registered outside Bitte's jobs (so it is not checked to exist). Default false. */
  boolean external() default false;
}
