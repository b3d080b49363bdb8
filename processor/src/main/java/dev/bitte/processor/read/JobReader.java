package dev.bitte.processor.read;

import dev.bitte.ChangeMode;
import dev.bitte.CheckType;
import dev.bitte.Driver;
import dev.bitte.JobType;
import dev.bitte.Lifecycle;
import dev.bitte.NetworkMode;
import dev.bitte.processor.diag.Diagnostics;
import dev.bitte.processor.diag.Rule;
import dev.bitte.processor.model.ArtifactSpec;
import dev.bitte.processor.model.CheckSpec;
import dev.bitte.processor.model.ConstraintSpec;
import dev.bitte.processor.model.MigrateSpec;
import dev.bitte.processor.model.Job;
import dev.bitte.processor.model.KeyValue;
import dev.bitte.processor.model.Names;
import dev.bitte.processor.model.Port;
import dev.bitte.processor.model.RescheduleSpec;
import dev.bitte.processor.model.RestartSpec;
import dev.bitte.processor.model.ServiceSpec;
import dev.bitte.processor.model.SpreadSpec;
import dev.bitte.processor.model.Task;
import dev.bitte.processor.model.TaskGroup;
import dev.bitte.processor.model.TemplateSpec;
import dev.bitte.processor.model.UpdateSpec;
import dev.bitte.processor.model.Upstream;
import dev.bitte.processor.model.VaultPolicySpec;
import dev.bitte.processor.model.VolumeMountSpec;
import dev.bitte.processor.model.VolumeSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/**
 * Reads a {@code @Job} type, its nested {@code @Group} types and their nested {@code @Task} types
 * into a {@link Job}. Template files named by {@code @Template(source)} are read here (relative
 * to the {@code bitte.projectDir} option), so later stages only see text.
 */
public final class JobReader {
  public static final String JOB = "dev.bitte.Job";
  public static final String GROUP = "dev.bitte.Group";
  public static final String TASK = "dev.bitte.Task";
  public static final String VAULT_POLICY = "dev.bitte.VaultPolicy";
  public static final String VAULT_POLICIES = "dev.bitte.VaultPolicies";

  private final Mirrors mirrors;
  private final Path projectDir;

  /** @param projectDir the module's directory for template files, or null when the option is not set */
  public JobReader(Elements elements, Path projectDir) {
    this.mirrors = new Mirrors(elements);
    this.projectDir = projectDir;
  }

  /** The {@code @Cluster} type named by {@code @Job(cluster)}, or null when it is not a resolvable class. */
  public static TypeElement clusterType(TypeElement job, Mirrors mirrors) {
    AnnotationMirror m = Mirrors.find(job, JOB);
    List<TypeMirror> types = mirrors.values(m).types("cluster");
    if (types.isEmpty() || types.get(0).getKind() != TypeKind.DECLARED) {
      return null;
    }
    return (TypeElement) ((DeclaredType) types.get(0)).asElement();
  }

  public TypeElement clusterType(TypeElement job) {
    return clusterType(job, mirrors);
  }

  public Job read(TypeElement type, Diagnostics diagnostics) {
    AnnotationMirror mirror = Mirrors.find(type, JOB);
    ElementSource src = ElementSource.of(type, mirror);
    Mirrors.Values v = mirrors.values(mirror);
    String id = orDefault(v.string("id"), Names.kebab(type.getSimpleName().toString()));
    TypeElement cluster = clusterType(type);
    List<TaskGroup> groups = new ArrayList<>();
    for (Element e : type.getEnclosedElements()) {
      AnnotationMirror g = Mirrors.find(e, GROUP);
      if (g != null) {
        groups.add(readGroup((TypeElement) e, g, diagnostics));
      }
    }
    return new Job(id, cluster == null ? "" : cluster.getQualifiedName().toString(), v.string("namespace"),
        JobType.valueOf(orDefault(v.enumName("type"), "SERVICE")), v.strings("datacenters"), v.integer("priority"),
        v.string("periodic"), v.bool("prohibitOverlap"), v.bool("parameterized"), v.strings("requiredMeta"),
        keyValues(v, "meta", src),
        nested(v, "constraints", src, (n, s) -> new ConstraintSpec(n.string("attribute"), n.string("operator"), n.string("value"), 0, s)),
        nested(v, "affinities", src, (n, s) -> new ConstraintSpec(n.string("attribute"), n.string("operator"), n.string("value"), n.integer("weight"), s)),
        nested(v, "spreads", src, JobReader::spread),
        groups, vaultPolicies(type), type.getQualifiedName().toString(), src);
  }

