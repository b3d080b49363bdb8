package dev.bitte.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.JavaFile;
import dev.bitte.processor.diag.Diagnostic;
import dev.bitte.processor.diag.Diagnostics;
import dev.bitte.processor.diag.Rule;
import dev.bitte.processor.emit.Artifacts;
import dev.bitte.processor.emit.ArtifactWriter;
import dev.bitte.processor.emit.FleetClassWriter;
import dev.bitte.processor.emit.ManifestWriter;
import dev.bitte.processor.emit.nomad.JobsHydrate;
import dev.bitte.processor.emit.nomad.JobsManifestSection;
import dev.bitte.processor.emit.nomad.NomadJobWriter;
import dev.bitte.processor.model.Job;
import dev.bitte.processor.model.VaultPolicySpec;
import dev.bitte.processor.emit.nixos.NixosWriter;
import dev.bitte.processor.emit.terraform.TerraformWriter;
import dev.bitte.processor.emit.report.ReportInputs;
import dev.bitte.processor.emit.report.ReportWriter;
import dev.bitte.processor.schedule.CapacityManifest;
import dev.bitte.processor.validate.CapacityValidator;
import java.util.function.Function;
import dev.bitte.processor.model.Fleet;
import dev.bitte.processor.plan.FleetPlan;
import dev.bitte.processor.plan.FleetPlanner;
import dev.bitte.processor.read.ClusterReader;
import dev.bitte.processor.read.ElementSource;
import dev.bitte.processor.read.JobReader;
import dev.bitte.processor.read.Mirrors;
import dev.bitte.processor.validate.FleetValidator;
import dev.bitte.processor.validate.JobValidator;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import dev.bitte.processor.validate.NixosModuleValidator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic.Kind;
import javax.tools.StandardLocation;

/**
 * The Bitte annotation processor: read → model → validate → plan → emit.
 *
 * <p>Per round, each {@code @Cluster} type is read, validated and planned, and its typed
 * {@code <Cluster>Fleet} class is written (Java sources in the round that saw their element).
 * The cluster's artifacts, which aggregate everything compiled against it, are written once when
 * processing is over. A fleet with errors emits nothing; every error of the compile is reported.
 * No exception escapes: an unexpected one becomes {@code [bitte:internal-error]} on the element.
 */
@AutoService(Processor.class)
public final class BitteProcessor extends AbstractProcessor {
  public static final String OPTION_PROJECT_DIR = "bitte.projectDir";
  static final String SERVICES_FILE = "META-INF/services/dev.bitte.fleet.FleetDescriptor";

  private final List<ArtifactWriter> writers;
  private Messager messager;
  private Filer filer;
  private ClusterReader clusterReader;
  private JobReader jobReader;
  private Mirrors mirrors;
  private Timings timings = new Timings(false);
  private ArtifactOutput output;
  /** Started on the first round with a Bitte type; see {@link Warmup}. */
  private Warmup warmup;

  /** Planned, valid fleets by cluster name, with the qualified name of their type. */
  private final Map<String, FleetPlan> fleets = new TreeMap<>();
  /** Every cluster name seen (valid or not), to report duplicates: name → type. */
  private final Map<String, String> clusterNames = new LinkedHashMap<>();
  private final Set<String> fleetClasses = new TreeSet<>();

  /** Planned, valid fleets by the qualified name of their @Cluster type: from this compilation, then from class files. */
  private final Map<String, FleetPlan> plansByType = new TreeMap<>();
  /** @Cluster types of this compilation (valid or not): a job of an invalid one waits for the fleet's errors to be fixed. */
  private final Set<String> sourceClusters = new TreeSet<>();
  /** Fleets read from class files for jobs of this compilation: their artifacts are written here, their Fleet class is not. */
  private final Set<String> externalClusters = new TreeSet<>();
  /** Vault policies declared on each cluster type. */
  private final Map<String, List<VaultPolicySpec>> clusterPolicies = new HashMap<>();
  /** Valid jobs by the qualified name of their cluster type. */
  private final Map<String, List<Job>> jobsByCluster = new TreeMap<>();
  /** Jobs whose cluster type could not be resolved yet (it may be generated in a later round), by name. */
  private final Set<String> deferredJobs = new LinkedHashSet<>();
  /** The warnings of this compile by the qualified name of the cluster type they concern, for the report. */
  private final Map<String, List<String>> warningsByCluster = new HashMap<>();

