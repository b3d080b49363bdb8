package dev.bitte.processor.emit.terraform;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.bitte.processor.BitteProcessor;
import dev.bitte.processor.emit.Json;
import dev.bitte.processor.plan.FleetPlan;
import dev.bitte.processor.testing.Tools;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;

/** Compiles a fleet with the real processor and returns what it wrote. */
final class FleetCompiler {
  static final String SAMPLE = "my-testnet";

  private FleetCompiler() {}

  /** The sample module's own source, read from the project, so tests follow it. */
  static JavaFileObject sampleSource() {
    Path file = Tools.projectRoot().resolve("sample/src/main/java/dev/bitte/sample/MyTestnet.java");
    try {
      return JavaFileObjects.forSourceString("dev.bitte.sample.MyTestnet", Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Compilation compile(JavaFileObject... sources) {
    Compilation c = javac().withProcessors(new BitteProcessor()).compile(sources);
    assertThat(c).succeeded();
    return c;
  }

  /** The bytes of {@code bitte/<cluster>/<path>}. */
  static byte[] file(Compilation c, String cluster, String path) {
    Optional<JavaFileObject> f = c.generatedFile(StandardLocation.CLASS_OUTPUT, "bitte/" + cluster + "/" + path);
    if (f.isEmpty()) {
      throw new AssertionError("the processor wrote no bitte/" + cluster + "/" + path);
    }
    try (InputStream in = f.get().openInputStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every workspace's main.tf.json, parsed, in apply order. */
  static Map<String, JsonNode> workspaces(Compilation c, String cluster) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (String ws : FleetPlan.WORKSPACES) {
      out.put(ws, Json.read(file(c, cluster, TerraformWriter.path(ws))));
    }
    return out;
  }
}
