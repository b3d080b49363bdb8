package dev.bitte.processor.emit.terraform;

import dev.bitte.processor.Fixtures;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.testing.compile.Compilation;
import dev.bitte.processor.emit.Json;
import dev.bitte.processor.plan.FleetPlan;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.tools.JavaFileObject;

/** Compiles a fleet with the real processor and returns what it wrote. */
final class FleetCompiler {
  static final String SAMPLE = "my-testnet";

  private FleetCompiler() {}

  /** The sample module's own source, read from the project, so tests follow it. */
  static JavaFileObject sampleSource() {
    return Fixtures.sampleSource("dev/bitte/sample/MyTestnet.java");
  }

  static Compilation compile(JavaFileObject... sources) {
    Compilation c = Fixtures.compile(sources);
    assertThat(c).succeeded();
    return c;
  }

  /** The bytes of {@code bitte/<cluster>/<path>}. */
  static byte[] file(Compilation c, String cluster, String path) {
    return Fixtures.resourceBytes(c, "bitte/" + cluster + "/" + path);
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
