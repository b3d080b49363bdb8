package dev.bitte.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.StandardLocation;

/**
 * The floor under the processor's whole-process time: a processor that computes nothing and
 * writes what the real one wrote for the same sources — the generated Java sources through the
 * Filer (so javac runs the same extra round and compiles them), the service file through the
 * Filer, and every file under {@code bitte/} straight into the class output directory (a
 * temporary file moved into place, as {@code ArtifactOutput} writes them in a javac build).
 *
 * <p>{@code -Abench.replay=DIR} names the class output directory of an earlier compile with the
 * real processor. It loads no library and claims the same annotation types as the real
 * processor. What it costs over {@code -proc:none} is what javac, its annotation-processing
 * machinery and the disk charge for those outputs in a fresh JVM; whatever the real processor
 * costs beyond that is its own computing (and the libraries it loads). Reading the earlier files
 * (from the page cache) is included, so the floor is if anything slightly high.
 */
public final class ReplayProcessor extends AbstractProcessor {
  static final String OPTION = "bench.replay";
  private boolean done;

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    // The real processor claims annotations of the package dev.bitte (Cluster, Job, …).
    return Set.of("dev.bitte.*");
  }

  @Override
  public Set<String> getSupportedOptions() {
    return Set.of(OPTION);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    if (done || round.processingOver()) {
      return false;
    }
    done = true;
    String from = processingEnv.getOptions().get(OPTION);
    if (from == null) {
      throw new IllegalStateException("ReplayProcessor needs -A" + OPTION + "=<class output of a compile with the real processor>");
    }
    try {
      replay(Path.of(from));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return false;
  }

  private void replay(Path from) throws IOException {
    List<Path> sources = new ArrayList<>();
    List<Path> services = new ArrayList<>();
    List<Path> artifacts = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile).sorted()::iterator) {
        String rel = from.relativize(p).toString();
        if (rel.endsWith(".java")) {
          sources.add(p);
        } else if (rel.startsWith("META-INF/")) {
          services.add(p);
        } else if (rel.startsWith("bitte/")) {
          artifacts.add(p);
        }
      }
    }
    if (sources.isEmpty() || artifacts.isEmpty()) {
      throw new IllegalStateException(from + " holds no generated source or no artifacts to replay");
    }
    for (Path p : sources) {
      String rel = from.relativize(p).toString();
      String name = rel.substring(0, rel.length() - ".java".length()).replace('/', '.');
      try (Writer w = processingEnv.getFiler().createSourceFile(name).openWriter()) {
        w.write(Files.readString(p, StandardCharsets.UTF_8));
      }
    }
    for (Path p : services) {
      try (OutputStream out = processingEnv.getFiler()
          .createResource(StandardLocation.CLASS_OUTPUT, "", from.relativize(p).toString()).openOutputStream()) {
        out.write(Files.readAllBytes(p));
      }
    }
    // The class output directory, found as ArtifactOutput finds it: getResource makes no file.
    URI probe = processingEnv.getFiler().getResource(StandardLocation.CLASS_OUTPUT, "", "bitte/probe").toUri();
    Path out = Path.of(probe).getParent().getParent();
    Set<Path> made = new HashSet<>();
    for (Path p : artifacts) {
      Path target = out.resolve(from.relativize(p).toString());
      Path parent = target.getParent();
      if (made.add(parent)) {
        Files.createDirectories(parent);
      }
      Path temp = parent.resolve("." + target.getFileName() + ".tmp");
      Files.write(temp, Files.readAllBytes(p));
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
  }
}
