package dev.bitte.processor;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.bitte.processor.emit.ManifestWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.function.Function;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Writes one fleet's artifacts under {@code CLASS_OUTPUT/bitte/<cluster>/}, the manifest last.
 *
 * <p><b>Two ways.</b> Through the {@link Filer}, which build tools that wrap it (Gradle's
 * incremental processing) need to track and clean generated files. Or, when the Filer is javac's
 * own and the class output is a directory, straight to that directory: javac's
 * Filer checks every new file against every source of the compile and every file created before
 * it ({@code JavacFiler.checkFileReopening}), which is quadratic, and for 10,000 jobs cost more
 * than half of the processor's time. Plain {@code javac} and Maven (whose compiler plugin finds
 * the files a compile created by comparing the output directory before and after) see the same
 * files either way. {@code -Abitte.output=filer} always uses the Filer.
 *
 * <p>Written directly, a file that already holds the same bytes is left alone; any other goes to a
 * temporary sibling first and is moved into place, so no file is ever half-written; the manifest
 * comes last, so until it is replaced the previous
 * manifest's digests no longer match and the runner refuses the mix. When the compile wrote the
 * cluster's whole artifact set, files the previous manifest listed that it no longer produces (a
 * removed job's {@code .nomad.hcl}) are deleted; nothing else in the directory is touched.
 */
final class ArtifactOutput {
  static final String OPTION = "bitte.output";

  /** {@code -Abitte.output}: {@code auto} (the default) or {@code filer}. */
  enum Mode {
    AUTO, FILER;

    /** The mode an option value names; null for a value that names none. */
    static Mode of(String value) {
      if (value == null || value.isBlank()) {
        return AUTO;
      }
      for (Mode m : values()) {
        if (m.name().toLowerCase(Locale.ROOT).equals(value.trim())) {
          return m;
        }
      }
      return null;
    }
  }

  /** How a fleet's files were written, for the timings note and tests. */
  enum Written { FILER, DIRECT }

  private static final String JAVAC_FILER = "com.sun.tools.javac.processing.JavacFiler";
  private static final String TEMP_SUFFIX = ".bitte-tmp";

  private final Filer filer;
  private final Mode mode;

  ArtifactOutput(Filer filer, Mode mode) {
    this.filer = filer;
    this.mode = mode;
  }

  /**
   * Writes {@code files} (paths relative to {@code root}, e.g. {@code bitte/my-testnet}) with the
   * given originating elements per path (used by the Filer only). {@code complete}: the files are
   * the cluster's whole artifact set (not only the jobs of a cluster compiled elsewhere), so when
   * written directly the previous manifest's files missing from it are deleted.
   */
  Written write(String root, SortedMap<String, byte[]> files, Function<String, Element[]> origins, boolean complete) throws IOException {
    Path dir = directory(root);
    if (dir == null) {
      for (Map.Entry<String, byte[]> e : files.entrySet()) {
        if (!e.getKey().equals(ManifestWriter.PATH)) {
          throughFiler(root + "/" + e.getKey(), e.getValue(), origins.apply(e.getKey()));
        }
      }
      byte[] manifest = files.get(ManifestWriter.PATH);
      if (manifest != null) {
        throughFiler(root + "/" + ManifestWriter.PATH, manifest, origins.apply(ManifestWriter.PATH));
      }
      return Written.FILER;
    }
    direct(dir, files, complete);
    return Written.DIRECT;
  }

  /** One resource through the Filer, whatever the mode. */
  void throughFiler(String path, byte[] content, Element... origins) throws IOException {
    FileObject file = filer.createResource(StandardLocation.CLASS_OUTPUT, "", path, origins);
    try (OutputStream out = file.openOutputStream()) {
      out.write(content);
    }
  }

