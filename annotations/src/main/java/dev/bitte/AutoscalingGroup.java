package dev.bitte;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An auto-scaling group of Nomad clients, on a type nested in a {@link Cluster}.
 *
 * <pre>{@code
 * @AutoscalingGroup(region = "eu-central-1", instanceType = "m5.xlarge",
 *                   min = 1, desired = 3, max = 10, nodeClass = "general")
 * interface ClientsEu {}
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface AutoscalingGroup {
  /** The group's name, a DNS label. Default: the type's name in kebab case. */
  String name() default "";

  /** The AWS region. Default: the cluster's primary region. */
  String region() default "";

  /** The EC2 instance type, for example {@code "m5.xlarge"}. Required. */
  String instanceType();

  /** Minimum number of instances, at least 0. Default 1. */
  int min() default 1;

  /** Desired number of instances, between min and max. Default 1. */
  int desired() default 1;

  /** Maximum number of instances, at least 1. Default 1. */
  int max() default 1;

  /**
   * The Nomad node class of the group's clients ({@code ${node.class}}), which jobs target.
   * Default: the group's name.
   */
  String nodeClass() default "";

  /** Availability zones of the region to spread over. Default: all of the region's zones. */
  String[] azs() default {};

  /** Size of the encrypted gp3 root volume in GiB, 8 to 16384. Default 100. */
  int volumeSize() default 100;

  /** Nomad client metadata. Default: none. */
  Meta[] meta() default {};

  /** Host volumes present on every client of the group. Default: none. */
  HostVolume[] hostVolumes() default {};

  /** Extra inbound rules for the group. Default: none. */
  SecurityRule[] securityRules() default {};

  /**
   * Extra NixOS module files imported into the group's configuration, relative to the project
   * directory. Checked to exist at compile time.
   */
  String[] nixosModules() default {};
}
