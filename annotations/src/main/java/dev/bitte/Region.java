package dev.bitte;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Pins the VPC block of a region, e.g. {@code @Region(name = "us-east-2", cidr = "10.1.0.0/16")}.
 * Used in {@link Cluster#regions()}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({})
public @interface Region {
  /** The AWS region, for example {@code "us-east-2"}. Required. */
  String name();

  /**
   * The region's VPC CIDR, inside the cluster's {@link Cluster#vpcCidr()} and of its
   * {@link Cluster#regionPrefixLength()}. Required.
   */
  String cidr();
}
