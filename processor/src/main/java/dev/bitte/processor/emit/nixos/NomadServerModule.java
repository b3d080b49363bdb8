package dev.bitte.processor.emit.nixos;

import java.util.List;

/**
 * {@code modules/nomad-server.nix}. The servers' datacenter is the primary region.
 *
 * @param schedulerAlgorithm {@code binpack} or {@code spread}, from {@code @Cluster(scheduler)}: the
 *     cluster's initial {@code default_scheduler_config}, the algorithm the compile-time placement
 *     used
 */
public record NomadServerModule(String datacenter, int bootstrapExpect, List<String> serverIps, String schedulerAlgorithm) {
  public NomadServerModule {
    serverIps = List.copyOf(serverIps);
  }

  /** The audience of the Consul identities the servers give services and tasks. */
  public String consulAudience() {
    return dev.bitte.processor.emit.WorkloadIdentities.CONSUL_AUDIENCE;
  }

  /** The audience of the Vault identities (the hydrate workspace's Vault roles accept it). */
  public String vaultAudience() {
    return dev.bitte.processor.emit.WorkloadIdentities.VAULT_AUDIENCE;
  }
}