  public BitteProcessor() {
    this.writers = writers(this::warningsOf);
  }

  /** For tests: a processor with other writers (one that fails, to check error handling). */
  BitteProcessor(List<ArtifactWriter> writers) {
    this.writers = List.copyOf(writers);
  }

  /** The compile's warnings about a fleet and its jobs, in the order they were reported. */
  private List<String> warningsOf(FleetPlan plan) {
    return List.copyOf(warningsByCluster.getOrDefault(plan.fleet().javaQualifiedName(), List.of()));
  }

  private void noteWarnings(String cluster, Diagnostics diagnostics) {
    diagnostics.warnings().forEach(d -> warningsByCluster.computeIfAbsent(cluster, k -> new ArrayList<>()).add(d.text()));
  }

  @Override
  public synchronized void init(ProcessingEnvironment env) {
    super.init(env);
    messager = env.getMessager();
    filer = env.getFiler();
    clusterReader = new ClusterReader(env.getElementUtils());
    String projectDir = env.getOptions().get(OPTION_PROJECT_DIR);
    jobReader = new JobReader(env.getElementUtils(), projectDir == null || projectDir.isBlank() ? null : Path.of(projectDir));
    mirrors = new Mirrors(env.getElementUtils());
    timings = new Timings(Boolean.parseBoolean(env.getOptions().get(Timings.OPTION)));
    String outputOption = env.getOptions().get(ArtifactOutput.OPTION);
    ArtifactOutput.Mode mode = ArtifactOutput.Mode.of(outputOption);
    if (mode == null) {
      messager.printMessage(Kind.ERROR, "[" + Rule.OPTION.id() + "] processor option " + ArtifactOutput.OPTION + "=" + outputOption
          + " names no output mode: use auto (the default: javac's own output directory is written directly) or filer"
          + " (every file through the annotation processing Filer).");
      mode = ArtifactOutput.Mode.FILER;
    }
    output = new ArtifactOutput(filer, mode);
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(ClusterReader.CLUSTER, ClusterReader.CORE, ClusterReader.GROUP,
        JobReader.JOB, JobReader.GROUP, JobReader.TASK, JobReader.VAULT_POLICY, JobReader.VAULT_POLICIES);
  }

  /**
   * {@code bitte.projectDir}: the module's directory, for files named relative to it (NixOS
   * modules); {@code bitte.timings=true}: a note with the time spent in each stage;
   * {@code bitte.output=auto|filer}: how artifacts are written ({@link ArtifactOutput});
   * {@code bitte.warmup=false}: no background warm-up of the output libraries ({@link Warmup}).
   */
  @Override
  public Set<String> getSupportedOptions() {
    return Set.of(OPTION_PROJECT_DIR, Timings.OPTION, ArtifactOutput.OPTION, Warmup.OPTION);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    try {
      if (warmup == null && !annotations.isEmpty() && !"false".equals(processingEnv.getOptions().get(Warmup.OPTION))) {
        warmup = Warmup.start();
      }
      processRound(round);
      if (round.processingOver()) {
        writeAggregates();
        if (timings.enabled()) {
          messager.printMessage(Kind.NOTE, timings.summary());
        }
      }
    } catch (RuntimeException | Error e) {
      // Last resort: per-element handling below should have caught it with a better position.
      internalError(null, e);
    }
    // The annotations are ours alone: claim them.
    return true;
  }

