package dev.bitte.processor.plan;

import dev.bitte.processor.model.Cidr;

/** The subnet of one availability zone. */
public record SubnetPlan(String region, String az, Cidr cidr) {
  /** The zone's letter, e.g. {@code a}; used in resource names. */
  public String zoneLetter() {
    return az.substring(region.length());
  }
}
