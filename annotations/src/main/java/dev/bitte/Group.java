package dev.bitte;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A Nomad task group, on a type nested in a {@link Job} type; its {@link Task}s are types nested
 * in it. The group's allocations are placed together on one client.
 *
 * <pre>{@code
 * @Group(count = 2, nodeClass = "general",
 *        ports = @Port(label = "http", to = 8080),
 *        services = @Service(name = "web", port = "http", checks = @Check(path = "/health"),
 *                            upstreams = @Upstream(service = "db", localPort = 5432)))
 * interface Frontend { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(java.lang.annotation.ElementType.TYPE)
public @interface Group {
  /** The group's name, a DNS label unique in the job. Default: the type's name in kebab case. */
  String name() default "";

  /** Number of allocations, at least 0. Ignored by system jobs. Default 1. */
  int count() default 1;

  /**
   * The Nomad node class the group must run on (a constraint on {@code ${node.class}}); it must
   * be the node class of some client group in the job's datacenters. Default: any class.
   */
  String nodeClass() default "";

  /** The group's network mode. Default {@link NetworkMode#BRIDGE} (needed by Consul Connect). */
  NetworkMode network() default NetworkMode.BRIDGE;

  /** Ports the group's network reserves, by label. Default: none. */
  Port[] ports() default {};

  /** Consul services the group registers. Default: none. */
  Service[] services() default {};

  /** Placement constraints (in addition to {@link #nodeClass()}). Default: none. */
  Constraint[] constraints() default {};

  /** Placement preferences. Default: none. */
  Affinity[] affinities() default {};

  /** How allocations are spread over a node attribute. Default: none. */
  Spread[] spreads() default {};

  /** Host volumes the group claims; tasks mount them with {@link VolumeMount}. Default: none. */
  Volume[] volumes() default {};

  /** The rolling update policy, at most one. Default: Nomad's. */
  Update[] update() default {};

  /** How allocations leave draining nodes, at most one; service jobs with count above 1. Default: Nomad's. */
  Migrate[] migrate() default {};

  /** The restart policy for failing tasks, at most one. Default: Nomad's. */
  Restart[] restart() default {};

  /** The reschedule policy for failed allocations, at most one; not for system jobs. Default: Nomad's. */
  Reschedule[] reschedule() default {};

  /** Size of the allocation's ephemeral disk in MB, at least 10. Default 300 (Nomad's). */
  int ephemeralDiskMb() default 300;

  /** Group metadata. Default: none. */
  Meta[] meta() default {};
}