  private void processRound(RoundEnvironment round) {
    TypeElement clusterAnnotation = processingEnv.getElementUtils().getTypeElement(ClusterReader.CLUSTER);
    if (clusterAnnotation == null) {
      return;
    }
    Map<FleetPlan, TypeElement> roundPlans = new java.util.LinkedHashMap<>();
    for (TypeElement type : ElementFilter.typesIn(round.getElementsAnnotatedWith(clusterAnnotation))) {
      try {
        FleetPlan plan = processCluster(type);
        if (plan != null) {
          roundPlans.put(plan, type);
        }
      } catch (RuntimeException | Error e) {
        internalError(type, e);
      }
    }
    processJobs(round);
    // The Fleet class lists the jobs known by now (those of this round and earlier ones).
    for (Map.Entry<FleetPlan, TypeElement> e : roundPlans.entrySet()) {
      writeFleetClass(e.getKey(), e.getValue());
    }
    for (String member : List.of(ClusterReader.CORE, ClusterReader.GROUP)) {
      TypeElement a = processingEnv.getElementUtils().getTypeElement(member);
      if (a == null) {
        continue;
      }
      for (Element e : round.getElementsAnnotatedWith(a)) {
        Element outer = e.getEnclosingElement();
        if (outer == null || Mirrors.find(outer, ClusterReader.CLUSTER) == null) {
          String simple = member.substring(member.lastIndexOf('.') + 1);
          print(new Diagnostic(Rule.ORPHAN, dev.bitte.processor.diag.Severity.ERROR,
              ElementSource.of(e, Mirrors.find(e, member)),
              "@" + simple + " on " + e.getSimpleName() + " belongs to no cluster: declare it as a type nested in a @Cluster type."));
        }
      }
    }
  }

  private FleetPlan processCluster(TypeElement type) {
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
    String projectDir = processingEnv.getOptions().get(OPTION_PROJECT_DIR);
    var nixosModules = new NixosModuleValidator(diagnostics, projectDir == null || projectDir.isBlank() ? null : Path.of(projectDir)).validate(fleet);
    t = timings.stop("validate cluster", t);
    FleetPlan plan = null;
    if (!diagnostics.hasErrors()) {
      plan = new FleetPlanner(diagnostics).plan(fleet);
    }
    timings.stop("plan", t);
    if (plan != null) {
      plan = plan.withNixosModuleFiles(nixosModules);
    }
    diagnostics.all().forEach(this::print);
    noteWarnings(qualified, diagnostics);
    if (plan == null || diagnostics.hasErrors()) {
      return null;
    }
    fleets.put(plan.name(), plan);
    plansByType.put(qualified, plan);
    clusterPolicies.put(qualified, policies);
    return plan;
  }

  private void writeFleetClass(FleetPlan plan, TypeElement type) {
    List<String> jobIds = jobsByCluster.getOrDefault(type.getQualifiedName().toString(), List.of()).stream()
        .map(Job::id).sorted().distinct().toList();
    long t = timings.start();
    if (warmup != null) {
      warmup.awaitJavaPoet();
      t = timings.stop("wait for warm-up (JavaPoet)", t);
    }
    JavaFile file = new FleetClassWriter().write(plan, jobIds, type);
    try {
      file.writeTo(filer);
      timings.stop("fleet class", t);
      fleetClasses.add(FleetClassWriter.qualifiedName(plan));
    } catch (IOException e) {
      messager.printMessage(Kind.ERROR, "[" + Rule.INTERNAL_ERROR.id() + "] could not write " + FleetClassWriter.qualifiedName(plan) + ": " + e.getMessage(), type);
    }
  }

  // ------------------------------------------------------------------ jobs

  private void processJobs(RoundEnvironment round) {
    TypeElement jobAnnotation = processingEnv.getElementUtils().getTypeElement(JobReader.JOB);
    if (jobAnnotation == null) {
      return;
    }
    Set<String> names = new LinkedHashSet<>(deferredJobs);
    deferredJobs.clear();
    for (TypeElement type : ElementFilter.typesIn(round.getElementsAnnotatedWith(jobAnnotation))) {
      names.add(type.getQualifiedName().toString());
    }
    for (String name : names) {
      TypeElement type = processingEnv.getElementUtils().getTypeElement(name);
      if (type == null) {
        continue;
      }
      try {
        processJob(type, round.processingOver());
      } catch (RuntimeException | Error e) {
        internalError(type, e);
      }
    }
    checkNesting(round);
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
    FleetPlan plan = clusterPlan(type, job, diagnostics);
    if (plan != null) {
      validator.validate(job, plan, clusterPolicies.getOrDefault(job.cluster(), List.of()));
    }
    timings.stop("validate jobs", t);
    diagnostics.all().forEach(this::print);
    noteWarnings(job.cluster(), diagnostics);
    if (plan != null && !diagnostics.hasErrors()) {
      jobsByCluster.computeIfAbsent(job.cluster(), k -> new ArrayList<>()).add(job);
    }
  }

