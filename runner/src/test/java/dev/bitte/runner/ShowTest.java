package dev.bitte.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bitte show}: the summary, including the jobs and capacity sections other stages add to the manifest. */
class ShowTest {
  @TempDir Path tmp;

  @Test
  void showsNodesGroupsJobsAndWhereTheCapacityPlanPutThem() throws IOException {
    Path dir = Fixture.write(tmp.resolve("build/test-fleet"));
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = (ObjectNode) json.readTree(dir.resolve("manifest.json").toFile());
    root.putArray("jobs").addObject().put("id", "web").put("namespace", "apps").put("type", "service").put("path", "nomad/apps/web.nomad.hcl")
        .putArray("groups").addObject().put("name", "frontend").put("count", 3).put("nodeClass", "general");
    ObjectNode cap = root.putObject("capacity");
    cap.put("reservedCpuMhzPerNode", 500).put("reservedMemoryMibPerNode", 512);
    cap.putObject("groups").putObject("clients-eu").putObject("desired").put("nodes", 2).put("allocations", 3).put("cpuMhz", 9000)
        .put("cpuUsedMhz", 1500).put("memoryMib", 15000).put("memoryUsedMib", 768);
    ObjectNode web = cap.putObject("jobs").putObject("apps/web.frontend");
    web.put("wanted", 3).put("placed", 2).put("failure", "memory exhausted on clients-eu").putArray("suggestions").add("raise clients-eu desired to 3");
    web.putObject("nodes").put("clients-eu-1", 1).put("clients-eu-2", 1);
    Files.writeString(dir.resolve("manifest.json"), json.writeValueAsString(root));

    Cli.Result r = Cli.run(tmp, Cli.env(null, null), "show", "build/test-fleet");
    assertEquals(0, r.code(), r.all());
    String out = r.out();
    assertTrue(out.startsWith("fleet test-fleet (test.example.com), primary region eu-central-1\n"), out);
    assertTrue(out.contains("  core-1       server     t3a.medium  eu-central-1a   10.0.0.10\n"), out);
    assertTrue(out.contains("  clients-eu   eu-central-1   m5.large    class general    min 1, desired 2, max 4\n"), out);
    assertTrue(out.contains("  apps/web (service)  nomad/apps/web.nomad.hcl\n    group frontend x3, node class general\n"
        + "    placed 2/3 at desired size on clients-eu-1, clients-eu-2\n    DOES NOT FIT: memory exhausted on clients-eu\n"
        + "      - raise clients-eu desired to 3\n"), out);
    assertTrue(out.contains("  clients-eu   2 nodes, 3 allocations, cpu 1500/9000 MHz, memory 768/15000 MiB\n"), out);
  }

  @Test
  void openPrintsWhereTheReportPageIs() throws IOException {
    java.util.Map<String, String> files = new java.util.TreeMap<>(Fixture.files());
    files.put("report/index.html", "<!doctype html><title>test-fleet</title>\n");
    Path dir = Fixture.write(tmp.resolve("build/test-fleet"), files);
    Cli.Result r = Cli.run(tmp, Cli.env(null, null), "show", "--open", "build/test-fleet");
    assertEquals(0, r.code(), r.all());
    assertTrue(r.out().endsWith("report " + dir.resolve("report/index.html").toAbsolutePath().normalize().toUri() + "\n"), r.out());
  }

  @Test
  void openWithoutAReportPageSaysWhatToDo() throws IOException {
    Fixture.write(tmp.resolve("build/test-fleet"));
    Cli.Result r = Cli.run(tmp, Cli.env(null, null), "show", "--open", "build/test-fleet");
    assertEquals(2, r.code(), r.all());
    assertTrue(r.err().contains("has no report page") && r.err().contains("mvn compile"), r.err());
  }

  @Test
  void everyCommandExplainsItselfWithHelp() {
    for (String cmd : java.util.List.of("list", "show", "export", "plan", "apply", "destroy", "secrets", "deploy", "jobs", "info", "ssh")) {
      Cli.Result r = Cli.run(tmp, Cli.env(null, null), cmd, "--help");
      assertEquals(0, r.code(), cmd + ": " + r.all());
      assertTrue(r.out().startsWith("Usage: bitte " + cmd), cmd + ": " + r.out());
    }
    // apply's help explains every step of the apply order, in that order.
    String help = Cli.run(tmp, Cli.env(null, null), "apply", "--help").out();
    int at = help.indexOf("Steps:");
    assertTrue(at > 0, help);
    for (String step : java.util.List.of("bootstrap", "network", "core", "secrets", "deploy-core", "clients", "hydrate", "jobs")) {
      int next = help.indexOf("\n  " + step + " ", at);
      assertTrue(next > at, step + " after the previous step in:\n" + help);
      at = next;
    }
    // destroy's help explains its steps in their (reversed) order and what it keeps.
    String destroy = Cli.run(tmp, Cli.env(null, null), "destroy", "--help").out();
    at = destroy.indexOf("Steps");
    assertTrue(at > 0, destroy);
    for (String step : java.util.List.of("jobs", "hydrate", "clients", "core", "network")) {
      int next = destroy.indexOf("\n  " + step + " ", at);
      assertTrue(next > at, step + " after the previous step in:\n" + destroy);
      at = next;
    }
    assertTrue(destroy.contains("--yes") && destroy.contains("Kept: bootstrap"), destroy);
  }
}
