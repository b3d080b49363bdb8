package dev.bitte.processor.emit.nixos;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static java.nio.charset.StandardCharsets.UTF_8;

import dev.bitte.processor.plan.FleetPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * No generated file carries secret material: private keys, gossip keys, Vault or Consul tokens,
 * AWS keys. Secrets are only named by runtime paths under {@link FleetPlan#SECRETS_DIR}, always as
 * strings (a Nix path would copy the file into the world-readable store).
 */
class NixosSecretScanTest {
  static final Map<String, Pattern> SHAPES = Map.of(
      "PEM private key", Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----"),
      "OpenSSH private key", Pattern.compile("-----BEGIN OPENSSH PRIVATE KEY-----"),
      "gossip key", Pattern.compile("\"?encrypt\"?\\s*[=:]\\s*\"[A-Za-z0-9+/]{22,}={0,2}\""),
      "Vault token", Pattern.compile("\\bhv[sbr]\\.[A-Za-z0-9_-]{20,}|\\bs\\.[A-Za-z0-9]{24}\\b"),
      "UUID token (Consul/Nomad ACL)", Pattern.compile("\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b"),
      "AWS access key", Pattern.compile("\\b(AKIA|ASIA)[0-9A-Z]{16}\\b"),
      "KMS key id", Pattern.compile("kms_key_id\\s*=\\s*\"[^\"]+\""));

  static List<String> findings(String text) {
    List<String> out = new ArrayList<>();
    SHAPES.forEach((what, p) -> {
      Matcher m = p.matcher(text);
      while (m.find()) {
        out.add(what + ": " + m.group());
      }
    });
    return out;
  }

  @Test
  void noGeneratedFileHoldsSecretMaterial() {
    int scanned = 0;
    for (Map.Entry<String, byte[]> e : SampleFleet.artifacts().entrySet()) {
      String text = new String(e.getValue(), UTF_8);
      assertWithMessage(e.getKey()).that(findings(text)).isEmpty();
      scanned++;
    }
    assertThat(scanned).isGreaterThan(15);
  }

  /**
   * Every module, fully evaluated by Nix, names secret files only as strings: a Nix path literal
   * would make Nix read the file to copy it into the store, which fails here (no such file), and
   * no evaluated string that names a secret is a store path.
   */
  @Test
  void secretPathsAreRuntimeStringsNotNixPaths() {
    List<String> expressions = new ArrayList<>();
    for (String h : List.of("core-1", "monitoring", "routing", "clients-eu")) {
      expressions.add(NixosWriterTest.host(h));
    }
    expressions.add("(import ./modules/common.nix (s.args { }))");
    for (String[] m : new String[][] {{"consul-server", "core-1"}, {"consul-client", "clients-eu"}, {"vault-server", "core-1"},
        {"nomad-server", "core-1"}, {"nomad-client", "clients-eu"}, {"monitoring", "monitoring"}, {"routing", "routing"}}) {
      expressions.add(NixosWriterTest.module(m[0], m[1]));
    }
    List<String> named = new ArrayList<>();
    for (String e : expressions) {
      collect(NixosWriterTest.eval(e), named);
    }
    assertThat(named).isNotEmpty();
    for (String s : named) {
      assertWithMessage(s).that(s).doesNotContain("/nix/store/");
    }
  }

  private static void collect(com.fasterxml.jackson.databind.JsonNode node, List<String> out) {
    if (node.isTextual() && node.asText().contains(FleetPlan.SECRETS_DIR)) {
      out.add(node.asText());
    }
    node.forEach(child -> collect(child, out));
  }

  /** The check above can fail: a secret named as a Nix path does not evaluate. */
  @Test
  void aSecretAsANixPathFailsToEvaluate() {
    AssertionError e = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
        () -> NixosWriterTest.eval("{ key_file = " + FleetPlan.SECRETS_DIR + "/tls/consul-key.pem; }"));
    assertThat(e).hasMessageThat().contains(FleetPlan.SECRETS_DIR);
  }

  /** The scan itself finds what it looks for (so an empty result means something). */
  @Test
  void theScanFindsPlantedSecrets() {
    assertThat(findings("-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE\n")).hasSize(1);
    assertThat(findings("encrypt = \"pUqJrVyVRj5jsiYEkM/tFQYfWyJIv4s3XkvDwy7Cu5s=\";")).hasSize(1);
    assertThat(findings("{\"encrypt\": \"pUqJrVyVRj5jsiYEkM/tFQYfWyJIv4s3XkvDwy7Cu5s=\"}")).hasSize(1);
    assertThat(findings("token = \"hvs.CAESIJ3nMDKx7Hq2bX0aTz1mZcY9v\"")).hasSize(1);
    assertThat(findings("token = \"b1gs33cr-3t00-0000-0000-000000000000\"")).isEmpty();
    assertThat(findings("token = \"0e1f6e86-4c4b-4d1c-9a3d-6f0d5b8e2a71\"")).hasSize(1);
    assertThat(findings("AKIAIOSFODNN7EXAMPLE")).hasSize(1);
    assertThat(findings("ca_file = \"" + FleetPlan.SECRETS_DIR + "/tls/ca.pem\";")).isEmpty();
  }
}
