package dev.bitte;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A Consul service registered by a task group, e.g.
 * {@code @Service(name = "web", port = "http", checks = @Check(path = "/health"))}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({})
public @interface Service {
  /** The service's name, a DNS label. Required. */
  String name();

  /**
   * The label of a {@link Port} of the group the service listens on, for example {@code "http"}.
   * Required.
   */
  String port();

  /** Consul tags. Default: none. */
  String[] tags() default {};

  /** Health checks. Default: none. */
  Check[] checks() default {};

  /**
   * Whether the service joins the Consul Connect mesh with an Envoy sidecar (the group's network
   * must be {@link NetworkMode#BRIDGE}). Implied by {@link #upstreams()}. Default false.
   */
  boolean connect() default false;

  /** Services this one calls through its sidecar; each becomes an allowed Consul intention. Default: none. */
  Upstream[] upstreams() default {};
}
