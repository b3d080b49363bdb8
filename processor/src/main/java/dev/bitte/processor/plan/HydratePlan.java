package dev.bitte.processor.plan;

import dev.bitte.processor.model.Job;
import dev.bitte.processor.model.ServiceSpec;
import dev.bitte.processor.model.TaskGroup;
import dev.bitte.processor.model.Upstream;
import dev.bitte.processor.model.VaultPolicySpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the {@code hydrate} Terraform workspace creates for the fleet's jobs, as plain data for its
 * writer: the Nomad namespaces the jobs use (other than {@code default}, which always exists), the
 * declared Vault policies, and one Consul service intention per distinct Connect upstream. Consul
 * runs with default-deny, so these intentions are exactly the calls the mesh allows.
 */
public record HydratePlan(List<String> namespaces, List<Policy> vaultPolicies, List<Intention> intentions) {
  public static final HydratePlan EMPTY = new HydratePlan(List.of(), List.of(), List.of());

  /** Nomad's namespace that exists without being created. */
  public static final String DEFAULT_NAMESPACE = "default";

  /** A Vault policy to create: its name and HCL rules. */
  public record Policy(String name, String rules) {}

  /** Allows {@code source} to call {@code destination} through the mesh; everything else is denied. */
  public record Intention(String source, String destination) {
    public String action() {
      return "allow";
    }
  }

  public HydratePlan {
    namespaces = List.copyOf(namespaces);
    vaultPolicies = List.copyOf(vaultPolicies);
    intentions = List.copyOf(intentions);
  }

  /** Derives the plan from valid jobs and the policies declared on the cluster type; sorted. */
  public static HydratePlan of(List<Job> jobs, List<VaultPolicySpec> clusterPolicies) {
    TreeSet<String> namespaces = new TreeSet<>();
    Map<String, Policy> policies = new TreeMap<>();
    TreeSet<Intention> intentions = new TreeSet<>(Comparator.comparing(Intention::source).thenComparing(Intention::destination));
    for (VaultPolicySpec p : clusterPolicies) {
      policies.putIfAbsent(p.name(), new Policy(p.name(), p.rules()));
    }
    for (Job job : jobs) {
      if (!job.namespace().equals(DEFAULT_NAMESPACE)) {
        namespaces.add(job.namespace());
      }
      for (VaultPolicySpec p : job.vaultPolicies()) {
        policies.putIfAbsent(p.name(), new Policy(p.name(), p.rules()));
      }
      for (TaskGroup g : job.groups()) {
        for (ServiceSpec s : g.services()) {
          for (Upstream u : s.upstreams()) {
            intentions.add(new Intention(s.name(), u.service()));
          }
        }
      }
    }
    return new HydratePlan(List.copyOf(namespaces), new ArrayList<>(policies.values()), List.copyOf(intentions));
  }
}
