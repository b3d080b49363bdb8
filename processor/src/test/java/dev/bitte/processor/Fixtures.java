package dev.bitte.processor;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.TreeMap;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;

/** Sources and compilations shared by the processor's tests. */
public final class Fixtures {
  private Fixtures() {}

  /** The repository root (surefire sets bitte.projectRoot; else walk up from the working dir). */
  public static Path projectRoot() {
    String p = System.getProperty("bitte.projectRoot");
    if (p != null && Files.isDirectory(Paths.get(p, "processor"))) {
      return Paths.get(p);
    }
    Path dir = Paths.get("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("processor"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("cannot find the project root from " + Paths.get("").toAbsolutePath());
    }
    return dir;
  }

  /** A source file of the sample module, e.g. {@code dev/bitte/sample/MyTestnet.java}. */
  public static JavaFileObject sampleSource(String relative) {
    Path file = projectRoot().resolve("sample/src/main/java").resolve(relative);
    try {
      String name = relative.replace('/', '.').replaceAll("\\.java$", "");
      return JavaFileObjects.forSourceString(name, Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every source file of the sample module. */
  public static JavaFileObject[] sampleSources() {
    Path root = projectRoot().resolve("sample/src/main/java");
    try (var files = Files.walk(root)) {
      return files.filter(f -> f.toString().endsWith(".java")).sorted()
          .map(f -> sampleSource(root.relativize(f).toString().replace('\\', '/')))
          .toArray(JavaFileObject[]::new);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Compilation compile(JavaFileObject... sources) {
    return javac()
        .withProcessors(new BitteProcessor())
        .withOptions("-A" + BitteProcessor.OPTION_PROJECT_DIR + "=" + projectRoot().resolve("sample"))
        .compile(sources);
  }

  /** A source in package {@code test} with the fleet annotations imported. */
  public static JavaFileObject source(String simpleName, String body) {
    return JavaFileObjects.forSourceString("test." + simpleName,
        "package test;\n\nimport dev.bitte.*;\n\n" + body);
  }

  /** Every generated file (sources and resources) by path, as bytes. */
  public static Map<String, byte[]> generated(Compilation c) {
    Map<String, byte[]> out = new TreeMap<>();
    for (JavaFileObject f : c.generatedFiles()) {
      if (f.getKind() == JavaFileObject.Kind.CLASS) {
        continue;
      }
      String name = f.toUri().getPath();
      try (var in = f.openInputStream()) {
        out.put(name.substring(name.indexOf('/', 1) + 1), in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  /** One generated resource under CLASS_OUTPUT, e.g. {@code bitte/my-testnet/manifest.json}. */
  public static String resource(Compilation c, String path) {
    return new String(resourceBytes(c, path), java.nio.charset.StandardCharsets.UTF_8);
  }

  /** The bytes of one generated resource under CLASS_OUTPUT; fails naming what was generated instead. */
  public static byte[] resourceBytes(Compilation c, String path) {
    var file = c.generatedFile(StandardLocation.CLASS_OUTPUT, path)
        .orElseThrow(() -> new AssertionError("not generated: " + path + "; generated: " + generated(c).keySet()));
    try (var in = file.openInputStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
