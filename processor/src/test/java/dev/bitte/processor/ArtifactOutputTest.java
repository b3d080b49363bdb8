package dev.bitte.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How artifacts reach the class output: with javac's own file manager and a directory (as in
 * Maven or a command-line javac) they are written directly, byte for byte what the Filer writes
 * (compile-testing's in-memory file manager always goes through the Filer); stale files of a
 * previous compile are removed, nothing else is.
 */
class ArtifactOutputTest {
  private static final String CLUSTER_DIR = "bitte/my-testnet";

  @TempDir Path tmp;

  /** A real javac run: the system compiler, its standard file manager, {@code -d out}. */
  private record Run(boolean ok, List<Diagnostic<? extends JavaFileObject>> diagnostics) {
    String notes() {
      StringBuilder b = new StringBuilder();
      for (Diagnostic<? extends JavaFileObject> d : diagnostics) {
        if (d.getKind() == Diagnostic.Kind.NOTE) {
          b.append(d.getMessage(Locale.ROOT)).append('\n');
        }
      }
      return b.toString();
    }
  }

  private static Path sample(String simpleName) {
    return Fixtures.projectRoot().resolve("sample/src/main/java/dev/bitte/sample/" + simpleName + ".java");
  }

  private static List<Path> sampleFiles() throws IOException {
    try (Stream<Path> s = Files.list(sample("MyTestnet").getParent())) {
      return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
  }

  private static Run javac(Path out, List<Path> sources, String... options) throws IOException {
    return javac(new BitteProcessor(), out, sources, options);
  }

  private static Run javac(BitteProcessor processor, Path out, List<Path> sources, String... options) throws IOException {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      List<String> args = new ArrayList<>(List.of("-d", out.toString(),
          "-classpath", System.getProperty("java.class.path") + java.io.File.pathSeparator + out,
          "-A" + BitteProcessor.OPTION_PROJECT_DIR + "=" + Fixtures.projectRoot().resolve("sample"),
          "-A" + Timings.OPTION + "=true"));
      args.addAll(List.of(options));
      JavaCompiler.CompilationTask task = compiler.getTask(null, files, diagnostics, args, null,
          files.getJavaFileObjectsFromPaths(sources));
      task.setProcessors(List.of(processor));
      boolean ok = task.call();
      return new Run(ok, diagnostics.getDiagnostics());
    }
  }

  /** Every file under {@code dir}, by path relative to it. */
  private static Map<String, byte[]> tree(Path dir) {
    Map<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        out.put(dir.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** The cluster's resources as the Filer wrote them in compile-testing's memory. */
  private static Map<String, byte[]> throughTheFiler() {
    Compilation c = Fixtures.compile(Fixtures.sampleSources());
    assertThat(c).succeeded();
    Map<String, byte[]> out = new TreeMap<>();
    Fixtures.generated(c).forEach((path, bytes) -> {
      if (path.startsWith(CLUSTER_DIR + "/")) {
        out.put(path.substring(CLUSTER_DIR.length() + 1), bytes);
      }
    });
    return out;
  }

  private static void assertSameFiles(Map<String, byte[]> actual, Map<String, byte[]> expected) {
    assertThat(actual.keySet()).containsExactlyElementsIn(expected.keySet());
    for (Map.Entry<String, byte[]> e : expected.entrySet()) {
      assertThat(new String(actual.get(e.getKey()), StandardCharsets.UTF_8))
          .isEqualTo(new String(e.getValue(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void javacsOwnOutputDirectoryIsWrittenDirectlyWithTheFilersBytes() throws IOException {
    Path out = tmp.resolve("classes");
    Run run = javac(out, sampleFiles());

    assertThat(run.ok()).isTrue();
    assertThat(run.notes()).contains("write files (directly)");
    assertThat(run.notes()).doesNotContain("write files (Filer)");
    Map<String, byte[]> written = tree(out.resolve(CLUSTER_DIR));
    assertSameFiles(written, throughTheFiler());
    assertThat(written.keySet().stream().filter(p -> p.endsWith(".bitte-tmp")).toList()).isEmpty();
    // The Fleet class and the service file still go through the Filer, so javac compiles the class.
    assertThat(Files.exists(out.resolve("dev/bitte/sample/MyTestnetFleet.class"))).isTrue();
    assertThat(Files.readString(out.resolve(BitteProcessor.SERVICES_FILE))).contains("dev.bitte.sample.MyTestnetFleet");
  }

  @Test
  void optionFilerWritesEverythingThroughTheFiler() throws IOException {
    Path out = tmp.resolve("classes");
    Run run = javac(out, sampleFiles(), "-A" + ArtifactOutput.OPTION + "=filer");

    assertThat(run.ok()).isTrue();
    assertThat(run.notes()).contains("write files (Filer)");
    assertThat(run.notes()).doesNotContain("write files (directly)");
    assertSameFiles(tree(out.resolve(CLUSTER_DIR)), throughTheFiler());
  }

  @Test
  void aRebuildLeavesUnchangedFilesAloneAndReplacesChangedOnes() throws IOException {
    Path out = tmp.resolve("classes");
    assertThat(javac(out, sampleFiles()).ok()).isTrue();
    Path dir = out.resolve(CLUSTER_DIR);
    FileTime old = FileTime.fromMillis(1_000_000_000_000L);
    Path flake = dir.resolve("nixos/flake.nix");
    Path core = dir.resolve("terraform/core/main.tf.json");
    byte[] coreBytes = Files.readAllBytes(core);
    Files.setLastModifiedTime(flake, old);
    Files.writeString(core, "edited by hand\n");
    Files.setLastModifiedTime(core, old);

    assertThat(javac(out, sampleFiles()).ok()).isTrue();

    assertThat(Files.getLastModifiedTime(flake)).isEqualTo(old);
    assertThat(Files.getLastModifiedTime(core)).isNotEqualTo(old);
    assertThat(Files.readAllBytes(core)).isEqualTo(coreBytes);
    assertSameFiles(tree(dir), throughTheFiler());
  }

  @Test
  void aWriterThatFailsLeavesTheDirectoryAsItWas() throws IOException {
    Path out = tmp.resolve("classes");
    assertThat(javac(out, sampleFiles()).ok()).isTrue();
    Path dir = out.resolve(CLUSTER_DIR);
    Map<String, byte[]> before = tree(dir);
    // The first writer renders everything anew (changed bytes: each file would be replaced), the
    // second fails: nothing may be replaced, and no temporary file may stay.
    dev.bitte.processor.emit.ArtifactWriter changed = (plan, files) -> before.keySet().stream()
        .filter(p -> !p.equals("manifest.json")).forEach(p -> files.put(p, ("changed " + p + "\n").getBytes(StandardCharsets.UTF_8)));
    dev.bitte.processor.emit.ArtifactWriter broken = (plan, files) -> {
      throw new IllegalStateException("boom");
    };

    Run failed = javac(new BitteProcessor(List.of(changed, broken)), out, sampleFiles());

    assertThat(failed.ok()).isFalse();
    assertThat(failed.diagnostics().toString()).contains("[bitte:internal-error]");
    Map<String, byte[]> after = tree(dir);
    assertThat(after.keySet()).containsExactlyElementsIn(before.keySet());
    for (Map.Entry<String, byte[]> e : before.entrySet()) {
      assertWithMessage(e.getKey()).that(after.get(e.getKey())).isEqualTo(e.getValue());
    }
  }

  @Test
  void aRemovedJobsFileIsDeletedAndNothingElse() throws IOException {
    Path out = tmp.resolve("classes");
    assertThat(javac(out, sampleFiles()).ok()).isTrue();
    Path dir = out.resolve(CLUSTER_DIR);
    String backup = tree(dir).keySet().stream().filter(p -> p.startsWith("nomad/") && p.contains("nightly")).findFirst()
        .orElseThrow(() -> new AssertionError("no nightly backup job in " + tree(dir).keySet()));
    Files.writeString(dir.resolve("nomad/NOTES.md"), "kept: not listed in any manifest\n");
    // A hand-edited manifest naming a file outside the cluster's directory: never deleted.
    Path outside = Files.writeString(out.resolve("outside.txt"), "not ours\n");
    String manifest = Files.readString(dir.resolve("manifest.json"));
    Files.writeString(dir.resolve("manifest.json"),
        manifest.replaceFirst("\"artifacts\":\\s*\\[", "\"artifacts\": [{\"path\": \"../../outside.txt\"}, "));
    assertThat(ArtifactOutput.previousArtifacts(dir.resolve("manifest.json"))).contains("../../outside.txt");

    List<Path> withoutBackup = sampleFiles().stream().filter(p -> !p.getFileName().toString().equals("NightlyBackup.java")).toList();
    Run second = javac(out, withoutBackup);

    assertThat(second.ok()).isTrue();
    assertThat(Files.exists(dir.resolve(backup))).isFalse();
    assertThat(Files.readString(dir.resolve("nomad/NOTES.md"))).startsWith("kept");
    assertThat(Files.readString(outside)).isEqualTo("not ours\n");
    assertThat(Files.readString(dir.resolve("manifest.json"))).doesNotContain(backup);
    assertThat(ArtifactOutput.previousArtifacts(dir.resolve("manifest.json")))
        .containsExactlyElementsIn(tree(dir).keySet().stream().filter(p -> !p.equals("nomad/NOTES.md") && !p.equals("manifest.json")).toList());
  }

  @Test
  void jobsCompiledAgainstAClusterClassFileDeleteNoInfrastructure() throws IOException {
    Path out = tmp.resolve("classes");
    assertThat(javac(out, sampleFiles()).ok()).isTrue();
    Path dir = out.resolve(CLUSTER_DIR);
    byte[] core = Files.readAllBytes(dir.resolve("terraform/core/main.tf.json"));

    // Only one job, its cluster read from the class file written above: its module writes jobs.
    Run jobsOnly = javac(out, List.of(sample("Db")));

    assertWithMessage("%s", jobsOnly.diagnostics()).that(jobsOnly.ok()).isTrue();
    assertThat(jobsOnly.notes()).contains("write files (directly)");
    assertThat(Files.readAllBytes(dir.resolve("terraform/core/main.tf.json"))).isEqualTo(core);
  }

  @Test
  void anUnknownOutputModeIsAnErrorNamingTheChoices() {
    Compilation c = Compiler.javac().withProcessors(new BitteProcessor())
        .withOptions("-A" + ArtifactOutput.OPTION + "=fast", "-A" + BitteProcessor.OPTION_PROJECT_DIR + "=" + Fixtures.projectRoot().resolve("sample"))
        .compile(Fixtures.sampleSources());

    assertThat(c).hadErrorContaining("[bitte:option] processor option bitte.output=fast names no output mode");
    assertThat(c).hadErrorContaining("use auto");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void modesParseAndUnknownValuesDoNot() {
    assertThat(ArtifactOutput.Mode.of(null)).isEqualTo(ArtifactOutput.Mode.AUTO);
    assertThat(ArtifactOutput.Mode.of(" filer ")).isEqualTo(ArtifactOutput.Mode.FILER);
    assertThat(ArtifactOutput.Mode.of("auto")).isEqualTo(ArtifactOutput.Mode.AUTO);
    assertThat(ArtifactOutput.Mode.of("FILER")).isNull();
    assertThat(ArtifactOutput.Mode.of("direct")).isNull();
  }

  @Test
  void aMissingOrUnreadablePreviousManifestListsNothing() throws IOException {
    assertThat(ArtifactOutput.previousArtifacts(tmp.resolve("none.json"))).isEmpty();
    Path broken = Files.writeString(tmp.resolve("broken.json"), "{\"artifacts\": [{\"path\": \"a\"}, ");
    assertThat(ArtifactOutput.previousArtifacts(broken)).isEmpty();
    Path escaping = Files.writeString(tmp.resolve("escaping.json"), "{\"schema\": 1, \"artifacts\": [{\"path\": \"../../etc/passwd\", \"size\": 1}]}");
    assertThat(ArtifactOutput.previousArtifacts(escaping)).containsExactly("../../etc/passwd");
  }
}
