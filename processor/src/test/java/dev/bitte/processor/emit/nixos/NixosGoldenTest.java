package dev.bitte.processor.emit.nixos;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static java.nio.charset.StandardCharsets.UTF_8;

import dev.bitte.processor.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The sample's NixOS artifacts equal the golden files under
 * {@code processor/src/test/resources/golden/my-testnet/nixos/}, and two compiles give the same
 * bytes. Regenerate the golden files with {@code -Dbitte.updateGolden=true}.
 */
class NixosGoldenTest {
  static final Path GOLDEN = Path.of("src/test/resources/golden/my-testnet");

  static SortedMap<String, byte[]> nixosArtifacts(Map<String, byte[]> all) {
    SortedMap<String, byte[]> out = new TreeMap<>();
    all.forEach((k, v) -> {
      if (k.startsWith("nixos/")) {
        out.put(k, v);
      }
    });
    return out;
  }

  @Test
  void matchesTheGoldenFiles() throws IOException {
    Path golden = Tools.projectRoot().resolve("processor").resolve(GOLDEN);
    SortedMap<String, byte[]> actual = nixosArtifacts(SampleFleet.artifacts());
    if (Boolean.getBoolean("bitte.updateGolden")) {
      Path dir = golden.resolve("nixos");
      if (Files.isDirectory(dir)) {
        try (Stream<Path> old = Files.walk(dir)) {
          old.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
      SampleFleet.writeTo(actual, golden);
    }
    SortedMap<String, String> expected = new TreeMap<>();
    try (Stream<Path> files = Files.walk(golden.resolve("nixos"))) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        expected.put(golden.relativize(p).toString().replace('\\', '/'), Files.readString(p, UTF_8));
      }
    }
    assertThat(actual.keySet()).containsExactlyElementsIn(expected.keySet());
    for (Map.Entry<String, byte[]> e : actual.entrySet()) {
      assertWithMessage("%s differs from its golden file; rerun with -Dbitte.updateGolden=true if the change is intended", e.getKey())
          .that(new String(e.getValue(), UTF_8)).isEqualTo(expected.get(e.getKey()));
    }
  }

  @Test
  void twoCompilesGiveTheSameBytes() {
    SortedMap<String, byte[]> a = nixosArtifacts(SampleFleet.compile());
    SortedMap<String, byte[]> b = nixosArtifacts(SampleFleet.compile());
    assertThat(a.keySet()).containsExactlyElementsIn(b.keySet()).inOrder();
    for (String k : a.keySet()) {
      assertWithMessage(k).that(b.get(k)).isEqualTo(a.get(k));
      String text = new String(a.get(k), UTF_8);
      assertWithMessage(k).that(text).doesNotContain("\r");
      assertWithMessage(k).that(text).endsWith("\n");
      assertWithMessage(k).that(text).doesNotContain(Tools.projectRoot().toString());
    }
  }
}
