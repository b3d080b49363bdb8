package dev.bitte.processor.model;

import dev.bitte.JobType;
import dev.bitte.processor.diag.Source;
import java.util.List;

/**
 * A {@code @Job} as written, defaults applied except {@code datacenters} (empty: every region of
 * the fleet, resolved by {@link #datacentersIn}).
 *
 * @param cluster the qualified name of the {@code @Cluster} type it runs on
 * @param javaQualifiedName the annotated type
 * @param vaultPolicies the policies declared on the job type
 * @param constraints job-level constraints, for every group (before the group's own)
 * @param affinities job-level affinities, for every group
 * @param spreads job-level spreads, for every group
 */
public record Job(
    String id,
    String cluster,
    String namespace,
    JobType type,
    List<String> datacenters,
    int priority,
    String periodic,
    boolean prohibitOverlap,
    boolean parameterized,
    List<String> requiredMeta,
    List<KeyValue> meta,
    List<ConstraintSpec> constraints,
    List<ConstraintSpec> affinities,
    List<SpreadSpec> spreads,
    List<TaskGroup> groups,
    List<VaultPolicySpec> vaultPolicies,
    String javaQualifiedName,
    Source source) {

  public Job {
    datacenters = List.copyOf(datacenters);
    requiredMeta = List.copyOf(requiredMeta);
    meta = List.copyOf(meta);
    constraints = List.copyOf(constraints);
    affinities = List.copyOf(affinities);
    spreads = List.copyOf(spreads);
    groups = List.copyOf(groups);
    vaultPolicies = List.copyOf(vaultPolicies);
  }

  /** The datacenters as written, or every region of the fleet when none were written. */
  public List<String> datacentersIn(List<String> fleetRegions) {
    return datacenters.isEmpty() ? List.copyOf(fleetRegions) : datacenters;
  }

  /** {@code nomad/<namespace>/<id>.nomad.hcl}, relative to {@code bitte/<cluster>/}. */
  public String path() {
    return "nomad/" + namespace + "/" + id + ".nomad.hcl";
  }

  /**
   * The Vault JWT role its tasks log in with (Nomad's workload identities: a task's Vault token
   * carries the role's policies, the hydrate workspace's role for this job); null when no task
   * asks for Vault policies. {@code bitte.<namespace>.<id>}: both are DNS labels, which have no
   * dots, so two jobs never share a role.
   */
  public String vaultRole() {
    boolean vault = groups.stream().flatMap(g -> g.tasks().stream()).anyMatch(t -> !t.vaultPolicies().isEmpty());
    return vault ? "bitte." + namespace + "." + id : null;
  }

  /** The Vault policies of every task, sorted, once each: the role's token policies. */
  public List<String> vaultPolicyNames() {
    return groups.stream().flatMap(g -> g.tasks().stream()).flatMap(t -> t.vaultPolicies().stream()).distinct().sorted().toList();
  }

  /** Whether the scheduler places it on every eligible node (count is ignored). */
  public boolean onEveryNode() {
    return type == JobType.SYSTEM || type == JobType.SYSBATCH;
  }
}
