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
   * The Vault JWT role a task of this job logs in with (Nomad's workload identities: the task's
   * Vault token carries the role's policies): {@code bitte.<namespace>.<id>.<task>}, one per task
   * name, so a task gets only the policies it asks for. Namespace, job id and task name are DNS
   * labels, which have no dots, so two tasks never share a role by accident.
   */
  public String vaultRole(String task) {
    return vaultRoleName(namespace, id, task);
  }

  /** {@code bitte.<namespace>.<job>.<task>}. */
  public static String vaultRoleName(String namespace, String jobId, String task) {
    return "bitte." + namespace + "." + jobId + "." + task;
  }

  /**
   * The Vault roles this job needs: per task name that asks for Vault policies, those policies,
   * sorted, once each. Nomad's task identity names the task but not its group, so tasks of the
   * same name in two groups share a role and its policies are the union of theirs.
   */
  public java.util.SortedMap<String, List<String>> vaultPoliciesByTask() {
    java.util.SortedMap<String, java.util.SortedSet<String>> byTask = new java.util.TreeMap<>();
    for (TaskGroup g : groups) {
      for (Task t : g.tasks()) {
        if (!t.vaultPolicies().isEmpty()) {
          byTask.computeIfAbsent(t.name(), k -> new java.util.TreeSet<>()).addAll(t.vaultPolicies());
        }
      }
    }
    java.util.SortedMap<String, List<String>> out = new java.util.TreeMap<>();
    byTask.forEach((task, policies) -> out.put(task, List.copyOf(policies)));
    return out;
  }

  /** Whether the scheduler places it on every eligible node (count is ignored). */
  public boolean onEveryNode() {
    return type == JobType.SYSTEM || type == JobType.SYSBATCH;
  }
}
