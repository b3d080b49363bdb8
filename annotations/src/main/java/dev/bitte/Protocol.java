package dev.bitte;

/** An IP protocol of a {@link SecurityRule}. */
public enum Protocol {
  TCP,
  UDP,
  /** Both TCP and UDP (two rules in the security group). */
  TCP_UDP,
  ICMP
}