  /**
   * The plan of the job's cluster: one planned in this compilation (matched by qualified name),
   * or one read from its class file. Null (with an error when it is the job's fault) otherwise.
   */
  private FleetPlan clusterPlan(TypeElement jobType, Job job, Diagnostics diagnostics) {
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
          + fleetDiagnostics.all().stream().filter(d -> d.severity() == dev.bitte.processor.diag.Severity.ERROR)
              .findFirst().map(Diagnostic::text).orElse("?") + ". Rebuild the cluster's module.");
      sourceClusters.add(qualified); // report once per compile, not once per job
      return null;
    }
    plansByType.put(qualified, plan);
    clusterPolicies.put(qualified, policies);
    externalClusters.add(qualified);
    return plan;
  }

  /** @Group belongs in a @Job type, @Task in a @Group type, @VaultPolicy on a @Cluster or @Job type. */
  private void checkNesting(RoundEnvironment round) {
    check(round, JobReader.GROUP, JobReader.JOB, "@Group", "a @Job type");
    check(round, JobReader.TASK, JobReader.GROUP, "@Task", "a @Group type");
    for (String policy : List.of(JobReader.VAULT_POLICY, JobReader.VAULT_POLICIES)) {
      TypeElement a = processingEnv.getElementUtils().getTypeElement(policy);
      if (a == null) {
        continue;
      }
      for (Element e : round.getElementsAnnotatedWith(a)) {
        if (Mirrors.find(e, ClusterReader.CLUSTER) == null && Mirrors.find(e, JobReader.JOB) == null) {
          print(new Diagnostic(Rule.JOB_STRUCTURE, dev.bitte.processor.diag.Severity.ERROR, ElementSource.of(e, Mirrors.find(e, policy)),
              "@VaultPolicy on " + e.getSimpleName() + " has no effect: declare Vault policies on a @Cluster or a @Job type."));
        }
      }
    }
  }

  private void check(RoundEnvironment round, String member, String owner, String simple, String where) {
    TypeElement a = processingEnv.getElementUtils().getTypeElement(member);
    if (a == null) {
      return;
    }
    for (Element e : round.getElementsAnnotatedWith(a)) {
      Element outer = e.getEnclosingElement();
      if (outer == null || Mirrors.find(outer, owner) == null) {
        print(new Diagnostic(Rule.JOB_STRUCTURE, dev.bitte.processor.diag.Severity.ERROR, ElementSource.of(e, Mirrors.find(e, member)),
            simple + " on " + e.getSimpleName() + " is not nested in " + where + ", so no job includes it: move it inside one."));
      }
    }
  }

  /** The checks that need the jobs placed; the static job ports added rules to the client groups' security groups. */
  private static Diagnostics checkCapacity(FleetPlan plan, Fleet declared) {
    Diagnostics capacity = new Diagnostics();
    new FleetPlanner(capacity).checkSecurityGroupSizesWithJobs(plan, declared);
    new CapacityValidator(capacity).validate(plan, declared);
    return capacity;
  }

  /**
   * The job read again from this round's element, found by name. javac re-attributes the trees
   * between rounds, so annotation mirrors of an earlier round no longer match the source and an
   * error printed with them would lose its attribute position. (Its reader errors were reported
   * in its own round.)
   */
  private Job reread(Job job) {
    TypeElement type = processingEnv.getElementUtils().getTypeElement(job.javaQualifiedName());
    return type == null ? job : jobReader.read(type, new Diagnostics());
  }

  /** The writers of every artifact kind, in a fixed order; the report lists no warnings. */
  static List<ArtifactWriter> writers() {
    return writers(plan -> List.of());
  }

  /**
   * The writers of every artifact kind, in a fixed order. The report gets the plan's capacity
   * and services ({@link ReportInputs#of}) and the compile's warnings about the fleet.
   */
  static List<ArtifactWriter> writers(Function<FleetPlan, List<String>> warnings) {
    return List.of(new TerraformWriter(List.of(JobsHydrate::contribute)), new NixosWriter(), new NomadJobWriter(),
        new ReportWriter(plan -> ReportInputs.of(plan, warnings.apply(plan))));
  }

  /**
   * The manifest's {@code capacity} section: the plan's placement of the jobs at min, desired and
   * max, with the cluster's utilization warning threshold.
   */
  static final ManifestWriter.ManifestSection CAPACITY_SECTION = (plan, root) -> {
    CapacityManifest.write(plan.capacity(), root);
    ((com.fasterxml.jackson.databind.node.ObjectNode) root.get("capacity"))
        .put("utilizationWarningPercent", plan.fleet().utilizationWarningPercent());
  };

  private void writeAggregates() {
    for (Map.Entry<String, FleetPlan> entry : plansByType.entrySet()) {
      String qualified = entry.getKey();
      long t = timings.start();
      // The jobs as read in their rounds. Only when something is to be reported are they read
      // again from this round's elements (see reread) and checked again, so the diagnostics keep
      // their attribute positions; a clean compile reads each job once.
      List<Job> bound = jobsByCluster.getOrDefault(qualified, List.of());
      List<Job> jobs = bound;
      boolean reread = false;
      if (externalClusters.contains(qualified) && jobs.isEmpty()) {
        continue;
      }
      TypeElement type = processingEnv.getElementUtils().getTypeElement(qualified);
      try {
        Diagnostics diagnostics = new Diagnostics();
        new JobValidator(diagnostics).validateTogether(jobs, entry.getValue());
        if (!diagnostics.all().isEmpty()) {
          jobs = bound.stream().map(this::reread).toList();
          reread = true;
          diagnostics = new Diagnostics();
          new JobValidator(diagnostics).validateTogether(jobs, entry.getValue());
        }
        t = timings.stop("validate jobs together", t);
        diagnostics.all().forEach(this::print);
        noteWarnings(qualified, diagnostics);
        if (diagnostics.hasErrors()) {
          continue;
        }
        // Binding places every task group (FleetPlan.capacity); a group that cannot be placed stops the fleet.
        FleetPlan plan = entry.getValue().withJobs(jobs, clusterPolicies.getOrDefault(qualified, List.of()));
        t = timings.stop("bind jobs + place", t);
        // Re-read the cluster so client-group diagnostics keep their attribute position (see reread).
        Fleet declared = type != null && !externalClusters.contains(qualified) ? clusterReader.read(type) : plan.fleet();
        Diagnostics capacity = checkCapacity(plan, declared);
        if (!capacity.all().isEmpty() && !reread) {
          jobs = bound.stream().map(this::reread).toList();
          plan = entry.getValue().withJobs(jobs, clusterPolicies.getOrDefault(qualified, List.of()));
          capacity = checkCapacity(plan, declared);
        }
        t = timings.stop("check capacity", t);
        capacity.all().forEach(this::print);
        noteWarnings(qualified, capacity);
        if (capacity.hasErrors()) {
          continue;
        }
        // Originating elements, for build tools that track them through the Filer: a job's file
        // comes from its @Job type and the cluster; every other artifact from all of them.
        List<Element> origins = new ArrayList<>();
        if (type != null && !externalClusters.contains(qualified)) {
          origins.add(type);
        }
        Map<String, Element[]> jobOrigins = new HashMap<>();
        for (Job job : plan.jobs()) {
          TypeElement j = processingEnv.getElementUtils().getTypeElement(job.javaQualifiedName());
          if (j != null) {
            origins.add(j);
            jobOrigins.put(job.path(), type != null && !externalClusters.contains(qualified) ? new Element[] {j, type} : new Element[] {j});
          }
        }
        Element[] all = origins.toArray(new Element[0]);
        // A cluster read from class files belongs to another module, which writes its
        // infrastructure (and reads its NixOS module files); here only its jobs are written.
        if (warmup != null) {
          t = timings.start();
          warmup.awaitLibraries();
          timings.stop("wait for warm-up (FreeMarker, Jackson)", t);
        }
        Artifacts artifacts = externalClusters.contains(qualified)
            ? render(plan, List.of(new NomadJobWriter()), List.of(new JobsManifestSection(), CAPACITY_SECTION), timings)
            : render(plan, writers, SECTIONS, timings);
        t = timings.start();
        ArtifactOutput.Written how = output.write("bitte/" + plan.name(), artifacts.files(), path -> jobOrigins.getOrDefault(path, all),
            !externalClusters.contains(qualified));
        timings.stop(how == ArtifactOutput.Written.DIRECT ? "write files (directly)" : "write files (Filer)", t);
      } catch (RuntimeException | Error | IOException e) {
        internalError(type, e);
      }
    }
    if (!fleetClasses.isEmpty()) {
      StringBuilder services = new StringBuilder();
      fleetClasses.forEach(c -> services.append(c).append('\n'));
      try {
        List<Element> origins = new ArrayList<>();
        for (FleetPlan plan : fleets.values()) {
          TypeElement t = processingEnv.getElementUtils().getTypeElement(plan.fleet().javaQualifiedName());
          if (t != null) {
            origins.add(t);
          }
        }
        writeResource(SERVICES_FILE, services.toString().getBytes(StandardCharsets.UTF_8), origins.toArray(new Element[0]));
      } catch (IOException e) {
        messager.printMessage(Kind.ERROR, "[" + Rule.INTERNAL_ERROR.id() + "] could not write " + SERVICES_FILE + ": " + e.getMessage());
      }
    }
  }

  /** Renders every artifact of one fleet in memory, then the manifest that lists them. */
  public static Artifacts render(FleetPlan plan) {
    return render(plan, writers());
  }

  static Artifacts render(FleetPlan plan, List<ArtifactWriter> writers) {
    return render(plan, writers, SECTIONS, new Timings(false));
  }

  private static final List<ManifestWriter.ManifestSection> SECTIONS =
      List.of(TerraformWriter.manifestSection(), new JobsManifestSection(), CAPACITY_SECTION);

  static Artifacts render(FleetPlan plan, List<ArtifactWriter> writers, List<ManifestWriter.ManifestSection> sections, Timings timings) {
    Artifacts artifacts = new Artifacts();
    long t = timings.start();
    for (ArtifactWriter w : writers) {
      w.write(plan, artifacts);
      t = timings.stop("emit " + w.getClass().getSimpleName(), t);
    }
    byte[] manifest = new ManifestWriter().write(plan, artifacts, sections);
    artifacts.put(ManifestWriter.PATH, manifest);
    timings.stop("emit manifest", t);
    return artifacts;
  }

  private void writeResource(String path, byte[] content, Element... origins) throws IOException {
    javax.tools.FileObject file = filer.createResource(StandardLocation.CLASS_OUTPUT, "", path, origins);
    try (OutputStream out = file.openOutputStream()) {
      out.write(content);
    }
  }

  private void print(Diagnostic d) {
    Kind kind = switch (d.severity()) {
      case ERROR -> Kind.ERROR;
      case WARNING -> Kind.WARNING;
      case NOTE -> Kind.NOTE;
    };
    if (d.source() instanceof ElementSource s) {
      if (s.annotation() == null) {
        messager.printMessage(kind, d.text(), s.element());
      } else if (s.value() == null) {
        messager.printMessage(kind, d.text(), s.element(), s.annotation());
      } else {
        messager.printMessage(kind, d.text(), s.element(), s.annotation(), s.value());
      }
    } else {
      messager.printMessage(kind, d.text());
    }
  }

  private void internalError(Element element, Throwable e) {
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    String where = element == null ? "" : " while processing " + element;
    String msg = "[" + Rule.INTERNAL_ERROR.id() + "] internal error in the bitte processor" + where + ": " + e
        + "\nPlease report it with this trace:\n" + trace;
    if (element != null) {
      messager.printMessage(Kind.ERROR, msg, element);
    } else {
      messager.printMessage(Kind.ERROR, msg);
    }
  }

}
