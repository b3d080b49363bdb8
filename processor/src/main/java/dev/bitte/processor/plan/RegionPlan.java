package dev.bitte.processor.plan;

import dev.bitte.processor.model.Cidr;
import java.util.List;

/** A region's VPC and one subnet per availability zone. */
public record RegionPlan(String name, Cidr cidr, boolean primary, List<SubnetPlan> subnets) {
  public RegionPlan {
    subnets = List.copyOf(subnets);
  }

  public SubnetPlan subnet(String az) {
    return subnets.stream().filter(s -> s.az().equals(az)).findFirst().orElseThrow(() -> new IllegalArgumentException(az));
  }
}
