package dev.bitte.processor.emit.nixos;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.bitte.processor.plan.FleetPlan;
import dev.bitte.processor.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client groups' {@code bitte-secrets} unit, as Nix evaluates its script, run by bash (as
 * systemd runs a NixOS {@code script}: {@code set -e}, umask 0077) against a stand-in {@code aws}
 * that copies from a folder like {@code s3 cp --recursive} would, and a {@code sleep} that returns
 * at once: it fetches into the secrets dir, sets the modes core nodes get, retries while the
 * objects are not there yet, and fails when they never come.
 */
class ClientSecretsScriptTest {
  @TempDir Path tmp;

  private String script() {
    String s = NixosWriterTest.eval(NixosWriterTest.host("clients-eu") + ".systemd.services.bitte-secrets.script").asText();
    return s.replace(FleetPlan.SECRETS_DIR, tmp.resolve("secrets").toString());
  }

  /** Runs the script with a fake aws that fails the first {@code failures} calls, then copies {@code bucket}. */
  private Tools.Result run(Path bucket, int failures) throws IOException {
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path calls = tmp.resolve("aws-calls");
    Files.writeString(bin.resolve("aws"), "#!/usr/bin/env bash\n"
        + "echo \"$*\" >> " + calls + "\n"
        + "n=$(wc -l < " + calls + ")\n"
        + "if [ \"$n\" -le " + failures + " ]; then echo 'Unable to locate credentials' >&2; exit 1; fi\n"
        + "dest=\"${@: -1}\"\n"
        + "mkdir -p \"$dest\" && cp -R " + bucket + "/. \"$dest\"\n");
    Files.writeString(bin.resolve("sleep"), "#!/usr/bin/env bash\nexit 0\n");
    for (String f : List.of("aws", "sleep")) {
      Files.setPosixFilePermissions(bin.resolve(f), PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    Path sh = Files.writeString(tmp.resolve("unit.sh"), "set -e\numask 0077\n" + script());
    return Tools.run(List.of("bash", sh.toString()), tmp, Map.of("PATH", bin + ":" + System.getenv("PATH")), Duration.ofSeconds(60));
  }

  private Path bucket() throws IOException {
    Path b = tmp.resolve("bucket");
    Files.createDirectories(b.resolve("tls"));
    Files.createDirectories(b.resolve("consul"));
    Files.createDirectories(b.resolve("nomad"));
    Files.writeString(b.resolve("tls/ca.pem"), "ca\n");
    Files.writeString(b.resolve("tls/consul-key.pem"), "key\n");
    Files.writeString(b.resolve("consul/secrets.json"), "{}\n");
    Files.writeString(b.resolve("nomad/secrets.hcl"), "consul {}\n");
    return b;
  }

  private String mode(String relative) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("secrets").resolve(relative)));
  }

  @Test
  void fetchesWithTheModesOfTheCoreNodes() throws IOException {
    Tools.Result r = run(bucket(), 0);

    assertWithMessage(r.stderr()).that(r.ok()).isTrue();
    assertThat(Files.readString(tmp.resolve("secrets/consul/secrets.json"))).isEqualTo("{}\n");
    assertThat(mode("tls/ca.pem")).isEqualTo("rw-r--r--");
    assertThat(mode("tls/consul-key.pem")).isEqualTo("rw-------");
    assertThat(mode(".")).isEqualTo("rwx--x--x");
    assertThat(mode("tls")).isEqualTo("rwx--x--x");
    String call = Files.readAllLines(tmp.resolve("aws-calls")).get(0);
    assertThat(call).startsWith("s3 cp --recursive --only-show-errors --region eu-central-1 s3://my-testnet-bitte-state/bitte/my-testnet/secrets/clients-eu/ ");
  }

  @Test
  void retriesUntilTheSecretsAreThere() throws IOException {
    Tools.Result r = run(bucket(), 3);

    assertWithMessage(r.stderr()).that(r.ok()).isTrue();
    assertThat(Files.readAllLines(tmp.resolve("aws-calls"))).hasSize(4);
    assertThat(r.stderr()).contains("secrets not fetched (attempt 3 of 30), retrying in 10s");
  }

  @Test
  void failsWhenTheyNeverCome() throws IOException {
    Tools.Result r = run(bucket(), 1000);

    assertThat(r.ok()).isFalse();
    assertThat(Files.readAllLines(tmp.resolve("aws-calls"))).hasSize(30);
  }
}
