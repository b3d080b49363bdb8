package dev.bitte.processor;

import dev.bitte.processor.diag.Diagnostic;
import dev.bitte.processor.diag.Diagnostics;
import dev.bitte.processor.diag.Rule;
import dev.bitte.processor.diag.Severity;
import dev.bitte.processor.model.Job;
import dev.bitte.processor.plan.FleetPlan;
import dev.bitte.processor.read.ClusterReader;
import dev.bitte.processor.read.ElementSource;
import dev.bitte.processor.read.JobReader;
import dev.bitte.processor.read.Mirrors;
import dev.bitte.processor.validate.JobValidator;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * The {@code @Job} types of a compile: each read and validated on its own and against its fleet
 * in its round, kept by cluster type when valid. A job whose cluster type does not resolve yet
 * waits for a later round (the type may be generated); in the last round it is reported.
 */
final class JobStage {
  private final Elements elements;
  private final JobReader jobReader;
  private final Mirrors mirrors;
  private final FleetRegistry fleets;
  private final Reporter reporter;
  private final Timings timings;

  /** Valid jobs by the qualified name of their cluster type. */
  private final Map<String, List<Job>> jobsByCluster = new TreeMap<>();
  /** Jobs whose cluster type could not be resolved yet (it may be generated in a later round), by name. */
  private final Set<String> deferredJobs = new LinkedHashSet<>();

  JobStage(Elements elements, JobReader jobReader, Mirrors mirrors, FleetRegistry fleets, Reporter reporter, Timings timings) {
    this.elements = elements;
    this.jobReader = jobReader;
    this.mirrors = mirrors;
    this.fleets = fleets;
    this.reporter = reporter;
    this.timings = timings;
  }

  /** The round's jobs and the ones deferred before; then where @Group, @Task and @VaultPolicy sit. */
  void process(RoundEnvironment round) {
    TypeElement jobAnnotation = elements.getTypeElement(JobReader.JOB);
    if (jobAnnotation == null) {
      return;
    }
    Set<String> names = new LinkedHashSet<>(deferredJobs);
    deferredJobs.clear();
    for (TypeElement type : ElementFilter.typesIn(round.getElementsAnnotatedWith(jobAnnotation))) {
      names.add(type.getQualifiedName().toString());
    }
    for (String name : names) {
      TypeElement type = elements.getTypeElement(name);
      if (type == null) {
        continue;
      }
      try {
        processJob(type, round.processingOver());
      } catch (RuntimeException | Error e) {
        reporter.internalError(type, e);
      }
    }
    checkNesting(round);
  }

  /** The valid jobs bound to a cluster type so far, as read in their rounds. */
  List<Job> jobsOf(String clusterType) {
    return List.copyOf(jobsByCluster.getOrDefault(clusterType, List.of()));
  }

  /**
   * The job read again from this round's element, found by name. javac re-attributes the trees
   * between rounds, so annotation mirrors of an earlier round no longer match the source and an
   * error printed with them would lose its attribute position. (Its reader errors were reported
   * in its own round.)
   */
  Job reread(Job job) {
    TypeElement type = elements.getTypeElement(job.javaQualifiedName());
    return type == null ? job : jobReader.read(type, new Diagnostics());
  }

  private void processJob(TypeElement type, boolean lastRound) {
    List<TypeMirror> clusterTypes = mirrors.values(Mirrors.find(type, JobReader.JOB)).types("cluster");
    if (!lastRound && (clusterTypes.isEmpty() || clusterTypes.get(0).getKind() == TypeKind.ERROR)) {
      // Unresolved: perhaps generated in a later round. javac itself reports it if it never appears.
      deferredJobs.add(type.getQualifiedName().toString());
      return;
    }
    long t = timings.start();
    Diagnostics diagnostics = new Diagnostics();
    Job job = jobReader.read(type, diagnostics);
    t = timings.stop("read jobs", t);
    JobValidator validator = new JobValidator(diagnostics);
    validator.validate(job);
    FleetPlan plan = fleets.forJob(type, job, diagnostics);
    if (plan != null) {
      validator.validate(job, plan, fleets.policies(job.cluster()));
    }
    timings.stop("validate jobs", t);
    reporter.report(job.cluster(), diagnostics);
    if (plan != null && !diagnostics.hasErrors()) {
      jobsByCluster.computeIfAbsent(job.cluster(), k -> new ArrayList<>()).add(job);
    }
  }

  /** @Group belongs in a @Job type, @Task in a @Group type, @VaultPolicy on a @Cluster or @Job type. */
  private void checkNesting(RoundEnvironment round) {
    check(round, JobReader.GROUP, JobReader.JOB, "@Group", "a @Job type");
    check(round, JobReader.TASK, JobReader.GROUP, "@Task", "a @Group type");
    for (String policy : List.of(JobReader.VAULT_POLICY, JobReader.VAULT_POLICIES)) {
      TypeElement a = elements.getTypeElement(policy);
      if (a == null) {
        continue;
      }
      for (Element e : round.getElementsAnnotatedWith(a)) {
        if (Mirrors.find(e, ClusterReader.CLUSTER) == null && Mirrors.find(e, JobReader.JOB) == null) {
          reporter.print(new Diagnostic(Rule.JOB_STRUCTURE, Severity.ERROR, ElementSource.of(e, Mirrors.find(e, policy)),
              "@VaultPolicy on " + e.getSimpleName() + " has no effect: declare Vault policies on a @Cluster or a @Job type."));
        }
      }
    }
  }

  private void check(RoundEnvironment round, String member, String owner, String simple, String where) {
    TypeElement a = elements.getTypeElement(member);
    if (a == null) {
      return;
    }
    for (Element e : round.getElementsAnnotatedWith(a)) {
      Element outer = e.getEnclosingElement();
      if (outer == null || Mirrors.find(outer, owner) == null) {
        reporter.print(new Diagnostic(Rule.JOB_STRUCTURE, Severity.ERROR, ElementSource.of(e, Mirrors.find(e, member)),
            simple + " on " + e.getSimpleName() + " is not nested in " + where + ", so no job includes it: move it inside one."));
      }
    }
  }
}