  /** The {@code @VaultPolicy} annotations on a type (a cluster or a job), written once or repeated. */
  public List<VaultPolicySpec> vaultPolicies(TypeElement type) {
    List<VaultPolicySpec> out = new ArrayList<>();
    AnnotationMirror single = Mirrors.find(type, VAULT_POLICY);
    if (single != null) {
      Mirrors.Values p = mirrors.values(single);
      out.add(new VaultPolicySpec(p.string("name"), p.string("rules"), ElementSource.of(type, single)));
    }
    AnnotationMirror container = Mirrors.find(type, VAULT_POLICIES);
    if (container != null) {
      ElementSource src = ElementSource.of(type, container);
      for (Mirrors.Nested n : mirrors.values(container).annotations("value")) {
        out.add(new VaultPolicySpec(n.values().string("name"), n.values().string("rules"), src.nested(n.value(), n.values().mirror())));
      }
    }
    return out;
  }

  private TaskGroup readGroup(TypeElement type, AnnotationMirror mirror, Diagnostics diagnostics) {
    ElementSource src = ElementSource.of(type, mirror);
    Mirrors.Values v = mirrors.values(mirror);
    List<Task> tasks = new ArrayList<>();
    for (Element e : type.getEnclosedElements()) {
      AnnotationMirror t = Mirrors.find(e, TASK);
      if (t != null) {
        tasks.add(readTask((TypeElement) e, t, diagnostics));
      }
    }
    return new TaskGroup(orDefault(v.string("name"), Names.kebab(type.getSimpleName().toString())), v.integer("count"),
        v.string("nodeClass"), NetworkMode.valueOf(orDefault(v.enumName("network"), "BRIDGE")),
        nested(v, "ports", src, (n, s) -> new Port(n.string("label"), n.integer("value"), n.integer("to"),
            orDefault(n.enumName("protocol"), "TCP"), s)),
        nested(v, "services", src, JobReader::service),
        nested(v, "constraints", src, (n, s) -> new ConstraintSpec(n.string("attribute"), n.string("operator"), n.string("value"), 0, s)),
        nested(v, "affinities", src, (n, s) -> new ConstraintSpec(n.string("attribute"), n.string("operator"), n.string("value"), n.integer("weight"), s)),
        nested(v, "spreads", src, JobReader::spread),
        nested(v, "volumes", src, (n, s) -> new VolumeSpec(n.string("name"), orDefault(n.string("source"), n.string("name")), n.bool("readOnly"), s)),
        nested(v, "update", src, (n, s) -> new UpdateSpec(n.integer("maxParallel"), n.integer("canary"), n.string("minHealthyTime"),
            n.string("healthyDeadline"), n.bool("autoRevert"), n.bool("autoPromote"), s)),
        nested(v, "migrate", src, (n, s) -> new MigrateSpec(n.integer("maxParallel"), n.string("healthCheck"), n.string("minHealthyTime"),
            n.string("healthyDeadline"), s)),
        nested(v, "restart", src, (n, s) -> new RestartSpec(n.integer("attempts"), n.string("interval"), n.string("delay"), n.string("mode"), s)),
        nested(v, "reschedule", src, (n, s) -> new RescheduleSpec(n.integer("attempts"), n.string("interval"), n.string("delay"),
            n.string("delayFunction"), n.string("maxDelay"), n.bool("unlimited"), s)),
        v.integer("ephemeralDiskMb"), keyValues(v, "meta", src), tasks, src);
  }

