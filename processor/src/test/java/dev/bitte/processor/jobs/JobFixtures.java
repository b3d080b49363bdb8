package dev.bitte.processor.jobs;

import static com.google.common.truth.Truth.assertWithMessage;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.bitte.processor.BitteProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;

/** A small valid fleet and helpers to compile jobs against it. */
final class JobFixtures {
  private JobFixtures() {}

  /**
   * Two regions; clients-eu (m5.xlarge, class general, host volume pg-data), clients-us (m5.large,
   * class general), batch-eu (c5.large, class batch).
   */
  static final JavaFileObject CLUSTER = JavaFileObjects.forSourceString("test.Testnet", """
      package test;

      import dev.bitte.*;

      @Cluster(name = "testnet", domain = "testnet.example.com", region = "eu-central-1",
          vpcCidr = "10.32.0.0/12", adminCidrs = "203.0.113.0/24")
      @VaultPolicy(name = "shared", rules = "path \\"kv/data/shared/*\\" { capabilities = [\\"read\\"] }")
      public final class Testnet {
        @Core(name = "core", count = 3, instanceType = "t3a.medium")
        interface Servers {}

        @AutoscalingGroup(instanceType = "m5.xlarge", min = 1, desired = 2, max = 4, nodeClass = "general",
            hostVolumes = @HostVolume(name = "pg-data", path = "/var/lib/pg-data"))
        interface ClientsEu {}

        @AutoscalingGroup(region = "us-east-2", instanceType = "m5.large", nodeClass = "general")
        interface ClientsUs {}

        @AutoscalingGroup(instanceType = "c5.large", nodeClass = "batch")
        interface BatchEu {}
      }
      """);

  /** A job source in package test with the usual imports. */
  static JavaFileObject job(String simpleName, String body) {
    return JavaFileObjects.forSourceString("test." + simpleName, "package test;\n\nimport dev.bitte.*;\n\n" + body);
  }

  static Compilation compile(JavaFileObject... sources) {
    List<JavaFileObject> all = new ArrayList<>();
    all.add(CLUSTER);
    all.addAll(Arrays.asList(sources));
    return Compiler.javac().withProcessors(new BitteProcessor()).compile(all);
  }

  /** A generated resource's text, failing when it is missing. */
  static String generated(Compilation c, String path) {
    Optional<JavaFileObject> file = c.generatedFile(StandardLocation.CLASS_OUTPUT, path);
    assertWithMessage(path + " generated").that(file.isPresent()).isTrue();
    try (InputStream in = file.get().openInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The minimal job {@code test.Simple} ({@link #simpleJob}) with attributes on the job and its group. */
  static JavaFileObject simple(String jobAttrs, String groupAttrs) {
    return job("Simple", simpleJob(jobAttrs, groupAttrs, ""));
  }

  /** A minimal valid service job body with one docker task; {@code groupAttrs}/{@code taskAttrs} are spliced in. */
  static String simpleJob(String jobAttrs, String groupAttrs, String taskAttrs) {
    return "@Job(cluster = Testnet.class" + (jobAttrs.isEmpty() ? "" : ", " + jobAttrs) + ")\n"
        + "public interface Simple {\n"
        + "  @Group(" + groupAttrs + ")\n"
        + "  interface Main {\n"
        + "    @Task(driver = Driver.DOCKER, image = \"nginx:1.27\"" + (taskAttrs.isEmpty() ? "" : ", " + taskAttrs) + ")\n"
        + "    interface Server {}\n"
        + "  }\n"
        + "}\n";
  }
}
