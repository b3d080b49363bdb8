package dev.bitte.processor.emit.nixos;

import java.util.List;

/**
 * {@code hosts/<name>.nix}: the roles a core node or client group imports, its identity
 * ({@code bitte.node}) and its firewall, which opens exactly the plan's ports for it.
 *
 * @param privateIp the node's planned address; null for a client group (members get theirs from the subnet)
 * @param nodeClass the Nomad node class; null for core nodes
 * @param client the Nomad client settings of a group; null for core nodes
 */
public record Host(
    String name,
    String kind,
    String role,
    String region,
    String az,
    String privateIp,
    String nodeClass,
    List<String> imports,
    Firewall firewall,
    Client client) {

  public Host {
    imports = List.copyOf(imports);
  }

  /** A port or a port range and what listens there. */
  public record Port(int from, int to, String service) {}

  /** {@code networking.firewall}: ports by protocol; ranges kept apart as NixOS wants them. */
  public record Firewall(List<Port> tcp, List<Port> udp, List<Port> tcpRanges, List<Port> udpRanges, boolean allowPing) {
    public Firewall {
      tcp = List.copyOf(tcp);
      udp = List.copyOf(udp);
      tcpRanges = List.copyOf(tcpRanges);
      udpRanges = List.copyOf(udpRanges);
    }
  }

  public record Meta(String key, String value) {}

  public record Volume(String name, String path, boolean readOnly) {}

  /**
   * What a client group adds to its Nomad client: meta, host volumes and the reserved resources;
   * and where its instances fetch their secrets at boot: {@code s3://<state bucket>/<prefix>}
   * ({@code FleetPlan.groupSecretsPrefix}) in the bucket's region.
   */
  public record Client(List<Meta> meta, List<Volume> hostVolumes, int reservedCpuMhz, int reservedMemoryMib,
      String secretsSource, String secretsRegion) {
    public Client {
      meta = List.copyOf(meta);
      hostVolumes = List.copyOf(hostVolumes);
    }
  }
}
