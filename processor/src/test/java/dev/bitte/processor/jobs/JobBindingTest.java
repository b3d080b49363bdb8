package dev.bitte.processor.jobs;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import dev.bitte.processor.BitteProcessor;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How jobs find their cluster: in the same compilation, or in another module's class files. */
class JobBindingTest {

  private static File location(Class<?> c) throws URISyntaxException {
    return new File(c.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  /** Compiles the cluster alone and returns a directory holding its class files, like another module's jar. */
  private static Path clusterModule(Path dir) throws IOException {
    Compilation cluster = Compiler.javac().withProcessors(new BitteProcessor()).compile(JobFixtures.CLUSTER);
    assertThat(cluster).succeededWithoutWarnings();
    for (JavaFileObject f : cluster.generatedFiles()) {
      if (f.getKind() == JavaFileObject.Kind.CLASS) {
        String path = f.toUri().getPath();
        String rel = path.substring(path.indexOf("/test/") + 1);
        Path out = dir.resolve(rel);
        Files.createDirectories(out.getParent());
        try (InputStream in = f.openInputStream()) {
          Files.write(out, in.readAllBytes());
        }
      }
    }
    assertThat(Files.exists(dir.resolve("test/Testnet.class"))).isTrue();
    return dir;
  }

  @Test
  void clusterFromClassFilesOfAnotherModule(@TempDir Path dir) throws Exception {
    Path classes = clusterModule(dir);
    JavaFileObject web = JobFixtures.job("Web", JobFixtures.simpleJob("namespace = \"apps\"", "nodeClass = \"general\"", "").replace("Simple", "Web"));
    Compilation c = Compiler.javac().withProcessors(new BitteProcessor())
        .withClasspath(List.of(classes.toFile(), location(dev.bitte.Job.class)))
        .compile(web);
    assertThat(c).succeeded();
    // Its namespace is the cluster's module's to create (see jobsApartFromTheirClusterAreWarnedOfWhatTheyMiss).
    assertThat(c).hadWarningContaining("[bitte:apart-from-cluster] job \"web\" runs in namespace \"apps\"")
        .inFile(web).onLineContaining("namespace = \"apps\"");
    assertThat(c).hadWarningCount(1);
    String hcl = JobFixtures.generated(c, "bitte/testnet/nomad/apps/web.nomad.hcl");
    assertThat(hcl).contains("job \"web\" {");
    assertThat(hcl).contains("datacenters = [\"eu-central-1\", \"us-east-2\"]");
    assertThat(JobFixtures.generated(c, "bitte/testnet/manifest.json")).contains("\"path\": \"nomad/apps/web.nomad.hcl\"");
    // The Fleet class belongs to the cluster's module: it is not generated again here.
    assertThat(c.generatedSourceFile("test.TestnetFleet").isPresent()).isFalse();
  }

  @Test
  void jobsApartFromTheirClusterAreWarnedOfWhatTheyMiss(@TempDir Path dir) throws Exception {
    Path classes = clusterModule(dir);
    String body = """
        @Job(cluster = Testnet.class)
        @VaultPolicy(name = "api", rules = "path \\"kv/data/api/*\\" {\\n  capabilities = [\\"read\\"]\\n}\\n")
        public interface Api {
          @Group(nodeClass = "general", ports = {@Port(label = "http", to = 8080), @Port(label = "metrics", value = 9102)},
              services = @Service(name = "api", port = "http",
                  upstreams = @Upstream(service = "db", localPort = 5432, external = true)))
          interface Main {
            @Task(driver = Driver.DOCKER, image = "ghcr.io/acme/api:1", ports = "http",
                vaultPolicies = "api")
            interface Server {}
          }
        }
        """;
    JavaFileObject api = JobFixtures.job("Api", body);
    // A job that needs nothing from the cluster's module, in the same compilation: no warning.
    JavaFileObject plain = JobFixtures.job("Plain", JobFixtures.simpleJob("", "nodeClass = \"general\"", "").replace("Simple", "Plain"));
    Compilation c = Compiler.javac().withProcessors(new BitteProcessor())
        .withClasspath(List.of(classes.toFile(), location(dev.bitte.Job.class)))
        .compile(api, plain);
    assertThat(c).succeeded();
    assertThat(c).hadWarningContaining("[bitte:apart-from-cluster] task \"api.main.server\" asks for Vault policies [api],"
        + " but its Vault role \"bitte.default.api.server\" is created by the hydrate workspace of cluster \"testnet\" only for jobs"
        + " compiled with the cluster").inFile(api).onLineContaining("vaultPolicies = \"api\"");
    assertThat(c).hadWarningContaining("the Consul intention that lets service \"api\" of job \"api\" call \"db\" through the mesh")
        .inFile(api).onLineContaining("upstreams = @Upstream(service = \"db\"");
    assertThat(c).hadWarningContaining("job \"api\" group \"main\" uses static port 9102")
        .inFile(api).onLineContaining("@Port(label = \"metrics\", value = 9102)");
    assertThat(c).hadWarningCount(3);
    // The jobs are still written: a warning, since the user may create these by hand.
    assertThat(JobFixtures.generated(c, "bitte/testnet/nomad/default/api.nomad.hcl")).contains("job \"api\" {");

    // A user who creates them otherwise says so on the job.
    JavaFileObject quiet = JobFixtures.job("Api", body.replace("@Job(cluster = Testnet.class)",
        "@SuppressWarnings(\"bitte:apart-from-cluster\")\n@Job(cluster = Testnet.class)"));
    Compilation q = Compiler.javac().withProcessors(new BitteProcessor())
        .withClasspath(List.of(classes.toFile(), location(dev.bitte.Job.class)))
        .compile(quiet);
    assertThat(q).succeededWithoutWarnings();
  }

  @Test
  void jobsCompiledWithTheirClusterGetNoSuchWarning() {
    JavaFileObject web = JobFixtures.job("Web", JobFixtures.simpleJob("namespace = \"apps\"", "nodeClass = \"general\"", "").replace("Simple", "Web"));
    assertThat(JobFixtures.compile(web)).succeededWithoutWarnings();
  }

  @Test
  void jobErrorsAgainstAClassFileClusterPointAtTheJob(@TempDir Path dir) throws Exception {
    Path classes = clusterModule(dir);
    JavaFileObject web = JobFixtures.job("Web", JobFixtures.simpleJob("datacenters = \"eu-west-1\"", "", "").replace("Simple", "Web"));
    Compilation c = Compiler.javac().withProcessors(new BitteProcessor())
        .withClasspath(List.of(classes.toFile(), location(dev.bitte.Job.class)))
        .compile(web);
    assertThat(c).hadErrorContaining("[bitte:datacenter]").inFile(web).onLineContaining("datacenters = \"eu-west-1\"");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void jobOfAnInvalidClusterReportsOnlyTheClusterErrors() {
    JavaFileObject bad = JobFixtures.job("Bad", """
        @Cluster(name = "bad", domain = "bad.example.com", region = "eu-central-1", adminCidrs = "203.0.113.0/24")
        public final class Bad {
          @Core(count = 2, instanceType = "t3a.medium")
          interface Servers {}
          @AutoscalingGroup(instanceType = "m5.large")
          interface Clients {}
        }
        """);
    JavaFileObject job = JobFixtures.job("OnBad", JobFixtures.simpleJob("", "", "").replace("Simple", "OnBad").replace("Testnet.class", "Bad.class"));
    Compilation c = Compiler.javac().withProcessors(new BitteProcessor()).compile(bad, job);
    assertThat(c).hadErrorContaining("[bitte:core-quorum]");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void taskOutsideGroup() {
    JavaFileObject src = JobFixtures.job("Loose", """
        @Job(cluster = Testnet.class)
        public interface Loose {
          @Task(driver = Driver.DOCKER, image = "orphan:1")
          interface Server {}
          @Group
          interface Main {
            @Task(driver = Driver.DOCKER, image = "a:1")
            interface Server {}
          }
        }
        """);
    Compilation c = JobFixtures.compile(src);
    assertThat(c).hadErrorContaining("[bitte:job-structure]").inFile(src).onLineContaining("image = \"orphan:1\"");
    assertThat(c).hadErrorContaining("@Task on Server is not nested in a @Group type");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void vaultPolicyOnAPlainType() {
    JavaFileObject src = JobFixtures.job("Plain", """
        @VaultPolicy(name = "x", rules = "path \\"x\\" {}")
        public interface Plain {}
        """);
    Compilation c = JobFixtures.compile(src);
    assertThat(c).hadErrorContaining("[bitte:job-structure]").inFile(src).onLineContaining("@VaultPolicy(name = \"x\"");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void templateReadFromTheProjectDirectory(@TempDir Path project) throws IOException {
    Files.createDirectories(project.resolve("conf"));
    String text = "listen = \"${NOMAD_PORT_http}\"\n{{ key \"app/config\" }}\n%{ not a directive }\n";
    Files.writeString(project.resolve("conf/app.tpl"), text, StandardCharsets.UTF_8);
    JavaFileObject src = JobFixtures.job("Simple", JobFixtures.simpleJob("", "",
        "templates = @Template(destination = \"local/app.conf\", source = \"conf/app.tpl\")"));
    Compilation c = Compiler.javac().withProcessors(new BitteProcessor())
        .withOptions("-Abitte.projectDir=" + project).compile(JobFixtures.CLUSTER, src);
    assertThat(c).succeededWithoutWarnings();
    String hcl = JobFixtures.generated(c, "bitte/testnet/nomad/default/simple.nomad.hcl");
    assertThat(hcl).contains("data          = " + dev.bitte.processor.emit.nomad.HclStrings.text(text));
    assertThat(hcl).contains("<<EOT\n");
    var parsed = dev.bitte.processor.testing.Hcl2Json.parseString("simple.nomad.hcl", hcl);
    String data = parsed.get("job").get("simple").get(0).get("group").get("main").get(0).get("task").get("server").get(0)
        .get("template").get(0).get("data").asText();
    assertThat(dev.bitte.processor.testing.Hcl2Json.templateUnescape(data)).isEqualTo(text);
  }

  @Test
  void templateOutsideTheProjectDirectory(@TempDir Path project) {
    JavaFileObject src = JobFixtures.job("Simple", JobFixtures.simpleJob("", "",
        "templates = @Template(destination = \"local/app.conf\", source = \"../etc/passwd\")"));
    Compilation c = Compiler.javac().withProcessors(new BitteProcessor())
        .withOptions("-Abitte.projectDir=" + project).compile(JobFixtures.CLUSTER, src);
    assertThat(c).hadErrorContaining("[bitte:template]").inFile(src).onLineContaining("source = \"../etc/passwd\"");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void invalidClusterFromClassFiles(@TempDir Path dir) throws Exception {
    // Compiled without the processor, as a module that skipped it might have been.
    JavaFileObject bad = JobFixtures.job("Bad", """
        @Cluster(name = "bad", domain = "bad.example.com", region = "eu-central-1", adminCidrs = "203.0.113.0/24")
        public final class Bad {
          @Core(count = 2, instanceType = "t3a.medium")
          interface Servers {}
          @AutoscalingGroup(instanceType = "m5.large")
          interface Clients {}
        }
        """);
    Compilation cluster = Compiler.javac().withOptions("-proc:none").compile(bad);
    assertThat(cluster).succeeded();
    for (JavaFileObject f : cluster.generatedFiles()) {
      String path = f.toUri().getPath();
      Path out = dir.resolve(path.substring(path.indexOf("/test/") + 1));
      Files.createDirectories(out.getParent());
      try (InputStream in = f.openInputStream()) {
        Files.write(out, in.readAllBytes());
      }
    }
    JavaFileObject job = JobFixtures.job("OnBad", JobFixtures.simpleJob("", "", "").replace("Simple", "OnBad").replace("Testnet.class", "Bad.class"));
    JavaFileObject other = JobFixtures.job("AlsoOnBad", JobFixtures.simpleJob("", "", "").replace("Simple", "AlsoOnBad").replace("Testnet.class", "Bad.class"));
    Compilation c = Compiler.javac().withProcessors(new BitteProcessor())
        .withClasspath(List.of(dir.toFile(), location(dev.bitte.Job.class)))
        .compile(job, other);
    assertThat(c).hadErrorContaining("[bitte:job-cluster]");
    assertThat(c).hadErrorContaining("[bitte:core-quorum]");
    assertThat(c).hadErrorCount(1); // once per cluster, not once per job
  }
}
