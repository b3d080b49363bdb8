package dev.bitte.processor.emit.nixos;

import java.util.List;

/**
 * {@code modules/consul-server.nix} or {@code modules/consul-client.nix}. One Consul datacenter,
 * named after the primary region: servers live only there and clients of other regions join it
 * over VPC peering.
 *
 * @param retryJoin the servers' private IPs, in node order
 * @param cloudJoin cloud auto-join by the {@code Cluster} tag, tried after the addresses
 */
public record ConsulModule(boolean server, String cluster, String datacenter, List<String> retryJoin, String cloudJoin, int bootstrapExpect) {
  public ConsulModule {
    retryJoin = List.copyOf(retryJoin);
  }
}
