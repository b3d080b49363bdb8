package dev.bitte;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A Nomad task, on a type nested in a {@link Group} type.
 *
 * <pre>{@code
 * @Task(driver = Driver.DOCKER, image = "ghcr.io/acme/web:1.4.2", ports = "http",
 *       cpu = 500, memoryMb = 256, env = @Env(name = "PORT", value = "8080"))
 * interface Server {}
 * }</pre>
 *
 * <p>The group's tasks together must fit on an eligible client after the share reserved for the
 * Nomad client itself (500 MHz and 512 MiB).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(java.lang.annotation.ElementType.TYPE)
public @interface Task {
  /** The task's name, a DNS label unique in the group. Default: the type's name in kebab case. */
  String name() default "";

  /** The driver. Required. */
  Driver driver();

  /** The image, {@link Driver#DOCKER} only (and required there), e.g. {@code "postgres:16.4"}. Default "". */
  String image() default "";

  /**
   * The command: the entry point override for Docker, the program for {@link Driver#EXEC} and
   * {@link Driver#RAW_EXEC} (required there). Default "".
   */
  String command() default "";

  /** The command's arguments. Default: none. */
  String[] args() default {};

  /** The jar, {@link Driver#JAVA} only (and required there), e.g. {@code "local/app.jar"}. Default "". */
  String jar() default "";

  /** JVM options, {@link Driver#JAVA} only, e.g. {@code "-Xmx256m"}. Default: none. */
  String[] jvmOptions() default {};

  /** Labels of the group's {@link Port}s the Docker container publishes. Default: none. */
  String[] ports() default {};

  /** CPU in MHz, at least 1 (or use {@link #cores()}). Default 100. */
  int cpu() default 100;

  /** Whole CPU cores reserved exclusively; when above 0 it replaces {@link #cpu()}. Default 0. */
  int cores() default 0;

  /** Memory in MiB, at least 10. Default 300. */
  int memoryMb() default 300;

  /** Memory the task may burst to in MiB, at least {@link #memoryMb()}; 0 for no oversubscription. Default 0. */
  int memoryMaxMb() default 0;

  /** Environment variables. Default: none. */
  Env[] env() default {};

  /** Files rendered by Nomad's template engine (consul-template). Default: none. */
  Template[] templates() default {};

  /** Files fetched before the task starts. Default: none. */
  Artifact[] artifacts() default {};

  /** Vault policies the task's token gets; each must be declared with {@link VaultPolicy}. Default: none. */
  String[] vaultPolicies() default {};

  /** When the task runs relative to the main tasks. Default {@link Lifecycle#MAIN}. */
  Lifecycle lifecycle() default Lifecycle.MAIN;

  /** Whether a prestart/poststart task keeps running beside the main tasks. Default false. */
  boolean sidecar() default false;

  /** The group's volumes mounted into the task. Default: none. */
  VolumeMount[] volumeMounts() default {};

  /**
   * Consul services the task registers itself (Nomad's task-level {@code service}): for a service
   * whose health is the task's, next to others in the group. Their port is a label of the group's
   * network. Connect ({@code connect}, {@code upstreams}) is for group services only. Default: none.
   */
  Service[] services() default {};

  /** How long Nomad waits after the kill signal before force-killing, a Go duration. Default {@code "5s"}. */
  String killTimeout() default "5s";

  /** Log files kept, at least 1. Default 10. */
  int logMaxFiles() default 10;

  /** Size of each log file in MB, at least 1. Default 10. */
  int logMaxFileSizeMb() default 10;
}
