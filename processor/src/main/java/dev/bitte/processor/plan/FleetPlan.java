package dev.bitte.processor.plan;

import dev.bitte.Role;
import dev.bitte.processor.catalog.InstanceSpec;
import dev.bitte.processor.model.Cidr;
import dev.bitte.processor.model.Fleet;
import dev.bitte.processor.model.Ipv4;
import dev.bitte.processor.model.Job;
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
 * @param jobs the valid jobs bound to this fleet, sorted by namespace then id (empty until the
 *     processor has bound them with {@link #withJobs})
 * @param hydrate what the {@code hydrate} workspace creates for the jobs
 */
public record FleetPlan(
    Fleet fleet,
    List<RegionPlan> regions,
    List<NodePlan> coreNodes,
    List<GroupPlan> groups,
    Map<String, InstanceSpec> instanceTypes,
    java.util.SortedMap<String, String> nixosModuleFiles,
    List<Job> jobs,
    HydratePlan hydrate) {

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
    jobs = jobs.stream().sorted(java.util.Comparator.comparing(Job::namespace).thenComparing(Job::id)).toList();
  }

  /** A plan without module files and jobs, as the planner makes it. */
  public FleetPlan(Fleet fleet, List<RegionPlan> regions, List<NodePlan> coreNodes, List<GroupPlan> groups, Map<String, InstanceSpec> instanceTypes) {
    this(fleet, regions, coreNodes, groups, instanceTypes, new java.util.TreeMap<>(), List.of(), HydratePlan.EMPTY);
  }

  /** This plan with the contents of the extra NixOS module files. */
  public FleetPlan withNixosModuleFiles(Map<String, String> files) {
    return new FleetPlan(fleet, regions, coreNodes, groups, instanceTypes, new java.util.TreeMap<>(files), jobs, hydrate);
  }

  /** This plan with the given jobs bound to it, and the hydrate plan derived from them. */
  public FleetPlan withJobs(List<Job> jobs, List<dev.bitte.processor.model.VaultPolicySpec> clusterPolicies) {
    return new FleetPlan(fleet, regions, coreNodes, groups, instanceTypes, nixosModuleFiles, jobs, HydratePlan.of(jobs, clusterPolicies));
  }

  /**
   * The client groups a job's task group can land on: those in the job's datacenters whose node
   * class is the group's (any class when it names none).
   */
  public List<GroupPlan> eligibleGroups(Job job, dev.bitte.processor.model.TaskGroup group) {
    List<String> dcs = job.datacentersIn(regionNames());
    return groups.stream()
        .filter(c -> dcs.contains(c.region()))
        .filter(c -> group.nodeClass().isEmpty() || c.group().nodeClass().equals(group.nodeClass()))
        .toList();
  }

  /** Every static port of the jobs, on every client group it can land on; sorted by client group, port, job. */
  public List<JobPort> jobStaticPorts() {
    List<JobPort> out = new java.util.ArrayList<>();
    for (Job job : jobs) {
      for (dev.bitte.processor.model.TaskGroup g : job.groups()) {
        for (dev.bitte.processor.model.Port p : g.ports()) {
          if (p.isStatic()) {
            for (GroupPlan c : eligibleGroups(job, g)) {
              out.add(new JobPort(c.name(), p.value(), job.namespace(), job.id(), g.name(), p.label()));
            }
          }
        }
      }
    }
    out.sort(java.util.Comparator.comparing(JobPort::clientGroup).thenComparingInt(JobPort::port)
        .thenComparing(JobPort::namespace).thenComparing(JobPort::job).thenComparing(JobPort::group));
    return List.copyOf(out);
  }

  /** The fleet's region names, primary first (what {@code @Job(datacenters)} defaults to). */
  public List<String> regionNames() {
    return regions.stream().map(RegionPlan::name).toList();
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
