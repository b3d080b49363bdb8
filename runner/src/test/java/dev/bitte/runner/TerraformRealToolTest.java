package dev.bitte.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The terraform steps against the REAL terraform (or tofu) binary when one is installed: a
 * workspace with only an output needs no provider and no network, so init, plan
 * (-detailed-exitcode), apply of the saved plan and output -json all really run. Skipped
 * where neither is installed.
 */
class TerraformRealToolTest {
  @TempDir Path tmp;

  @Test
  void realTool_planApplyAndOutputsWithTerraform() throws IOException {
    Path bin = null;
    for (String dir : new String[] {"/usr/local/bin", "/usr/bin"}) {
      for (String name : new String[] {"terraform", "tofu"}) {
        if (bin == null && Files.isExecutable(Path.of(dir, name))) {
          bin = Path.of(dir, name);
        }
      }
    }
    Assumptions.assumeTrue(bin != null, "neither terraform nor tofu is installed");
    Fixture.write(tmp.resolve("build/test-fleet"), Map.of("terraform/core/main.tf.json", Fixture.files().get("terraform/core/main.tf.json")));
    Map<String, String> env = Cli.env(null, null);
    env.put("HOME", tmp.toString());
    env.put("CHECKPOINT_DISABLE", "1"); // no version check over the network
    env.put("TF_IN_AUTOMATION", "1");
    // The workspace needs no provider; should terraform still try to reach out, it hits a closed local port.
    for (String proxy : new String[] {"HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY"}) {
      env.put(proxy, "http://127.0.0.1:9");
    }
    String tf = bin.toString();

    Cli.Result plan = Cli.run(tmp, env, "plan", "build/test-fleet", "--no-jobs", "--terraform-bin", tf);
    assertEquals(1, plan.code(), "a new output is a change:\n" + plan.all());
    assertTrue(plan.out().contains("changes planned"), plan.out());

    Cli.Result apply = Cli.run(tmp, env, "apply", "build/test-fleet", "--only", "core", "--terraform-bin", tf);
    assertEquals(0, apply.code(), apply.all());
    String outputs = Files.readString(tmp.resolve(".bitte/test-fleet/outputs/core.json"));
    assertEquals("core", new com.fasterxml.jackson.databind.ObjectMapper().readTree(outputs).path("workspace").path("value").asText(), outputs);
    assertTrue(Files.exists(tmp.resolve(".bitte/test-fleet/terraform/core/terraform.tfstate")), "state lives in the working copy");
    assertTrue(Files.readString(tmp.resolve(".bitte/test-fleet/logs/core.log")).contains("Apply complete!"));

    Cli.Result again = Cli.run(tmp, env, "plan", "build/test-fleet", "--no-jobs", "--terraform-bin", tf);
    assertEquals(0, again.code(), "nothing left to change:\n" + again.all());
    assertTrue(again.out().contains("no changes"), again.out());
  }
}
