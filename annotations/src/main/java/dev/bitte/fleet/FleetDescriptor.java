package dev.bitte.fleet;

import java.util.List;

/**
 * A compiled fleet, as the processor generated it: implemented by the generated
 * {@code <Cluster>Fleet} class and registered in {@code META-INF/services}, so that tools (the
 * {@code bitte} runner, tests) can list the fleets on a classpath with {@link
 * java.util.ServiceLoader}.
 */
public interface FleetDescriptor {
  /** The cluster's name, e.g. {@code my-testnet}. */
  String name();

  /** The cluster's DNS domain. */
  String domain();

  /** The primary region. */
  String primaryRegion();

  /** The class-path folder of the artifacts, e.g. {@code bitte/my-testnet}. */
  default String artifactRoot() {
    return "bitte/" + name();
  }

  /** Every core node, in name order. */
  List<Node> coreNodes();

  /** Every client group, in name order. */
  List<ClientGroup> clientGroups();

  /** The ids of the Nomad jobs compiled against this fleet, as {@code namespace/id}. */
  List<String> jobs();

  /** A core node with its planned address. */
  record Node(String name, String role, String region, String az, String privateIp, String instanceType) {}

  /** A client group with its sizes. */
  record ClientGroup(String name, String region, String nodeClass, String instanceType, int min, int desired, int max) {}
}
