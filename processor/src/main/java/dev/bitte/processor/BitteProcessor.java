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
import dev.bitte.processor.emit.nixos.NixosWriter;
import dev.bitte.processor.emit.terraform.TerraformWriter;
import dev.bitte.processor.emit.report.ReportWriter;
import dev.bitte.processor.model.Fleet;
import dev.bitte.processor.plan.FleetPlan;
import dev.bitte.processor.plan.FleetPlanner;
import dev.bitte.processor.read.ClusterReader;
import dev.bitte.processor.read.ElementSource;
import dev.bitte.processor.read.Mirrors;
import dev.bitte.processor.validate.FleetValidator;
import dev.bitte.processor.validate.NixosModuleValidator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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

  /** Planned, valid fleets by cluster name, with the qualified name of their type. */
  private final Map<String, FleetPlan> fleets = new TreeMap<>();
  /** Every cluster name seen (valid or not), to report duplicates: name → type. */
  private final Map<String, String> clusterNames = new LinkedHashMap<>();
  private final Set<String> fleetClasses = new TreeSet<>();

  public BitteProcessor() {
    this(writers());
  }

  /** For tests: a processor with other writers (one that fails, to check error handling). */
  BitteProcessor(List<ArtifactWriter> writers) {
    this.writers = List.copyOf(writers);
  }

  @Override
  public synchronized void init(ProcessingEnvironment env) {
    super.init(env);
    messager = env.getMessager();
    filer = env.getFiler();
    clusterReader = new ClusterReader(env.getElementUtils());
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(ClusterReader.CLUSTER, ClusterReader.CORE, ClusterReader.GROUP);
  }

  /** {@code bitte.projectDir}: the module's directory, for files named relative to it (NixOS modules). */
  @Override
  public Set<String> getSupportedOptions() {
    return Set.of(OPTION_PROJECT_DIR);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    try {
      processRound(round);
      if (round.processingOver()) {
        writeAggregates();
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
    for (TypeElement type : ElementFilter.typesIn(round.getElementsAnnotatedWith(clusterAnnotation))) {
      try {
        processCluster(type);
      } catch (RuntimeException | Error e) {
        internalError(type, e);
      }
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

  private void processCluster(TypeElement type) {
    Diagnostics diagnostics = new Diagnostics();
    Fleet fleet = clusterReader.read(type);
    String qualified = type.getQualifiedName().toString();
    String previous = clusterNames.putIfAbsent(fleet.name(), qualified);
    if (previous != null && !previous.equals(qualified)) {
      diagnostics.error(Rule.DUPLICATE_NAME, fleet.source().at("name"), "cluster name \"" + fleet.name() + "\" is already used by " + previous
          + "; the artifacts of both would go to bitte/" + fleet.name() + "/. Give this cluster another name.");
    }
    new FleetValidator(diagnostics).validate(fleet);
    // Extra NixOS modules are read here, once, so the writers stay pure.
    String projectDir = processingEnv.getOptions().get(OPTION_PROJECT_DIR);
    var nixosModules = new NixosModuleValidator(diagnostics, projectDir == null || projectDir.isBlank() ? null : Path.of(projectDir)).validate(fleet);
    FleetPlan plan = null;
    if (!diagnostics.hasErrors()) {
      plan = new FleetPlanner(diagnostics).plan(fleet);
    }
    if (plan != null) {
      plan = plan.withNixosModuleFiles(nixosModules);
    }
    diagnostics.all().forEach(this::print);
    if (plan == null || diagnostics.hasErrors()) {
      return;
    }
    fleets.put(plan.name(), plan);
    JavaFile file = new FleetClassWriter().write(plan, List.of(), type);
    try {
      file.writeTo(filer);
      fleetClasses.add(FleetClassWriter.qualifiedName(plan));
    } catch (IOException e) {
      messager.printMessage(Kind.ERROR, "[" + Rule.INTERNAL_ERROR.id() + "] could not write " + FleetClassWriter.qualifiedName(plan) + ": " + e.getMessage(), type);
    }
  }

  /** The writers of every artifact kind, in a fixed order. */
  static List<ArtifactWriter> writers() {
    return List.of(new TerraformWriter(), new NixosWriter(), new ReportWriter());
  }

  private void writeAggregates() {
    for (FleetPlan plan : fleets.values()) {
      TypeElement type = processingEnv.getElementUtils().getTypeElement(plan.fleet().javaQualifiedName().replace('$', '.'));
      try {
        Artifacts artifacts = render(plan, writers);
        for (Map.Entry<String, byte[]> e : artifacts.files().entrySet()) {
          writeResource("bitte/" + plan.name() + "/" + e.getKey(), e.getValue(), type);
        }
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
    Artifacts artifacts = new Artifacts();
    for (ArtifactWriter w : writers) {
      w.write(plan, artifacts);
    }
    byte[] manifest = new ManifestWriter().write(plan, artifacts, List.of(TerraformWriter.manifestSection()));
    artifacts.put(ManifestWriter.PATH, manifest);
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
