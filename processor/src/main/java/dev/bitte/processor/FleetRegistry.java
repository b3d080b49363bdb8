package dev.bitte.processor;

import dev.bitte.processor.diag.Diagnostic;
import dev.bitte.processor.diag.Diagnostics;
import dev.bitte.processor.diag.Rule;
import dev.bitte.processor.diag.Severity;
import dev.bitte.processor.model.Fleet;
import dev.bitte.processor.model.Job;
import dev.bitte.processor.model.VaultPolicySpec;
import dev.bitte.processor.plan.FleetPlan;
import dev.bitte.processor.plan.FleetPlanner;
import dev.bitte.processor.read.ClusterReader;
import dev.bitte.processor.read.JobReader;
import dev.bitte.processor.read.Mirrors;
import dev.bitte.processor.validate.FleetValidator;
import dev.bitte.processor.validate.JobValidator;
import dev.bitte.processor.validate.NixosModuleValidator;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.lang.model.element.TypeElement;

/**
 * The fleets of a compile: each {@code @Cluster} type of the compilation read, validated and
 * planned once ({@link #register}), and the clusters that jobs of this compilation run on but
 * whose types come from class files ({@link #forJob}). Keyed by the cluster type's qualified name.
 */
final class FleetRegistry {
  private final ClusterReader clusterReader;
  private final JobReader jobReader;
  private final Path projectDir;
  private final Reporter reporter;
  private final Timings timings;

  /** Every cluster name seen (valid or not), to report duplicates: name → type. */
  private final Map<String, String> clusterNames = new LinkedHashMap<>();
  /** Planned, valid fleets by the qualified name of their @Cluster type: from this compilation, then from class files. */
  private final SortedMap<String, FleetPlan> plansByType = new TreeMap<>();
  /** @Cluster types of this compilation (valid or not): a job of an invalid one waits for the fleet's errors to be fixed. */
  private final Set<String> sourceClusters = new TreeSet<>();
  /** Fleets read from class files for jobs of this compilation: their jobs are written here, their infrastructure is not. */
  private final Set<String> externalClusters = new TreeSet<>();
  /** Vault policies declared on each cluster type. */
  private final Map<String, List<VaultPolicySpec>> clusterPolicies = new HashMap<>();

  FleetRegistry(ClusterReader clusterReader, JobReader jobReader, Path projectDir, Reporter reporter, Timings timings) {
    this.clusterReader = clusterReader;
    this.jobReader = jobReader;
    this.projectDir = projectDir;
    this.reporter = reporter;
    this.timings = timings;
  }

  /**
   * Reads, validates and plans a {@code @Cluster} type of this compilation, reporting what is
   * wrong; its plan, or null when it has errors.
   */
  FleetPlan register(TypeElement type) {
    long t = timings.start();
    Diagnostics diagnostics = new Diagnostics();
    Fleet fleet = clusterReader.read(type);
    t = timings.stop("read cluster", t);
    String qualified = type.getQualifiedName().toString();
    String previous = clusterNames.putIfAbsent(fleet.name(), qualified);
    if (previous != null && !previous.equals(qualified)) {
      diagnostics.error(Rule.DUPLICATE_NAME, fleet.source().at("name"), "cluster name \"" + fleet.name() + "\" is already used by " + previous
          + "; the artifacts of both would go to bitte/" + fleet.name() + "/. Give this cluster another name.");
    }
    new FleetValidator(diagnostics).validate(fleet);
    List<VaultPolicySpec> policies = jobReader.vaultPolicies(type);
    new JobValidator(diagnostics).policies(policies);
    sourceClusters.add(qualified);
    // Extra NixOS modules are read here, once, so the writers stay pure.
    var nixosModules = new NixosModuleValidator(diagnostics, projectDir).validate(fleet);
    t = timings.stop("validate cluster", t);
    FleetPlan plan = null;
    if (!diagnostics.hasErrors()) {
      plan = new FleetPlanner(diagnostics).plan(fleet);
    }
    timings.stop("plan", t);
    if (plan != null) {
      plan = plan.withNixosModuleFiles(nixosModules);
    }
    reporter.report(qualified, diagnostics);
    if (plan == null || diagnostics.hasErrors()) {
      return null;
    }
    plansByType.put(qualified, plan);
    clusterPolicies.put(qualified, policies);
    return plan;
  }

  /**
   * The plan of the job's cluster: one planned in this compilation (matched by qualified name),
   * or one read from its class file. Null (with an error when it is the job's fault) otherwise.
   */
  FleetPlan forJob(TypeElement jobType, Job job, Diagnostics diagnostics) {
    TypeElement cluster = jobReader.clusterType(jobType);
    if (cluster == null || Mirrors.find(cluster, ClusterReader.CLUSTER) == null) {
      diagnostics.error(Rule.JOB_CLUSTER, job.source().at("cluster"), "job \"" + job.id() + "\" names cluster "
          + (cluster == null ? "that is not a class" : cluster.getQualifiedName() + ".class")
          + ", which is not annotated with @Cluster. Name the @Cluster type of the fleet the job runs on.");
      return null;
    }
    String qualified = cluster.getQualifiedName().toString();
    FleetPlan plan = plansByType.get(qualified);
    if (plan != null || sourceClusters.contains(qualified)) {
      return plan; // null: the cluster has errors of its own, already reported
    }
    Diagnostics fleetDiagnostics = new Diagnostics();
    Fleet fleet = clusterReader.read(cluster);
    new FleetValidator(fleetDiagnostics).validate(fleet);
    List<VaultPolicySpec> policies = jobReader.vaultPolicies(cluster);
    new JobValidator(fleetDiagnostics).policies(policies);
    if (!fleetDiagnostics.hasErrors()) {
      plan = new FleetPlanner(fleetDiagnostics).plan(fleet);
    }
    if (plan == null || fleetDiagnostics.hasErrors()) {
      diagnostics.error(Rule.JOB_CLUSTER, job.source().at("cluster"), "job \"" + job.id() + "\" runs on cluster " + qualified
          + ", read from its class file, which has " + fleetDiagnostics.errorCount() + " error(s), the first: "
          + fleetDiagnostics.all().stream().filter(d -> d.severity() == Severity.ERROR)
              .findFirst().map(Diagnostic::text).orElse("?") + ". Rebuild the cluster's module.");
      sourceClusters.add(qualified); // report once per compile, not once per job
      return null;
    }
    plansByType.put(qualified, plan);
    clusterPolicies.put(qualified, policies);
    externalClusters.add(qualified);
    return plan;
  }

  /** Every planned fleet by the qualified name of its cluster type, sorted. */
  SortedMap<String, FleetPlan> plans() {
    return Collections.unmodifiableSortedMap(plansByType);
  }

  /** Whether the cluster type came from a class file: its own module writes its infrastructure. */
  boolean isExternal(String clusterType) {
    return externalClusters.contains(clusterType);
  }

  List<VaultPolicySpec> policies(String clusterType) {
    return clusterPolicies.getOrDefault(clusterType, List.of());
  }
}
