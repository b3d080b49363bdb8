package dev.bitte.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bitte export --to DIR [--check]} and {@code bitte list}. */
class ExportTest {
  @TempDir Path tmp;
  Map<String, String> env;

  @BeforeEach
  void setUp() throws IOException {
    Fixture.write(tmp.resolve("target/classes/bitte/test-fleet"));
    env = Cli.env(null, null);
  }

  @Test
  void exportWritesAnExactCopyThatVerifiesAndCheckDetectsDrift() throws IOException {
    Cli.Result check = Cli.run(tmp, env, "export", "test-fleet", "--to", "infra", "--check");
    assertEquals(1, check.code(), check.all());
    assertTrue(check.out().contains("differs: infra/test-fleet/manifest.json (missing)"), check.out());
    assertTrue(check.err().contains("run `bitte export target/classes/bitte/test-fleet --to infra`"), check.err());

    Cli.Result dry = Cli.run(tmp, env, "export", "test-fleet", "--to", "infra", "--dry-run");
    assertEquals(0, dry.code());
    assertFalse(Files.exists(tmp.resolve("infra")), "dry run wrote nothing");

    Cli.Result export = Cli.run(tmp, env, "export", "test-fleet", "--to", "infra");
    assertEquals(0, export.code(), export.all());
    assertTrue(export.out().contains("exported test-fleet to infra/test-fleet: 12 written, 0 deleted, 0 unchanged"), export.out());
    assertEquals(0, Cli.run(tmp, env, "export", "test-fleet", "--to", "infra", "--check").code());
    // the committed copy is an artifact folder in its own right
    Cli.Result show = Cli.run(tmp, env, "show", "infra/test-fleet");
    assertEquals(0, show.code(), show.all());

    // both copies are found by name; identical content is not ambiguous
    Cli.Result list = Cli.run(tmp, env, "list");
    assertTrue(list.out().contains("test-fleet           build     target/classes/bitte/test-fleet  (verified, 4 core nodes, 1 client groups, 2 jobs)"), list.out());
    assertTrue(list.out().contains("test-fleet           committed infra/test-fleet"), list.out());
    assertEquals(0, Cli.run(tmp, env, "show", "test-fleet").code());

    // drift: a stale file and an edit in the committed copy
    Files.writeString(tmp.resolve("infra/test-fleet/nomad/apps/old.nomad.hcl"), "job \"old\" {}\n");
    Files.writeString(tmp.resolve("infra/test-fleet/nixos/flake.nix"), "{ }\n");
    Cli.Result drift = Cli.run(tmp, env, "export", "--to", "infra", "--check", "-f", "target/classes/bitte/test-fleet");
    assertEquals(1, drift.code(), drift.all());
    assertTrue(drift.out().contains("differs: infra/test-fleet/nixos/flake.nix"), drift.out());
    assertTrue(drift.out().contains("stale:   infra/test-fleet/nomad/apps/old.nomad.hcl"), drift.out());
    Cli.Result listDrift = Cli.run(tmp, env, "list");
    assertTrue(listDrift.out().contains("REFUSED: artifact infra/test-fleet/nixos/flake.nix was changed after it was generated"), listDrift.out());
    Cli.Result byName = Cli.run(tmp, env, "show", "test-fleet");
    assertEquals(0, byName.code(), "same manifest: the build output is used");
    assertTrue(byName.out().contains("artifacts target/classes/bitte/test-fleet"), byName.out());

    Cli.Result fix = Cli.run(tmp, env, "export", "target/classes/bitte/test-fleet", "--to", "infra");
    assertTrue(fix.out().contains("1 written, 1 deleted"), fix.out());
    assertEquals(0, Cli.run(tmp, env, "export", "--to", "infra", "--check", "-f", "target/classes/bitte/test-fleet").code());
    assertFalse(Files.exists(tmp.resolve("infra/test-fleet/nomad/apps/old.nomad.hcl")));

    Path manifest = tmp.resolve("infra/test-fleet/manifest.json");
    Files.writeString(manifest, Files.readString(manifest) + "\n");
    Cli.Result ambiguous = Cli.run(tmp, env, "show", "test-fleet");
    assertEquals(2, ambiguous.code());
    assertTrue(ambiguous.err().contains("is in more than one folder with different content"), ambiguous.err());
  }

  @Test
  void unknownFleetNameSaysWhatWasFound() {
    Cli.Result r = Cli.run(tmp, env, "show", "nope");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("no fleet named \"nope\" found") && r.err().contains("(found: test-fleet)"), r.err());
  }
}
