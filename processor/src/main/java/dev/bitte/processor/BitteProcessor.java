package dev.bitte.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.JavaFile;
import dev.bitte.processor.diag.Diagnostic;
import dev.bitte.processor.diag.Diagnostics;
import dev.bitte.processor.diag.Rule;
import dev.bitte.processor.diag.Severity;
import dev.bitte.processor.emit.ArtifactWriter;
import dev.bitte.processor.emit.Artifacts;
import dev.bitte.processor.emit.FleetClassWriter;
import dev.bitte.processor.emit.ManifestWriter;
import dev.bitte.processor.emit.nixos.NixosWriter;
import dev.bitte.processor.emit.nomad.JobsHydrate;
import dev.bitte.processor.emit.nomad.JobsManifestSection;
import dev.bitte.processor.emit.nomad.NomadJobWriter;
import dev.bitte.processor.emit.report.ReportInputs;
import dev.bitte.processor.emit.report.ReportWriter;
import dev.bitte.processor.emit.terraform.TerraformWriter;
import dev.bitte.processor.model.Fleet;
import dev.bitte.processor.model.Job;
import dev.bitte.processor.plan.FleetPlan;
import dev.bitte.processor.plan.FleetPlanner;
import dev.bitte.processor.read.ClusterReader;
import dev.bitte.processor.read.ElementSource;
import dev.bitte.processor.read.JobReader;
import dev.bitte.processor.read.Mirrors;
import dev.bitte.processor.schedule.CapacityManifest;
import dev.bitte.processor.validate.CapacityValidator;
import dev.bitte.processor.validate.JobValidator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Filer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * The Bitte annotation processor: read → model → validate → plan → emit.
 *
 * <p>Per round, each {@code @Cluster} type is read, validated and planned ({@link FleetRegistry}),
 * the round's {@code @Job} types are read and checked against their fleets ({@link JobStage}), and
 * each new fleet's typed {@code <Cluster>Fleet} class is written. The cluster's artifacts, which
 * aggregate everything compiled against it, are rendered in memory and written once when
 * processing is over ({@link ArtifactOutput}). A fleet with errors emits nothing; every error of
 * the compile is reported ({@link Reporter}). No exception escapes: an unexpected one becomes
 * {@code [bitte:internal-error]} on the element.
 */
@AutoService(Processor.class)
public final class BitteProcessor extends AbstractProcessor {
  public static final String OPTION_PROJECT_DIR = "bitte.projectDir";
  static final String SERVICES_FILE = "META-INF/services/dev.bitte.fleet.FleetDescriptor";

  private final Function<Reporter, List<ArtifactWriter>> writerFactory;
  private List<ArtifactWriter> writers;
  private Elements elements;
  private Filer filer;
  private Reporter reporter;
  private ClusterReader clusterReader;
  private FleetRegistry fleets;
  private JobStage jobs;
  private Timings timings = new Timings(false);
  private ArtifactOutput output;
  /** Started on the first round with a Bitte type; see {@link Warmup}. */
  private Warmup warmup;
  /** The Fleet classes written, for the service file. */
  private final Set<String> fleetClasses = new TreeSet<>();

  public BitteProcessor() {
    this.writerFactory = reporter -> writers(reporter::warningsOf);
  }

  /** For tests: a processor with other writers (one that fails, to check error handling). */
  BitteProcessor(List<ArtifactWriter> writers) {
    List<ArtifactWriter> fixed = List.copyOf(writers);
    this.writerFactory = reporter -> fixed;
  }

