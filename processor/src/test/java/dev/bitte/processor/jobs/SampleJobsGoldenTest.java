package dev.bitte.processor.jobs;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.bitte.processor.BitteProcessor;
import dev.bitte.processor.Golden;
import dev.bitte.processor.testing.Hcl2Json;
import dev.bitte.processor.testing.Tools;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample fleet's jobs ({@code sample/src/main/java/dev/bitte/sample}) against golden files
 * under {@code processor/src/test/resources/golden/sample-jobs/}: every {@code .nomad.hcl} and the
 * manifest's {@code jobs} and {@code hydrate} sections. Run with {@code -Dbitte.updateGolden=true}
 * to rewrite them. Also: the output is byte-for-byte the same on every compile, whatever the
 * order of the sources, and it parses with the real HCL parser.
 */
class SampleJobsGoldenTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static List<JavaFileObject> sampleSources() {
    Path dir = Tools.projectRoot().resolve("sample/src/main/java/dev/bitte/sample");
    try (Stream<Path> files = Files.list(dir)) {
      List<JavaFileObject> out = new ArrayList<>();
      for (Path p : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        out.add(JavaFileObjects.forResource(p.toUri().toURL()));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Compilation compile(List<JavaFileObject> sources) {
    Compilation c = Compiler.javac().withProcessors(new BitteProcessor())
        .withOptions("-Abitte.projectDir=" + Tools.projectRoot().resolve("sample")).compile(sources);
    assertThat(c).succeededWithoutWarnings();
    return c;
  }

  /** Every resource under bitte/, by path. */
  private static Map<String, byte[]> artifacts(Compilation c) {
    Map<String, byte[]> out = new TreeMap<>();
    for (JavaFileObject f : c.generatedFiles()) {
      String path = f.toUri().getPath();
      int i = path.indexOf("/bitte/");
      if (f.getKind() == JavaFileObject.Kind.OTHER && i >= 0) {
        try (InputStream in = f.openInputStream()) {
          out.put(path.substring(i + 1), in.readAllBytes());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return out;
  }

  /** What is compared with the golden files: the job files and the jobs/hydrate part of the manifest. */
  private static Map<String, String> golden(Map<String, byte[]> artifacts) throws IOException {
    Map<String, String> out = new TreeMap<>();
    for (Map.Entry<String, byte[]> e : artifacts.entrySet()) {
      if (e.getKey().endsWith(".nomad.hcl")) {
        out.put(e.getKey().substring("bitte/my-testnet/".length()), new String(e.getValue(), StandardCharsets.UTF_8));
      }
    }
    JsonNode manifest = MAPPER.readTree(artifacts.get("bitte/my-testnet/manifest.json"));
    ObjectNode part = MAPPER.createObjectNode();
    part.set("jobs", manifest.get("jobs"));
    part.set("hydrate", manifest.get("hydrate"));
    out.put("manifest-jobs.json", MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(part).replace("\r\n", "\n") + "\n");
    return out;
  }

  @Test
  void matchesGoldenFiles() throws IOException {
    Map<String, String> actual = golden(artifacts(compile(sampleSources())));
    assertThat(actual.keySet()).containsExactly("nomad/apps/db.nomad.hcl", "nomad/apps/nightly-backup.nomad.hcl",
        "nomad/apps/web.nomad.hcl", "nomad/ops/log-shipper.nomad.hcl", "manifest-jobs.json");
    for (Map.Entry<String, String> e : actual.entrySet()) {
      Golden.assertMatches("sample-jobs/" + e.getKey(), e.getValue().getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void deterministicWhateverTheSourceOrder() {
    List<JavaFileObject> sources = sampleSources();
    Map<String, byte[]> first = artifacts(compile(sources));
    List<JavaFileObject> reversed = new ArrayList<>(sources);
    Collections.reverse(reversed);
    Map<String, byte[]> second = artifacts(compile(reversed));
    assertThat(second.keySet()).isEqualTo(first.keySet());
    assertThat(first.keySet().stream().filter(p -> p.endsWith(".nomad.hcl")).count()).isEqualTo(4);
    for (String path : first.keySet()) {
      assertWithMessage(path).that(new String(second.get(path), StandardCharsets.UTF_8))
          .isEqualTo(new String(first.get(path), StandardCharsets.UTF_8));
    }
  }

  @Test
  void sampleJobsParseAndUseOnlyNomadNames(@TempDir Path dir) throws IOException {
    List<Path> files = new ArrayList<>();
    for (Map.Entry<String, byte[]> e : artifacts(compile(sampleSources())).entrySet()) {
      if (e.getKey().endsWith(".nomad.hcl")) {
        Path p = dir.resolve(e.getKey().replace('/', '_'));
        Files.write(p, e.getValue());
        files.add(p);
      }
    }
    Map<Path, JsonNode> parsed = Hcl2Json.parseAll(files);
    assertThat(parsed).hasSize(4);
    for (Map.Entry<Path, JsonNode> e : parsed.entrySet()) {
      assertWithMessage(e.getKey().toString()).that(NomadJobspecSchema.check(e.getValue())).isEmpty();
    }
  }
}
