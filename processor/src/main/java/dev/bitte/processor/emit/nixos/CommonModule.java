package dev.bitte.processor.emit.nixos;

import java.util.List;

/**
 * {@code modules/common.nix}: what every node runs. {@code monitoringIp} is null when the fleet
 * has no monitoring node (then no agent ships logs or metrics).
 */
public record CommonModule(String cluster, String stateVersion, List<String> sshKeys, String monitoringIp) {
  public CommonModule {
    sshKeys = List.copyOf(sshKeys);
  }
}
