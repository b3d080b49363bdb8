package dev.bitte;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares an EC2 instance type the built-in table lacks, e.g.
 * {@code @InstanceType(name = "m9g.large", vcpus = 2, memoryMib = 8192, arch = Arch.ARM64, clockMhz = 2800)}.
 * Used in {@link Cluster#instanceTypes()}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({})
public @interface InstanceType {
  /** The type's API name, for example {@code "m9g.large"}. Required. */
  String name();

  /** Number of vCPUs. Required, at least 1. */
  int vcpus();

  /** Memory in MiB. Required, at least 512. */
  int memoryMib();

  /** CPU architecture. Default {@link Arch#X86_64}. */
  Arch arch() default Arch.X86_64;

  /** Sustained clock per vCPU in MHz, used for Nomad's CPU shares. Default 2500. */
  int clockMhz() default 2500;
}
