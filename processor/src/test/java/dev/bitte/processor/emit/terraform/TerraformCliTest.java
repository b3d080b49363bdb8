package dev.bitte.processor.emit.terraform;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import com.google.testing.compile.Compilation;
import dev.bitte.processor.plan.FleetPlan;
import dev.bitte.processor.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads the sample's workspaces with the real {@code terraform} CLI, when one is on PATH (no
 * registry ships it, so the test is skipped without it, even in CI). {@code terraform init}
 * parses and decodes the whole configuration (blocks, meta-arguments, provider references,
 * {@code depends_on}, lifecycle, variables and validations, the backend) before it installs
 * providers. Terraform never touches the network here: a CLI configuration makes an empty local
 * folder the only provider source, the checkpoint call is disabled and every proxy points at a
 * closed loopback port, so provider installation fails locally and the test accepts only that
 * failure. The S3 backend is not initialized (that would call AWS).
 */
class TerraformCliTest {
  static Path terraform;
  static Compilation compilation;

  @BeforeAll
  static void findTerraform() {
    Optional<Path> found = Tools.findOnPath("terraform");
    Assumptions.assumeTrue(found.isPresent(), "no terraform on PATH");
    terraform = found.get();
    compilation = FleetCompiler.compile(FleetCompiler.sampleSource());
  }

  private static Tools.Result run(Path dir, String... args) throws IOException {
    Path mirror = Files.createDirectories(dir.resolve(".empty-provider-mirror"));
    Path cli = dir.resolve(".terraformrc");
    Files.writeString(cli, "disable_checkpoint = true\nprovider_installation {\n  filesystem_mirror {\n    path = \""
        + mirror + "\"\n    include = [\"*/*/*\"]\n  }\n}\n");
    Map<String, String> env = new HashMap<>();
    env.put("TF_IN_AUTOMATION", "1");
    env.put("CHECKPOINT_DISABLE", "1");
    env.put("TF_CLI_CONFIG_FILE", cli.toString());
    // Belt and braces: any request that still tried to leave would hit a closed local port.
    for (String proxy : List.of("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY")) {
      env.put(proxy, "http://127.0.0.1:9");
    }
    env.put("NO_PROXY", null);
    env.put("no_proxy", null);
    env.put("AWS_ACCESS_KEY_ID", null);
    env.put("AWS_SECRET_ACCESS_KEY", null);
    env.put("AWS_PROFILE", null);
    env.put("AWS_SESSION_TOKEN", null);
    List<String> cmd = new java.util.ArrayList<>(List.of(terraform.toString()));
    cmd.addAll(List.of(args));
    return Tools.run(cmd, dir, env, Duration.ofMinutes(2));
  }

  private static String output(Tools.Result r) {
    return r.stdout() + r.stderr();
  }

  @Test
  void terraformLoadsEveryWorkspace(@TempDir Path tmp) throws IOException {
    for (String ws : FleetPlan.WORKSPACES) {
      Path dir = Files.createDirectories(tmp.resolve(ws));
      Files.write(dir.resolve("main.tf.json"), FleetCompiler.file(compilation, FleetCompiler.SAMPLE, TerraformWriter.path(ws)));
      Tools.Result r = run(dir, "init", "-backend=false", "-input=false", "-no-color");
      String out = output(r);
      assertWithMessage("%s:\n%s", ws, out).that(out).doesNotContainMatch("problems\\s+with\\s+the\\s+configuration|Error: Invalid|Error: Unsupported");
      if (!r.ok()) {
        assertWithMessage("%s:\n%s", ws, out).that(out).containsMatch("Failed to query available provider packages|Failed to install provider|could not find|no available releases");
      }
    }
  }

  @Test
  void aBrokenWorkspaceIsRejected(@TempDir Path tmp) throws IOException {
    String core = new String(FleetCompiler.file(compilation, FleetCompiler.SAMPLE, TerraformWriter.path("core")), java.nio.charset.StandardCharsets.UTF_8);
    Files.writeString(tmp.resolve("main.tf.json"), core.replace("\"aws_instance.core_1\"", "\"aws_instance[\""));
    String out = output(run(tmp, "init", "-backend=false", "-input=false", "-no-color"));
    assertThat(out).containsMatch("problems\\s+with\\s+the\\s+configuration");
    assertThat(out).contains("Invalid expression");
  }
}
