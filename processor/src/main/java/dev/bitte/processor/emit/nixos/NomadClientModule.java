package dev.bitte.processor.emit.nixos;

import java.util.List;

/** {@code modules/nomad-client.nix}: datacenter and node class come from the host's {@code bitte.node}. */
public record NomadClientModule(List<String> serverIps) {
  public NomadClientModule {
    serverIps = List.copyOf(serverIps);
  }
}
