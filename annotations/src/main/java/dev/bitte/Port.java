package dev.bitte;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A port of a task group's network, e.g. {@code @Port(label = "http", to = 8080)} (dynamic host
 * port mapped to 8080 in the allocation) or {@code @Port(label = "dns", value = 53)} (static).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({})
public @interface Port {
  /** The label services and tasks refer to, for example {@code "http"}; unique in the group. Required. */
  String label();

  /**
   * A static host port, 1 to 65535; it must not collide with another group's static port on a
   * client both can land on. Default 0: a dynamic port chosen by Nomad.
   */
  int value() default 0;

  /** The port inside the allocation's network namespace, 0 to 65535. Default 0: the host port. */
  int to() default 0;

  /**
   * What a static port admits through the client groups' security groups and host firewalls:
   * {@code TCP} (the default), {@code UDP} (e.g. DNS, syslog) or {@code TCP_UDP}. Nomad reserves
   * the port number for both either way. Only static ports take it: Nomad's dynamic range is
   * open to the fleet's VPCs for TCP and UDP already. {@code ICMP} is not a port protocol.
   */
  Protocol protocol() default Protocol.TCP;
}
