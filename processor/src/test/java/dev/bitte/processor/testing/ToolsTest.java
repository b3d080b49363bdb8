package dev.bitte.processor.testing;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class ToolsTest {
  @Test
  void findsTheProjectRoot() {
    assertThat(Files.isRegularFile(Tools.projectRoot().resolve("pom.xml"))).isTrue();
    assertThat(Files.isRegularFile(Tools.validatorsDir().resolve("hcl2json.mjs"))).isTrue();
    assertThat(Files.isRegularFile(Tools.projectRoot().resolve("tools/install-validators.sh")))
        .isTrue();
  }

  @Test
  void missingToolFailsInCiAndAbortsElsewhere() {
    AssertionError inCi =
        assertThrows(AssertionError.class, () -> Tools.missing("'no-such-tool' is not on PATH", true));
    assertThat(inCi).hasMessageThat().contains("tools/install-validators.sh");
    assertThat(inCi).hasMessageThat().contains("no-such-tool");

    TestAbortedException elsewhere =
        assertThrows(
            TestAbortedException.class, () -> Tools.missing("'no-such-tool' is not on PATH", false));
    assertThat(elsewhere).hasMessageThat().contains("tools/install-validators.sh");
  }

  @Test
  void requireToolFollowsTheCiVariable() {
    Class<? extends Throwable> expected =
        Tools.inCi() ? AssertionError.class : TestAbortedException.class;
    Throwable thrown =
        assertThrows(Throwable.class, () -> Tools.requireTool("bitte-no-such-tool-4711"));
    assertThat(thrown).isInstanceOf(expected);
    assertThat(thrown).hasMessageThat().contains("bitte-no-such-tool-4711");
  }

  @Test
  void findsToolsOnPath() {
    assertThat(Tools.findOnPath("sh")).isPresent();
    assertThat(Tools.findOnPath("bitte-no-such-tool-4711")).isEmpty();
  }

  @Test
  void runCapturesOutputAndExitCode() {
    Tools.Result result =
        Tools.run(
            List.of("sh", "-c", "echo out; echo err >&2; echo \"$BITTE_X\"; exit 3"),
            null,
            Map.of("BITTE_X", "x-value"),
            Duration.ofSeconds(30));
    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.stdout()).isEqualTo("out\nx-value\n");
    assertThat(result.stderr()).isEqualTo("err\n");
  }
}
