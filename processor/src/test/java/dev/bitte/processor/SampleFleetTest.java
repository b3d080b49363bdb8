package dev.bitte.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.testing.compile.Compilation;
import dev.bitte.processor.emit.Artifacts;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sample fleet (my-testnet): clean compile, goldens, determinism, manifest integrity. */
class SampleFleetTest {
  static Compilation first;
  static Map<String, byte[]> files;

  @BeforeAll
  static void compileSample() {
    first = Fixtures.compile(Fixtures.sampleSources());
    assertThat(first).succeededWithoutWarnings();
    files = Fixtures.generated(first);
  }

  @Test
  void twoBuildsGiveIdenticalBytes() {
    Map<String, byte[]> second = Fixtures.generated(Fixtures.compile(Fixtures.sampleSources()));
    assertThat(second.keySet()).isEqualTo(files.keySet());
    for (String path : files.keySet()) {
      assertArrayEquals(files.get(path), second.get(path), "differs between two builds: " + path);
    }
  }

  @Test
  void outputIsPortableText() {
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      String text = new String(e.getValue(), StandardCharsets.UTF_8);
      assertThat(text.indexOf('\r')).isEqualTo(-1);
      assertThat(text).doesNotContain(Fixtures.projectRoot().toString());
      assertThat(text).endsWith("\n");
    }
  }

  @Test
  void manifestMatchesGolden() {
    Golden.assertMatches("my-testnet/manifest.json", files.get("bitte/my-testnet/manifest.json"));
  }

  @Test
  void fleetClassMatchesGolden() {
    Golden.assertMatches("my-testnet/MyTestnetFleet.java", files.get("dev/bitte/sample/MyTestnetFleet.java"));
  }

  @Test
  void manifestListsEveryArtifactWithItsDigest() throws Exception {
    JsonNode manifest = new ObjectMapper().readTree(files.get("bitte/my-testnet/manifest.json"));
    Set<String> listed = new HashSet<>();
    for (JsonNode a : manifest.get("artifacts")) {
      String path = a.get("path").asText();
      listed.add(path);
      byte[] content = files.get("bitte/my-testnet/" + path);
      assertThat(content).isNotNull();
      assertThat(a.get("sha256").asText()).isEqualTo(Artifacts.sha256(content));
      assertThat(a.get("size").asInt()).isEqualTo(content.length);
    }
    for (String path : files.keySet()) {
      if (path.startsWith("bitte/my-testnet/") && !path.endsWith("/manifest.json")) {
        assertThat(listed).contains(path.substring("bitte/my-testnet/".length()));
      }
    }
  }

  /** Every sample job fits at desired (and min), and the manifest shows what it uses where. */
  @Test
  void sampleJobsFitAndTheirUtilizationIsInTheManifest() throws Exception {
    JsonNode capacity = new ObjectMapper().readTree(files.get("bitte/my-testnet/manifest.json")).get("capacity");
    assertThat(capacity.get("algorithm").asText()).isEqualTo("binpack");
    assertThat(capacity.get("utilizationWarningPercent").asInt()).isEqualTo(85);
    Set<String> jobs = new HashSet<>();
    capacity.get("jobs").fields().forEachRemaining(e -> {
      jobs.add(e.getKey());
      assertThat(e.getValue().get("placed").asInt()).isEqualTo(e.getValue().get("wanted").asInt());
      assertThat(e.getValue().has("failure")).isFalse();
      int onNodes = 0;
      for (JsonNode n : e.getValue().get("nodes")) {
        onNodes += n.asInt();
      }
      assertThat(onNodes).isEqualTo(e.getValue().get("placed").asInt());
    });
    assertThat(jobs).containsExactly("apps/db.postgres", "apps/nightly-backup.dump", "apps/web.frontend", "ops/log-shipper.vector");
    // the system job runs on each of the 3 + 2 clients at desired
    assertThat(capacity.at("/jobs/ops~1log-shipper.vector/placed").asInt()).isEqualTo(5);
    for (String group : new String[] {"clients-eu", "clients-us"}) {
      JsonNode desired = capacity.at("/groups/" + group + "/desired");
      assertThat(desired.get("cpuUsedMhz").asLong()).isGreaterThan(0L);
      assertThat(desired.get("cpuPercent").asDouble()).isLessThan(85.0);
      assertThat(desired.get("memoryPercent").asDouble()).isLessThan(85.0);
    }
    // clients-eu: 3 × (m5.xlarge 12,400 MHz − 500) at desired
    assertThat(capacity.at("/groups/clients-eu/desired/cpuMhz").asInt()).isEqualTo(3 * (12400 - 500));
  }

  @Test
  void manifestCarriesThePlan() throws Exception {
    JsonNode m = new ObjectMapper().readTree(files.get("bitte/my-testnet/manifest.json"));
    assertThat(m.at("/cluster/name").asText()).isEqualTo("my-testnet");
    assertThat(m.get("regions").size()).isEqualTo(2);
    assertThat(m.at("/regions/0/name").asText()).isEqualTo("eu-central-1");
    assertThat(m.at("/regions/0/cidr").asText()).isEqualTo("10.32.0.0/16");
    assertThat(m.at("/regions/1/name").asText()).isEqualTo("us-east-2");
    assertThat(m.at("/regions/1/cidr").asText()).isEqualTo("10.33.0.0/16");
    // core-1..3 spread over the three zones of eu-central-1
    Set<String> zones = new HashSet<>();
    for (JsonNode n : m.get("coreNodes")) {
      if (n.get("role").asText().equals("server")) {
        zones.add(n.get("az").asText());
      }
    }
    assertThat(zones).containsExactly("eu-central-1a", "eu-central-1b", "eu-central-1c");
    assertThat(m.get("applyOrder").toString()).isEqualTo(
        "[\"bootstrap\",\"network\",\"core\",\"secrets\",\"deploy-core\",\"clients\",\"hydrate\",\"jobs\"]");
  }

  @Test
  void fleetClassIsRegisteredAsService() {
    String services = new String(files.get("META-INF/services/dev.bitte.fleet.FleetDescriptor"), StandardCharsets.UTF_8);
    assertThat(services).isEqualTo("dev.bitte.sample.MyTestnetFleet\n");
  }
}
