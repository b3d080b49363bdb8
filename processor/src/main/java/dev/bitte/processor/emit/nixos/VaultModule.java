package dev.bitte.processor.emit.nixos;

import java.util.List;

/** {@code modules/vault-server.nix}: Raft storage over the servers, KMS auto-unseal, TLS listener. */
public record VaultModule(String region, List<String> serverIps) {
  public VaultModule {
    serverIps = List.copyOf(serverIps);
  }
}
