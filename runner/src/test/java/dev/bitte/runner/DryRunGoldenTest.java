package dev.bitte.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * CONTRACT test: the dry run prints exactly what would run, in order, deterministically, with no
 * terraform/nixos-rebuild/nomad installed and no network, and changes nothing. Compared with
 * golden files under src/test/resources/golden/; regenerate them with
 * {@code mvn -pl runner test -Dtest=DryRunGoldenTest -Dbitte.updateGolden=true}.
 */
class DryRunGoldenTest {
  @TempDir Path tmp;

  @ParameterizedTest(name = "contract: golden dry run of `bitte {0}`")
  @CsvSource({"apply, apply-dry-run.txt", "plan, plan-dry-run.txt", "deploy, deploy-dry-run.txt"})
  void contract_dryRunMatchesGolden(String command, String golden) throws IOException {
    Fixture.write(tmp.resolve("build/test-fleet"));
    Path emptyBin = Files.createDirectories(tmp.resolve("no-tools"));
    Map<String, String> env = Map.of("PATH", emptyBin.toString(), "HOME", tmp.toString());
    String[] args = command.equals("deploy")
        ? new String[] {"deploy", "-f", "build/test-fleet", "--dry-run", "--limit", "2"}
        : new String[] {command, "build/test-fleet", "--dry-run"};
    Cli.Result first = Cli.run(tmp, env, args);
    assertEquals(0, first.code(), first.all());
    assertEquals("", first.err());
    Cli.Result second = Cli.run(tmp, env, args);
    assertEquals(first.out(), second.out(), "deterministic");
    assertFalse(Files.exists(tmp.resolve(".bitte")), "a dry run writes nothing");

    String actual = first.out().replace(tmp.toString(), "<tmp>");
    Path file = Path.of("src/test/resources/golden", golden);
    if (Boolean.getBoolean("bitte.updateGolden")) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, actual, StandardCharsets.UTF_8);
    }
    assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual,
        "dry run differs from " + file + "; if intended, rerun with -Dbitte.updateGolden=true");
  }
}
