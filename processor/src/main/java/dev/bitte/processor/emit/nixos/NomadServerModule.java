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
}