  @Override
  public synchronized void init(ProcessingEnvironment env) {
    super.init(env);
    elements = env.getElementUtils();
    filer = env.getFiler();
    reporter = new Reporter(env.getMessager());
    writers = writerFactory.apply(reporter);
    String dir = env.getOptions().get(OPTION_PROJECT_DIR);
    Path projectDir = dir == null || dir.isBlank() ? null : Path.of(dir);
    timings = new Timings(Boolean.parseBoolean(env.getOptions().get(Timings.OPTION)));
    clusterReader = new ClusterReader(elements);
    JobReader jobReader = new JobReader(elements, projectDir);
    fleets = new FleetRegistry(clusterReader, jobReader, projectDir, reporter, timings);
    jobs = new JobStage(elements, jobReader, new Mirrors(elements), fleets, reporter, timings);
    String outputOption = env.getOptions().get(ArtifactOutput.OPTION);
    ArtifactOutput.Mode mode = ArtifactOutput.Mode.of(outputOption);
    if (mode == null) {
      reporter.error("[" + Rule.OPTION.id() + "] processor option " + ArtifactOutput.OPTION + "=" + outputOption
          + " names no output mode: use auto (the default: javac's own output directory is written directly) or filer"
          + " (every file through the annotation processing Filer).", null);
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
          reporter.note(timings.summary());
        }
      }
    } catch (RuntimeException | Error e) {
      // Last resort: per-element handling below should have caught it with a better position.
      reporter.internalError(null, e);
    }
    // The annotations are ours alone: claim them.
    return true;
  }

  private void processRound(RoundEnvironment round) {
    TypeElement clusterAnnotation = elements.getTypeElement(ClusterReader.CLUSTER);
    if (clusterAnnotation == null) {
      return;
    }
    // A list, not a map keyed by the plan: a plan's hashCode walks the whole fleet.
    List<Map.Entry<FleetPlan, TypeElement>> roundPlans = new ArrayList<>();
    for (TypeElement type : ElementFilter.typesIn(round.getElementsAnnotatedWith(clusterAnnotation))) {
      try {
        FleetPlan plan = fleets.register(type);
        if (plan != null) {
          roundPlans.add(Map.entry(plan, type));
        }
      } catch (RuntimeException | Error e) {
        reporter.internalError(type, e);
      }
    }
    jobs.process(round);
    // The Fleet class lists the jobs known by now (those of this round and earlier ones).
    for (Map.Entry<FleetPlan, TypeElement> e : roundPlans) {
      writeFleetClass(e.getKey(), e.getValue());
    }
    checkOrphans(round);
  }

  /** @Core and @AutoscalingGroup types belong nested in a @Cluster type. */
  private void checkOrphans(RoundEnvironment round) {
    for (String member : List.of(ClusterReader.CORE, ClusterReader.GROUP)) {
      TypeElement a = elements.getTypeElement(member);
      if (a == null) {
        continue;
      }
      for (Element e : round.getElementsAnnotatedWith(a)) {
        Element outer = e.getEnclosingElement();
        if (outer == null || Mirrors.find(outer, ClusterReader.CLUSTER) == null) {
          String simple = member.substring(member.lastIndexOf('.') + 1);
          reporter.print(new Diagnostic(Rule.ORPHAN, Severity.ERROR, ElementSource.of(e, Mirrors.find(e, member)),
              "@" + simple + " on " + e.getSimpleName() + " belongs to no cluster: declare it as a type nested in a @Cluster type."));
        }
      }
    }
  }

  private void writeFleetClass(FleetPlan plan, TypeElement type) {
    List<String> jobIds = jobs.jobsOf(type.getQualifiedName().toString()).stream().map(Job::id).sorted().distinct().toList();
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
      reporter.error("[" + Rule.INTERNAL_ERROR.id() + "] could not write " + FleetClassWriter.qualifiedName(plan) + ": " + e.getMessage(), type);
    }
  }

  // ------------------------------------------------------------------ when processing is over

  private void writeAggregates() {
    for (Map.Entry<String, FleetPlan> entry : fleets.plans().entrySet()) {
      String qualified = entry.getKey();
      TypeElement type = elements.getTypeElement(qualified);
      try {
        writeFleet(qualified, entry.getValue(), type);
      } catch (RuntimeException | Error | IOException e) {
        reporter.internalError(type, e);
      }
    }
    if (!fleetClasses.isEmpty()) {
      StringBuilder services = new StringBuilder();
      fleetClasses.forEach(c -> services.append(c).append('\n'));
      try {
        List<Element> origins = new ArrayList<>();
        for (String qualified : fleets.plans().keySet()) {
          TypeElement t = fleets.isExternal(qualified) ? null : elements.getTypeElement(qualified);
          if (t != null) {
            origins.add(t);
          }
        }
        // Through the Filer in every mode: the file is shared by all fleets of the module.
        output.throughFiler(SERVICES_FILE, services.toString().getBytes(StandardCharsets.UTF_8), origins.toArray(new Element[0]));
      } catch (IOException e) {
        reporter.error("[" + Rule.INTERNAL_ERROR.id() + "] could not write " + SERVICES_FILE + ": " + e.getMessage(), null);
      }
    }
  }

  /**
   * Checks a fleet's jobs together and placed on it, then renders and writes its artifacts. A
   * cluster read from class files belongs to another module, which writes its infrastructure (and
   * reads its NixOS module files); here only its jobs are written.
   */
  private void writeFleet(String qualified, FleetPlan planned, TypeElement type) throws IOException {
    boolean external = fleets.isExternal(qualified);
    // The jobs as read in their rounds. Only when something is to be reported are they read
    // again from this round's elements (see JobStage.reread) and checked again, so the
    // diagnostics keep their attribute positions; a clean compile reads each job once.
    List<Job> bound = jobs.jobsOf(qualified);
    if (external && bound.isEmpty()) {
      return;
    }
    long t = timings.start();
    List<Job> current = bound;
    boolean reread = false;
    Diagnostics together = new Diagnostics();
    validateTogether(together, current, planned, external);
    if (!together.all().isEmpty()) {
      current = bound.stream().map(jobs::reread).toList();
      reread = true;
      together = new Diagnostics();
      validateTogether(together, current, planned, external);
    }
    t = timings.stop("validate jobs together", t);
    reporter.report(qualified, together);
    if (together.hasErrors()) {
      return;
    }
    // Binding places every task group (FleetPlan.capacity); a group that cannot be placed stops the fleet.
    FleetPlan plan = planned.withJobs(current, fleets.policies(qualified));
    t = timings.stop("bind jobs + place", t);
    // Re-read the cluster so client-group diagnostics keep their attribute position.
    Fleet declared = type != null && !external ? clusterReader.read(type) : plan.fleet();
    Diagnostics capacity = checkCapacity(plan, declared);
    if (!capacity.all().isEmpty() && !reread) {
      current = bound.stream().map(jobs::reread).toList();
      plan = planned.withJobs(current, fleets.policies(qualified));
      capacity = checkCapacity(plan, declared);
    }
    t = timings.stop("check capacity", t);
    reporter.report(qualified, capacity);
    if (capacity.hasErrors()) {
      return;
    }
    // Originating elements, for build tools that track them through the Filer: a job's file
    // comes from its @Job type and the cluster; every other artifact from all of them.
    List<Element> origins = new ArrayList<>();
    if (type != null && !external) {
      origins.add(type);
    }
    Map<String, Element[]> jobOrigins = new HashMap<>();
    for (Job job : plan.jobs()) {
      TypeElement j = elements.getTypeElement(job.javaQualifiedName());
      if (j != null) {
        origins.add(j);
        jobOrigins.put(job.path(), type != null && !external ? new Element[] {j, type} : new Element[] {j});
      }
    }
    Element[] all = origins.toArray(new Element[0]);
    if (warmup != null) {
      t = timings.start();
      warmup.awaitLibraries();
      timings.stop("wait for warm-up (FreeMarker, Jackson)", t);
    }
    Artifacts artifacts = external
        ? render(plan, List.of(new NomadJobWriter()), List.of(new JobsManifestSection(), CAPACITY_SECTION), timings)
        : render(plan, writers, SECTIONS, timings);
    t = timings.start();
    ArtifactOutput.Written how = output.write("bitte/" + plan.name(), artifacts.files(), path -> jobOrigins.getOrDefault(path, all), !external);
    timings.stop(how == ArtifactOutput.Written.DIRECT ? "write files (directly)" : "write files (Filer)", t);
  }

  /** The rules over all of a fleet's jobs; for a cluster compiled elsewhere, also what the jobs miss from its module. */
  private static void validateTogether(Diagnostics d, List<Job> jobs, FleetPlan plan, boolean external) {
    JobValidator v = new JobValidator(d);
    v.validateTogether(jobs, plan);
    if (external) {
      v.validateApart(jobs, plan);
    }
  }

  /** The checks that need the jobs placed; the static job ports added rules to the client groups' security groups. */
  private static Diagnostics checkCapacity(FleetPlan plan, Fleet declared) {
    Diagnostics capacity = new Diagnostics();
    new FleetPlanner(capacity).checkSecurityGroupSizesWithJobs(plan, declared);
    new CapacityValidator(capacity).validate(plan, declared);
    return capacity;
  }

  // ------------------------------------------------------------------ rendering

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

  private static final List<ManifestWriter.ManifestSection> SECTIONS =
      List.of(TerraformWriter.manifestSection(), new JobsManifestSection(), CAPACITY_SECTION);

  /** Renders every artifact of one fleet in memory, then the manifest that lists them. */
  public static Artifacts render(FleetPlan plan) {
    return render(plan, writers());
  }

  static Artifacts render(FleetPlan plan, List<ArtifactWriter> writers) {
    return render(plan, writers, SECTIONS, new Timings(false));
  }

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
}
