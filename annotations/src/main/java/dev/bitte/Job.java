package dev.bitte;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A Nomad job: the annotated type holds its {@link Group} types, which hold their {@link Task}
 * types. The job is checked against the fleet of {@link #cluster()} at compile time and written
 * to {@code bitte/<cluster>/nomad/<namespace>/<id>.nomad.hcl}.
 *
 * <pre>{@code
 * @Job(cluster = MyTestnet.class, namespace = "apps")
 * public interface Web {
 *   @Group(count = 3, nodeClass = "general", ports = @Port(label = "http", to = 8080),
 *          services = @Service(name = "web", port = "http", checks = @Check(path = "/health")))
 *   interface Frontend {
 *     @Task(driver = Driver.DOCKER, image = "ghcr.io/acme/web:1.4.2", ports = "http", cpu = 500, memoryMb = 256)
 *     interface Server {}
 *   }
 * }
 * }</pre>
 *
 * <p>CLASS retention, like {@link Cluster}: the cluster may be a class file of another module.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(java.lang.annotation.ElementType.TYPE)
public @interface Job {
  /**
   * The {@link Cluster} type whose fleet runs this job, for example {@code MyTestnet.class}.
   * It may live in another module (read from its class file). Required.
   */
  Class<?> cluster();

  /** The job's ID, a DNS label. Default: the type's name in kebab case ({@code WebApp} → {@code web-app}). */
  String id() default "";

  /** The Nomad namespace, a DNS label; created by the {@code hydrate} workspace. Default {@code "default"}. */
  String namespace() default "default";

  /** The scheduler type. Default {@link JobType#SERVICE}. */
  JobType type() default JobType.SERVICE;

  /**
   * The Nomad datacenters (in Bitte: the fleet's regions) the job may run in, for example
   * {@code "eu-central-1"}. Default: every region of the fleet.
   */
  String[] datacenters() default {};

  /** Scheduling priority, 1 to 100. Default 50. */
  int priority() default 50;

  /**
   * A cron expression that makes a batch job periodic, for example {@code "0 3 * * *"} (03:00
   * UTC daily); 5 to 7 fields or {@code @daily}-style shortcuts. Default: not periodic.
   */
  String periodic() default "";

  /** Whether a periodic run is skipped while the previous one still runs. Default true. */
  boolean prohibitOverlap() default true;

  /**
   * Whether the job is parameterized (dispatched with a payload and meta instead of run on
   * registration); batch and sysbatch only. Default false.
   */
  boolean parameterized() default false;

  /** Meta keys a dispatch of a parameterized job must supply. Default: none. */
  String[] requiredMeta() default {};

  /** Job metadata. Default: none. */
  Meta[] meta() default {};

  /**
   * Placement constraints for every group of the job (Nomad's job-level {@code constraint});
   * {@code distinct_hosts} and {@code distinct_property} here count the allocations of all the
   * job's groups together. Default: none.
   */
  Constraint[] constraints() default {};

  /** Placement preferences for every group of the job, added to each group's own. Default: none. */
  Affinity[] affinities() default {};

  /** How the allocations of every group are spread, added to each group's own spreads. Default: none. */
  Spread[] spreads() default {};
}
