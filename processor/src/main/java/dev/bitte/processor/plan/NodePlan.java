package dev.bitte.processor.plan;

import dev.bitte.Role;
import dev.bitte.processor.catalog.InstanceSpec;
import dev.bitte.processor.model.CoreSpec;
import dev.bitte.processor.model.Ipv4;
import java.util.List;

/**
 * A core node with its place in the address plan.
 *
 * @param ports every inbound rule of the node: its role's, then its own extra rules
 */
public record NodePlan(String name, Role role, CoreSpec spec, InstanceSpec instance, SubnetPlan subnet, Ipv4 privateIp, List<PortRule> ports) {
  public NodePlan {
    ports = List.copyOf(ports);
  }

  public String region() {
    return subnet.region();
  }

  public String az() {
    return subnet.az();
  }
}
