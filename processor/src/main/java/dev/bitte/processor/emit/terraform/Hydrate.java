package dev.bitte.processor.emit.terraform;

import dev.bitte.processor.model.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the {@code hydrate} workspace configures inside Vault, Consul and Nomad, collected from
 * later stages (the Nomad jobs stage adds namespaces, the policies its tasks use and the
 * intentions of their Connect upstreams). Sorted by name, so the order in which stages add never
 * shows in the output. Adding the same name twice with different content is an error.
 */
public final class Hydrate {
  /** A Consul service-intentions source: who may call the destination, and whether allowed. */
  public record Intention(String source, String action) {}

  private final SortedMap<String, String> namespaces = new TreeMap<>();
  private final SortedMap<String, String> vaultPolicies = new TreeMap<>();
  private final SortedMap<String, SortedMap<String, String>> intentions = new TreeMap<>();
  private final SortedMap<String, VaultRole> vaultRoles = new TreeMap<>();

  /** A Vault JWT role for the tasks of one name in one job: the claims it is bound to, its policies. */
  public record VaultRole(String namespace, String jobId, String task, List<String> policies) {
    public VaultRole {
      policies = List.copyOf(policies);
    }

    /** {@code bitte.<namespace>.<job>.<task>}: the name tasks give in their {@code vault { role }}. */
    public String name() {
      return dev.bitte.processor.model.Job.vaultRoleName(namespace, jobId, task);
    }
  }

  /**
   * A Vault JWT role (Nomad workload identities) for the tasks named {@code task} of job {@code
   * jobId} in {@code namespace}: all three must be DNS labels (the role's name and resource key are
   * made of them), the policies given by name.
   */
  public Hydrate vaultRole(String namespace, String jobId, String task, List<String> policies) {
    for (String label : List.of(namespace, jobId, task)) {
      if (!Names.isDnsLabel(label)) {
        throw new IllegalArgumentException("not a DNS label: \"" + label + "\" (Vault role of " + namespace + "/" + jobId + "/" + task + ")");
      }
    }
    VaultRole role = new VaultRole(namespace, jobId, task, policies);
    VaultRole old = vaultRoles.putIfAbsent(role.name(), role);
    if (old != null && !old.equals(role)) {
      throw new IllegalStateException("Vault role \"" + role.name() + "\" added twice with different content");
    }
    return this;
  }

  SortedMap<String, VaultRole> vaultRoles() {
    return vaultRoles;
  }

  /** A Nomad namespace. */
  public Hydrate nomadNamespace(String name, String description) {
    put(namespaces, "Nomad namespace", name, description);
    return this;
  }

  /** A Vault ACL policy, in Vault's policy HCL. */
  public Hydrate vaultPolicy(String name, String policyHcl) {
    put(vaultPolicies, "Vault policy", name, policyHcl);
    return this;
  }

  /** A Consul intention: {@code source} may ({@code allow}) or may not ({@code deny}) call {@code destination}. */
  public Hydrate consulIntention(String source, String destination, boolean allow) {
    put(intentions.computeIfAbsent(destination, d -> new TreeMap<>()), "Consul intention to " + destination, source, allow ? "allow" : "deny");
    return this;
  }

  private static void put(Map<String, String> map, String what, String name, String value) {
    if (!Names.isDnsLabel(name) && !name.matches("[A-Za-z0-9_.-]{1,128}")) {
      throw new IllegalArgumentException(what + " name \"" + name + "\" is not a valid name");
    }
    String old = map.putIfAbsent(name, value);
    if (old != null && !old.equals(value)) {
      throw new IllegalStateException(what + " \"" + name + "\" added twice with different content");
    }
  }

  SortedMap<String, String> namespaces() {
    return namespaces;
  }

  SortedMap<String, String> vaultPolicies() {
    return vaultPolicies;
  }

  /** destination → its sources in name order. */
  SortedMap<String, List<Intention>> intentions() {
    SortedMap<String, List<Intention>> out = new TreeMap<>();
    intentions.forEach((dest, sources) -> {
      List<Intention> list = new ArrayList<>();
      sources.forEach((s, a) -> list.add(new Intention(s, a)));
      out.put(dest, List.copyOf(list));
    });
    return out;
  }

  /** A later stage's contribution to {@code hydrate}, called once per fleet. */
  @FunctionalInterface
  public interface Contribution {
    void contribute(dev.bitte.processor.plan.FleetPlan plan, Hydrate hydrate);
  }
}
