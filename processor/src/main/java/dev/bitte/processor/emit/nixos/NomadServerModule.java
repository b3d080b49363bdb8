package dev.bitte.processor.emit.nixos;

import java.util.List;

/** {@code modules/nomad-server.nix}. The servers' datacenter is the primary region. */
public record NomadServerModule(String datacenter, int bootstrapExpect, List<String> serverIps) {
  public NomadServerModule {
    serverIps = List.copyOf(serverIps);
  }
}
