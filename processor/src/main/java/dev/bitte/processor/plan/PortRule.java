package dev.bitte.processor.plan;

import dev.bitte.processor.model.Cidr;
import java.util.List;

/**
 * One inbound rule: a port range and protocol ({@code tcp}, {@code udp} or {@code icmp}) open to
 * resolved source networks. The same rules feed the security groups (Terraform) and the NixOS
 * firewall, so the two agree by construction.
 *
 * @param service what listens there, e.g. {@code consul-rpc}
 */
public record PortRule(String service, int fromPort, int toPort, String protocol, Scope scope, List<Cidr> cidrs, String description) {
  public PortRule {
    cidrs = List.copyOf(cidrs);
  }

  public boolean isRange() {
    return fromPort != toPort;
  }
}
