package dev.bitte;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An extra inbound rule on a node's or group's security group (and its NixOS firewall), on
 * top of the rules the processor derives from what the node runs. Example:
 * {@code @SecurityRule(port = 9000, cidrs = "10.0.0.0/8", description = "minio")}.
 *
 * <p>SSH (22), Consul (8300-8302, 8500-8503), Nomad (4646-4648) and Vault (8200-8201) are
 * never opened to {@code 0.0.0.0/0} unless the element carries
 * {@code @SuppressWarnings("bitte:public-control-port")}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({})
public @interface SecurityRule {
  /** The first port, 1 to 65535 (ignored for ICMP). Required. */
  int port();

  /** The last port of a range; default 0 means the same as {@link #port()}. */
  int toPort() default 0;

  /** The protocol. Default {@link Protocol#TCP}. */
  Protocol protocol() default Protocol.TCP;

  /** The source networks, for example {@code "10.0.0.0/8"}. Required, at least one. */
  String[] cidrs();

  /** Why the rule exists; shown in the security group and the report. Default: none. */
  String description() default "";
}
