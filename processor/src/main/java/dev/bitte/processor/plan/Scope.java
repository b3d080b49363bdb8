package dev.bitte.processor.plan;

/** Where inbound traffic to a port may come from. */
public enum Scope {
  /** Every VPC of the fleet (the regions are peered). */
  VPC,
  /** The cluster's admin CIDRs. */
  ADMIN,
  /** The whole internet (only the routing node's HTTP/HTTPS). */
  ANYWHERE,
  /** Explicit CIDRs of a user's {@code @SecurityRule}. */
  CIDRS
}
