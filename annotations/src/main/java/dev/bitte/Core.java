package dev.bitte;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A core node, or a numbered series of them, on a type nested in a {@link Cluster}. Core nodes
 * live in the cluster's primary region.
 *
 * <pre>{@code
 * @Core(count = 3, instanceType = "t3a.medium")                 // core-1, core-2, core-3
 * interface Core {}
 * @Core(role = Role.MONITORING, instanceType = "r5a.large")     // monitoring
 * interface Monitoring {}
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Core {
  /**
   * The node's name, a DNS label. With {@code count > 1} the nodes are named
   * {@code <name>-1 .. <name>-<count>}. Default: the type's name in kebab case.
   */
  String name() default "";

  /** What the node runs. Default {@link Role#SERVER}. */
  Role role() default Role.SERVER;

  /**
   * How many nodes of this kind. Nodes are spread round-robin over {@link #azs()}. Default 1.
   * The servers of a cluster form a quorum of 3 or 5.
   */
  int count() default 1;

  /** The EC2 instance type, for example {@code "t3a.medium"}. Required. */
  String instanceType();

  /**
   * The availability zones to place the nodes in, for example {@code "eu-central-1a"}.
   * Default: all of the primary region's zones.
   */
  String[] azs() default {};

  /**
   * Explicit private IPs, one per node in order. Each must lie in its node's subnet and not be
   * an address AWS reserves. Default: derived from the address plan.
   */
  String[] privateIps() default {};

  /** Size of the encrypted gp3 root volume in GiB, 8 to 16384. Default 40. */
  int volumeSize() default 40;

  /** Extra inbound rules for this node. Default: none. */
  SecurityRule[] securityRules() default {};

  /**
   * Extra NixOS module files imported into this node's configuration, relative to the project
   * directory, for example {@code "nix/extra-core.nix"}. Checked to exist at compile time.
   */
  String[] nixosModules() default {};
}