  private Task readTask(TypeElement type, AnnotationMirror mirror, Diagnostics diagnostics) {
    ElementSource src = ElementSource.of(type, mirror);
    Mirrors.Values v = mirrors.values(mirror);
    String driver = v.enumName("driver");
    List<KeyValue> env = nested(v, "env", src, (n, s) -> new KeyValue(n.string("name"), n.string("value"), s));
    List<TemplateSpec> templates = nested(v, "templates", src, (n, s) -> {
      String file = n.string("source");
      String data = file.isEmpty() ? n.string("data") : readTemplateFile(file, n.string("data"), s, diagnostics);
      return new TemplateSpec(n.string("destination"), data, file, n.bool("env"),
          ChangeMode.valueOf(orDefault(n.enumName("changeMode"), "RESTART")), n.string("changeSignal"), s);
    });
    return new Task(orDefault(v.string("name"), Names.kebab(type.getSimpleName().toString())),
        driver.isEmpty() ? null : Driver.valueOf(driver), v.string("image"), v.string("command"), v.strings("args"),
        v.string("jar"), v.strings("jvmOptions"), v.strings("ports"), v.integer("cpu"), v.integer("cores"),
        v.integer("memoryMb"), v.integer("memoryMaxMb"), env, templates,
        nested(v, "artifacts", src, (n, s) -> new ArtifactSpec(n.string("source"), n.string("destination"), s)),
        v.strings("vaultPolicies"), Lifecycle.valueOf(orDefault(v.enumName("lifecycle"), "MAIN")), v.bool("sidecar"),
        nested(v, "volumeMounts", src, (n, s) -> new VolumeMountSpec(n.string("volume"), n.string("destination"), n.bool("readOnly"), s)),
        nested(v, "services", src, JobReader::service),
        v.string("killTimeout"), v.integer("logMaxFiles"), v.integer("logMaxFileSizeMb"), src);
  }

  private String readTemplateFile(String file, String inline, ElementSource s, Diagnostics diagnostics) {
    if (!inline.isEmpty()) {
      diagnostics.error(Rule.TEMPLATE, s.at("source"), "template for \"" + s.describe() + "\" has both data and source \"" + file
          + "\": a template has exactly one. Remove one of them.");
      return inline;
    }
    if (projectDir == null) {
      diagnostics.error(Rule.TEMPLATE, s.at("source"), "template source \"" + file + "\" cannot be read: the processor option -A"
          + "bitte.projectDir is not set. Pass -Abitte.projectDir=${project.basedir} to javac, or inline the text with data.");
      return "";
    }
    Path path = projectDir.resolve(file).normalize();
    if (Path.of(file).isAbsolute() || !path.startsWith(projectDir.normalize())) {
      diagnostics.error(Rule.TEMPLATE, s.at("source"), "template source \"" + file + "\" is not inside the project directory: "
          + "name a file relative to it.");
      return "";
    }
    try {
      return Files.readString(path, StandardCharsets.UTF_8).replace("\r\n", "\n");
    } catch (IOException e) {
      diagnostics.error(Rule.TEMPLATE, s.at("source"), "template source \"" + file + "\" cannot be read relative to the project directory: "
          + e.getClass().getSimpleName() + ". Check the path.");
      return "";
    }
  }

  private interface NestedReader<T> {
    T read(Mirrors.Values values, ElementSource source);
  }

  private static <T> List<T> nested(Mirrors.Values v, String attribute, ElementSource src, NestedReader<T> reader) {
    List<T> out = new ArrayList<>();
    for (Mirrors.Nested n : v.annotations(attribute)) {
      out.add(reader.read(n.values(), src.nested(n.value(), n.values().mirror())));
    }
    return out;
  }

  private static ServiceSpec service(Mirrors.Values n, ElementSource s) {
    List<CheckSpec> checks = nested(n, "checks", s, (c, cs) -> new CheckSpec(CheckType.valueOf(orDefault(c.enumName("type"), "HTTP")),
        c.string("path"), c.string("interval"), c.string("timeout"), cs));
    List<Upstream> ups = nested(n, "upstreams", s, (u, us) -> new Upstream(u.string("service"), u.integer("localPort"), u.bool("external"), us));
    return new ServiceSpec(n.string("name"), n.string("port"), n.strings("tags"), checks, n.bool("connect") || !ups.isEmpty(), ups, s);
  }

  private static SpreadSpec spread(Mirrors.Values n, ElementSource s) {
    return new SpreadSpec(n.string("attribute"), n.integer("weight"),
        nested(n, "targets", s, (t, ts) -> new SpreadSpec.Target(t.string("value"), t.integer("percent"), ts)), s);
  }

  private static List<KeyValue> keyValues(Mirrors.Values v, String attribute, ElementSource src) {
    return nested(v, attribute, src, (n, s) -> new KeyValue(n.string("key"), n.string("value"), s));
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isEmpty() ? fallback : value;
  }
}