  /**
   * The directory to write {@code root} into directly, or null for the Filer: when forced, when
   * the Filer is not javac's (a build tool watches through its own), or when the class output is
   * not a local directory (an in-memory file manager).
   */
  private Path directory(String root) {
    if (mode == Mode.FILER || !filer.getClass().getName().equals(JAVAC_FILER)) {
      return null;
    }
    try {
      // getResource on an output location makes no file and records nothing in the Filer.
      FileObject probe = filer.getResource(StandardLocation.CLASS_OUTPUT, "", root + "/" + ManifestWriter.PATH);
      URI uri = probe.toUri();
      if (!"file".equals(uri.getScheme())) {
        return null;
      }
      return Path.of(uri).getParent();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static void direct(Path dir, SortedMap<String, byte[]> files, boolean complete) throws IOException {
    Set<String> previous = complete ? previousArtifacts(dir.resolve(ManifestWriter.PATH)) : new TreeSet<>();
    Set<Path> made = new HashSet<>();
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      if (!e.getKey().equals(ManifestWriter.PATH)) {
        put(dir, e.getKey(), e.getValue(), made);
      }
    }
    byte[] manifest = files.get(ManifestWriter.PATH);
    if (manifest != null) {
      put(dir, ManifestWriter.PATH, manifest, made);
    }
    previous.removeAll(files.keySet());
    Path realDir = dir.toRealPath();
    for (String stale : previous) {
      Path file = dir.resolve(stale).normalize();
      if (!file.startsWith(dir) || file.equals(dir) || !Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)
          || !file.getParent().toRealPath().startsWith(realDir)) {
        continue; // a manifest edited by hand, or a linked folder: never delete outside the cluster's directory
      }
      Files.deleteIfExists(file);
      for (Path p = file.getParent(); p != null && p.startsWith(dir) && !p.equals(dir); p = p.getParent()) {
        try {
          Files.delete(p);
        } catch (DirectoryNotEmptyException | NoSuchFileException e) {
          break;
        }
      }
    }
  }

  private static void put(Path dir, String relative, byte[] content, Set<Path> made) throws IOException {
    Path target = dir.resolve(relative);
    Path parent = target.getParent();
    if (made.add(parent)) {
      Files.createDirectories(parent);
    }
    if (unchanged(target, content)) {
      return;
    }
    Path temp = parent.resolve("." + target.getFileName() + TEMP_SUFFIX);
    try {
      Files.write(temp, content);
      try {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
  }

  /**
   * Whether the file already holds exactly these bytes: then it is left alone, keeping its
   * modification time for tools that look at it, and a rebuild that changes nothing creates no
   * file (creating one cost 0.3 ms on the benchmark machine's disk, reading one 0.02 ms).
   */
  private static boolean unchanged(Path target, byte[] content) {
    try {
      return Files.isRegularFile(target, java.nio.file.LinkOption.NOFOLLOW_LINKS) && Files.size(target) == content.length
          && java.util.Arrays.equals(Files.readAllBytes(target), content);
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * The paths listed under {@code artifacts} in a manifest written before; empty when there is
   * none or it cannot be read (then nothing is deleted). Read with the streaming parser: the
   * databind mapper is slow to set up in a fresh JVM.
   */
  static Set<String> previousArtifacts(Path manifest) {
    Set<String> paths = new TreeSet<>();
    if (!Files.isRegularFile(manifest)) {
      return paths;
    }
    try (JsonParser p = new JsonFactory().createParser(manifest.toFile())) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return new TreeSet<>();
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (!field.equals("artifacts") || value != JsonToken.START_ARRAY) {
          p.skipChildren();
          continue;
        }
        while (p.nextToken() == JsonToken.START_OBJECT) {
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if (name.equals("path") && v == JsonToken.VALUE_STRING) {
              paths.add(p.getText());
            } else {
              p.skipChildren();
            }
          }
        }
      }
      return paths;
    } catch (IOException | RuntimeException e) {
      return new TreeSet<>();
    }
  }
}
