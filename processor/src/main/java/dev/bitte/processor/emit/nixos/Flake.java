package dev.bitte.processor.emit.nixos;

import java.util.List;

/**
 * {@code flake.nix}: nixpkgs pinned, one {@code nixosConfiguration} per core node and per client
 * group, and the BSL-licensed packages (and only those) allowed although nixpkgs marks them unfree.
 */
public record Flake(String cluster, String nixpkgs, List<String> unfree, List<String> modules, List<Configuration> configurations) {
  public Flake {
    unfree = List.copyOf(unfree);
    modules = List.copyOf(modules);
    configurations = List.copyOf(configurations);
  }

  /** One NixOS configuration: a core node or a client group (whose members share it). */
  public record Configuration(String name, String system, String kind) {}
}
