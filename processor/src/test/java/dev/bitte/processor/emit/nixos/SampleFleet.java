package dev.bitte.processor.emit.nixos;

import static com.google.common.truth.Truth.assertWithMessage;

import com.google.testing.compile.Compilation;
import dev.bitte.processor.testing.Tools;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.tools.JavaFileObject;

/** Compiles the sample fleet (sample/…/MyTestnet.java) with the processor and collects its artifacts. */
final class SampleFleet {
  static final String CLUSTER = "my-testnet";
  private static SortedMap<String, byte[]> cached;
  private static Path written;

  private SampleFleet() {}

  static Path sampleDir() {
    return Tools.projectRoot().resolve("sample");
  }

  /** The artifacts of my-testnet, by path relative to bitte/my-testnet/ (cached per JVM). */
  static synchronized SortedMap<String, byte[]> artifacts() {
    if (cached == null) {
      cached = compile();
    }
    return cached;
  }

  /**
   * The artifacts written to a temporary directory (once per JVM, removed at exit), with the Nix
   * stubs ({@code stub.nix}) next to the flake, for evaluating them with Nix.
   */
  static synchronized Path directory() {
    if (written == null) {
      try {
        Path dir = Files.createTempDirectory("bitte-nixos-");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
        writeTo(artifacts(), dir);
        try (InputStream in = SampleFleet.class.getResourceAsStream("stub.nix")) {
          Files.write(dir.resolve("nixos/stub.nix"), in.readAllBytes());
        }
        written = dir;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return written;
  }

  private static void delete(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort, at exit
    }
  }

  /** The sample's manifest.json. */
  static com.fasterxml.jackson.databind.JsonNode manifest() {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(artifacts().get("manifest.json"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A fresh compile of the sample module's sources (the fleet and its jobs), for the determinism test. */
  static SortedMap<String, byte[]> compile() {
    Compilation c = dev.bitte.processor.Fixtures.compile(dev.bitte.processor.Fixtures.sampleSources());
    assertWithMessage("compiling the sample: %s", c.diagnostics()).that(c.status()).isEqualTo(Compilation.Status.SUCCESS);
    return artifacts(c, CLUSTER);
  }

  static SortedMap<String, byte[]> artifacts(Compilation c, String cluster) {
    SortedMap<String, byte[]> out = new TreeMap<>();
    String marker = "/bitte/" + cluster + "/";
    for (JavaFileObject f : c.generatedFiles()) {
      String uri = f.toUri().getPath();
      int at = uri.indexOf(marker);
      if (at < 0) {
        continue;
      }
      try (InputStream in = f.openInputStream()) {
        out.put(uri.substring(at + marker.length()), in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  /** Writes the artifacts under {@code dir} and returns it. */
  static Path writeTo(Map<String, byte[]> artifacts, Path dir) {
    try {
      for (Map.Entry<String, byte[]> e : artifacts.entrySet()) {
        Path p = dir.resolve(e.getKey());
        Files.createDirectories(p.getParent());
        Files.write(p, e.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir;
  }
}
