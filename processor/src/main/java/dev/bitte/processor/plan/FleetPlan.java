package dev.bitte.processor.plan;

import dev.bitte.Role;
import dev.bitte.processor.catalog.InstanceSpec;
import dev.bitte.processor.model.Cidr;
import dev.bitte.processor.model.Fleet;
import dev.bitte.processor.model.Ipv4;
import java.util.List;
import java.util.Map;

/**
 * Everything derived from a valid fleet: the address plan, node placement and the ports each
 * node opens. Writers read only this (and the model it holds).
 *
 * @param instanceTypes the instance types in use (built-in or declared), by name
 * @param nixosModuleFiles the extra NixOS modules named on {@code @Core}/{@code @AutoscalingGroup}
 *     ({@code nixosModules}), path as written → content, read from the project directory when
 *     they were validated, so writers copy them without touching the file system
 */
public record FleetPlan(
    Fleet fleet,
    List<RegionPlan> regions,
    List<NodePlan> coreNodes,
    List<GroupPlan> groups,
    Map<String, InstanceSpec> instanceTypes,
    java.util.SortedMap<String, String> nixosModuleFiles) {

  /** Terraform workspaces, in apply order. */
  public static final List<String> WORKSPACES = List.of("bootstrap", "network", "core", "clients", "hydrate");

  /** The runner's steps, in order. */
  public static final List<String> APPLY_ORDER = List.of("bootstrap", "network", "core", "secrets", "deploy-core", "clients", "hydrate", "jobs");

  /** Where on a host the runner places secrets; modules reference files under it, never their content. */
  public static final String SECRETS_DIR = "/var/lib/bitte/secrets";

  public FleetPlan {
    regions = List.copyOf(regions);
    coreNodes = List.copyOf(coreNodes);
    groups = List.copyOf(groups);
    instanceTypes = Map.copyOf(instanceTypes);
    nixosModuleFiles = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(nixosModuleFiles));
  }

  public FleetPlan(Fleet fleet, List<RegionPlan> regions, List<NodePlan> coreNodes, List<GroupPlan> groups, Map<String, InstanceSpec> instanceTypes) {
    this(fleet, regions, coreNodes, groups, instanceTypes, new java.util.TreeMap<>());
  }

  /** This plan with the contents of the extra NixOS module files. */
  public FleetPlan withNixosModuleFiles(Map<String, String> files) {
    return new FleetPlan(fleet, regions, coreNodes, groups, instanceTypes, new java.util.TreeMap<>(files));
  }

  public String name() {
    return fleet.name();
  }

  /**
   * The EC2 tag that Consul and Nomad cloud auto-join match: Terraform puts
   * {@code bitte-join = <cluster>-<role>} on every instance, and the NixOS modules join
   * {@code <cluster>-server}. One definition so the two cannot drift apart.
   */
  public static final String JOIN_TAG = "bitte-join";

  /** The value of {@link #JOIN_TAG} on instances of a role ({@code server}, {@code monitoring}, {@code client} ...). */
  public String joinTagValue(String role) {
    return name() + "-" + role;
  }

  /** go-discover's address for the servers, as Consul's and Nomad's {@code retry_join} take it. */
  public String serverCloudJoin() {
    return "provider=aws region=" + fleet.primaryRegion() + " tag_key=" + JOIN_TAG + " tag_value=" + joinTagValue("server");
  }

  public RegionPlan primaryRegion() {
    return regions.get(0);
  }

  public RegionPlan region(String name) {
    return regions.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow(() -> new IllegalArgumentException(name));
  }

  public List<NodePlan> servers() {
    return coreNodes.stream().filter(n -> n.role() == Role.SERVER).toList();
  }

  /** The servers' private IPs in node order: the retry_join list of Consul, Nomad and Vault. */
  public List<Ipv4> serverIps() {
    return servers().stream().map(NodePlan::privateIp).toList();
  }

  public NodePlan node(Role role) {
    return coreNodes.stream().filter(n -> n.role() == role).findFirst().orElse(null);
  }

  /** Every region's VPC CIDR: the sources that {@link Scope#VPC} stands for. */
  public List<Cidr> vpcCidrs() {
    return regions.stream().map(RegionPlan::cidr).toList();
  }
}
