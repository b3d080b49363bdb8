package dev.bitte.processor.plan;

import dev.bitte.Role;
import dev.bitte.processor.catalog.InstanceSpec;
import dev.bitte.processor.model.Cidr;
import dev.bitte.processor.model.Fleet;
import dev.bitte.processor.model.Ipv4;
import dev.bitte.processor.model.Job;
import dev.bitte.processor.schedule.CapacityReport;
import dev.bitte.processor.schedule.JobRequests;
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
 * @param capacity every task group of {@code jobs} placed on the client groups at min, desired
 *     and max size with the cluster's scheduler algorithm; null in a plan that has not been
 *     through {@link #withJobs}, whose {@link #capacity()} places nothing on the empty groups
 */
public record FleetPlan(
    Fleet fleet,
    List<RegionPlan> regions,
    List<NodePlan> coreNodes,
    List<GroupPlan> groups,
    Map<String, InstanceSpec> instanceTypes,
    java.util.SortedMap<String, String> nixosModuleFiles,
    List<Job> jobs,
    HydratePlan hydrate,
    CapacityReport capacity) {

  /** Terraform workspaces, in apply order. */
  public static final List<String> WORKSPACES = List.of("bootstrap", "network", "core", "clients", "hydrate");

  /** The runner's steps, in order. */
  public static final List<String> APPLY_ORDER = List.of("bootstrap", "network", "core", "secrets", "deploy-core", "clients", "hydrate", "jobs");

  /** Where on a host the runner places secrets; modules reference files under it, never their content. */
  public static final String SECRETS_DIR = "/var/lib/bitte/secrets";

  /**
   * The key prefix in the state bucket under which the runner uploads a client group's secrets
   * (the files below {@link #SECRETS_DIR} its instances need): the group's instance role may read
   * only this prefix (Terraform), its instances fetch it at boot (NixOS), the runner writes it
   * (from the manifest). One definition for the three.
   */
  public String groupSecretsPrefix(GroupPlan group) {
    return "bitte/" + name() + "/secrets/" + group.name() + "/";
  }

  /**
   * {@code <cluster>-<group>}: the name of a client group's auto scaling group, launch template and
   * IAM role (Terraform), and the group the runner refreshes (from the manifest).
   */
  public String groupCloudName(GroupPlan group) {
    return name() + "-" + group.name();
  }

  public FleetPlan {
    regions = List.copyOf(regions);
    coreNodes = List.copyOf(coreNodes);
    groups = List.copyOf(groups);
    instanceTypes = Map.copyOf(instanceTypes);
    nixosModuleFiles = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(nixosModuleFiles));
    jobs = jobs.stream().sorted(java.util.Comparator.comparing(Job::namespace).thenComparing(Job::id)).toList();
  }

  /**
   * The jobs' placement ({@code capacity} above). The planner's plan leaves it to
   * {@link #withJobs}, which the processor always calls (with no jobs too) before anything reads
   * it: planning every client node at three sizes for an empty job list was a tenth of a cold
   * compile's processor time. A plan without jobs computes the empty placement here, each call.
   */
  @Override
  public CapacityReport capacity() {
    return capacity != null ? capacity : CapacityReport.of(groups, List.of(), JobRequests.algorithm(fleet.scheduler()));
  }

  /** A plan without module files and jobs, as the planner makes it. */
  public FleetPlan(Fleet fleet, List<RegionPlan> regions, List<NodePlan> coreNodes, List<GroupPlan> groups, Map<String, InstanceSpec> instanceTypes) {
    this(fleet, regions, coreNodes, groups, instanceTypes, new java.util.TreeMap<>(), List.of(), HydratePlan.EMPTY, null);
  }

  /** This plan with the contents of the extra NixOS module files. */
  public FleetPlan withNixosModuleFiles(Map<String, String> files) {
    return new FleetPlan(fleet, regions, coreNodes, groups, instanceTypes, new java.util.TreeMap<>(files), jobs, hydrate, capacity);
  }

  /**
   * This plan with the given jobs bound to it, and what derives from them: the hydrate plan; the
   * client groups' port rules with every static job port that may land on them (so the security
   * groups and the NixOS firewalls both open them); and the capacity plan, every task group
   * placed at min, desired and max. Binding again replaces the previous jobs.
   */
  public FleetPlan withJobs(List<Job> jobs, List<dev.bitte.processor.model.VaultPolicySpec> clusterPolicies) {
    List<GroupPlan> bare = groups.stream().map(g -> g.withPorts(g.ports().stream()
        .filter(r -> !r.service().startsWith(JobPort.SERVICE_PREFIX)).toList())).toList();
    FleetPlan bound = new FleetPlan(fleet, regions, coreNodes, bare, instanceTypes, nixosModuleFiles, jobs,
        HydratePlan.of(jobs, clusterPolicies), capacity);
    List<JobPort> jobPorts = bound.jobStaticPorts();
    List<GroupPlan> opened = bare.stream().map(g -> g.withPorts(withJobPorts(g, jobPorts))).toList();
    FleetPlan withPorts = new FleetPlan(fleet, regions, coreNodes, opened, instanceTypes, nixosModuleFiles, jobs, bound.hydrate(), capacity);
    CapacityReport report = CapacityReport.of(opened, JobRequests.of(withPorts), JobRequests.algorithm(fleet.scheduler()));
    return new FleetPlan(fleet, regions, coreNodes, opened, instanceTypes, nixosModuleFiles, jobs, bound.hydrate(), report);
  }

  /**
   * The group's rules, then a rule per static job port that may land on it and per protocol it
   * declares ({@code @Port(protocol)}: TCP, UDP or both; the first job by namespace, id and group
   * names it: two jobs cannot share a static port on one client), open to the fleet's VPCs like
   * Nomad's dynamic ports.
   */
  private List<PortRule> withJobPorts(GroupPlan g, List<JobPort> jobPorts) {
    List<PortRule> out = new java.util.ArrayList<>(g.ports());
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (JobPort p : jobPorts) {
      if (!p.clientGroup().equals(g.name())) {
        continue;
      }
      for (String transport : p.transports()) {
        if (seen.add(p.port() + "/" + transport)) {
          out.add(new PortRule(p.service(), p.port(), p.port(), transport, Scope.VPC, vpcCidrs(),
              "static port " + p.label() + " of job " + p.namespace() + "/" + p.job()));
        }
      }
    }
    return out;
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
              out.add(new JobPort(c.name(), p.value(), job.namespace(), job.id(), g.name(), p.label(), p.transports()));
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
