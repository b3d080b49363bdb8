package dev.bitte;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a fleet: a few core nodes ({@link Core}) and auto-scaling client groups
 * ({@link AutoscalingGroup}), declared as types nested in the annotated type.
 *
 * <pre>{@code
 * @Cluster(name = "my-testnet", domain = "testnet.example.com", region = "eu-central-1",
 *          adminCidrs = "203.0.113.0/24")
 * public final class MyTestnet {
 *   @Core(count = 3, instanceType = "t3a.medium") interface Core {}
 *   @AutoscalingGroup(instanceType = "m5.xlarge", min = 1, desired = 3, max = 10) interface ClientsEu {}
 * }
 * }</pre>
 *
 * <p>CLASS retention: a job in another module can name this type and the processor reads the
 * fleet from its class file.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Cluster {
  /**
   * The cluster's name: a DNS label (lowercase letters, digits and '-', at most 63 characters)
   * that prefixes every cloud resource, so two clusters can share one account. Default: the
   * annotated type's name in kebab case ({@code MyTestnet} becomes {@code my-testnet}).
   */
  String name() default "";

  /**
   * The DNS domain the fleet serves, for example {@code "testnet.example.com"}. Core services
   * get records below it ({@code consul.testnet.example.com}) and ingress gets a wildcard.
   * Required.
   */
  String domain();

  /**
   * The primary AWS region, for example {@code "eu-central-1"}: where the core nodes, the
   * state bucket and the KMS keys live. Required.
   */
  String region();

  /**
   * The private supernet the fleet's VPCs are carved from, for example {@code "10.0.0.0/8"}.
   * Each region gets a block of {@link #regionPrefixLength()} from it (the primary region
   * first, then the others in alphabetical order) unless a {@link Region} pins one. Must be an
   * RFC 1918 range. Default {@code "10.0.0.0/8"}.
   */
  String vpcCidr() default "10.0.0.0/8";

  /**
   * The prefix length of each region's VPC, 16 to 24. Each VPC is split into one subnet per
   * availability zone, four bits longer ({@code /16} gives {@code /20} subnets). Default 16.
   */
  int regionPrefixLength() default 16;

  /**
   * The networks allowed to reach SSH on every node, for example {@code "203.0.113.0/24"}.
   * Default: none, so SSH is closed. {@code 0.0.0.0/0} is refused unless suppressed with
   * {@code @SuppressWarnings("bitte:public-control-port")}.
   */
  String[] adminCidrs() default {};

  /**
   * SSH public keys (OpenSSH format) of the admins, installed for root on every node.
   * Default: none. Public keys only: never a private key.
   */
  String[] adminSshKeys() default {};

  /**
   * The nixpkgs flake reference the fleet pins, for example
   * {@code "github:NixOS/nixpkgs/nixos-26.05"}. Default: the current stable NixOS release.
   */
  String nixpkgs() default "github:NixOS/nixpkgs/nixos-26.05";

  /**
   * The S3 bucket holding Terraform state. Default: {@code <name>-bitte-state}. Bucket names
   * are global: set this when the default is taken.
   */
  String stateBucket() default "";

  /** Tags put on every cloud resource, besides {@code Cluster = <name>}. Default: none. */
  Tag[] tags() default {};

  /**
   * Regions whose VPC block is pinned, so adding a region later never renumbers the others.
   * Default: none (blocks are assigned in order, the primary region first).
   */
  Region[] regions() default {};

  /**
   * Instance types the built-in EC2 table does not know (new or custom types). Default: none.
   */
  InstanceType[] instanceTypes() default {};

  /**
   * How Nomad's schedulers rank the clients an allocation fits on ({@code scheduler_algorithm}):
   * {@link SchedulerAlgorithm#BINPACK} fills the busiest client first, {@link SchedulerAlgorithm#SPREAD}
   * prefers the emptiest. The compile-time placement of the cluster's jobs uses the same
   * algorithm. Default {@code BINPACK}, Nomad's default.
   */
  SchedulerAlgorithm scheduler() default SchedulerAlgorithm.BINPACK;

  /**
   * The CPU or memory use, in percent of what a client group offers at its {@code desired}
   * size (after the Nomad client's reserve), above which the compile warns
   * ({@code bitte:utilization}): little headroom for deployments (canaries run beside the old
   * allocations), rescheduling after a node failure, or growth. 1 to 100; 100 turns the warning
   * off. Default 85, for example {@code utilizationWarningPercent = 70} for more headroom.
   */
  int utilizationWarningPercent() default 85;
}
