package dev.bitte.processor.plan;

import dev.bitte.processor.catalog.InstanceSpec;
import dev.bitte.processor.model.ClientGroup;
import java.util.List;

/**
 * A client group with its subnets (one per zone it spans) and its inbound rules.
 *
 * @param ports the Nomad client's rules, then the group's own extra rules, then (once jobs are
 *     bound, {@link FleetPlan#withJobs}) one rule per static job port that may land on it
 */
public record GroupPlan(ClientGroup group, InstanceSpec instance, List<SubnetPlan> subnets, List<PortRule> ports) {
  public GroupPlan {
    subnets = List.copyOf(subnets);
    ports = List.copyOf(ports);
  }

  /** The same group with other inbound rules. */
  public GroupPlan withPorts(List<PortRule> rules) {
    return new GroupPlan(group, instance, subnets, rules);
  }

  public String name() {
    return group.name();
  }

  public String region() {
    return group.region();
  }
}
