package dev.bitte.runner.artifacts;

import dev.bitte.runner.BitteException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A verified artifact folder ({@code target/classes/bitte/<cluster>/} or a committed
 * {@code infra/<cluster>/}). Opening one checks the sha256 and size of every file the manifest
 * lists, and keeps the verified bytes: later steps copy those bytes, never re-read the folder, so
 * a file edited after the check cannot slip through.
 */
public final class ArtifactFolder {
  private final Path dir;
  private final byte[] manifestBytes;
  private final Manifest manifest;
  private final Map<String, byte[]> files;

  private ArtifactFolder(Path dir, byte[] manifestBytes, Manifest manifest, Map<String, byte[]> files) {
    this.dir = dir;
    this.manifestBytes = manifestBytes;
    this.manifest = manifest;
    this.files = files;
  }

  public static boolean looksLikeOne(Path dir) {
    return Files.isRegularFile(dir.resolve(Manifest.FILE));
  }

  /** Reads and verifies; throws a {@link BitteException} naming the first file that does not match. */
  public static ArtifactFolder open(Path dir, String shownAs) {
    Path manifestFile = dir.resolve(Manifest.FILE);
    if (!Files.isRegularFile(manifestFile)) {
      throw new BitteException("no artifact folder at " + shownAs, "there is no " + Manifest.FILE + " in it",
          "build the fleet with `mvn compile` (artifacts appear in target/classes/bitte/<cluster>/), or give the folder that holds manifest.json");
    }
    byte[] manifestBytes = read(manifestFile, shownAs + "/" + Manifest.FILE);
    Manifest manifest = Manifest.parse(manifestBytes, shownAs + "/" + Manifest.FILE);
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (Manifest.Artifact a : manifest.artifacts()) {
      String p = a.path();
      if (p.isEmpty() || p.startsWith("/") || p.contains("\\") || Path.of(p).normalize().startsWith("..")
          || !Path.of(p).normalize().toString().equals(p) || p.equals(Manifest.FILE)) {
        throw new BitteException(shownAs + "/" + Manifest.FILE + " lists an unsafe artifact path \"" + p + "\"",
            "artifact paths must be relative and stay inside the folder", "regenerate the artifacts with `mvn compile`");
      }
      Path file = dir.resolve(p);
      String shown = shownAs + "/" + p;
      if (!Files.isRegularFile(file)) {
        throw new BitteException("artifact " + shown + " is missing",
            "manifest.json lists it but the file is not there (deleted or the folder was copied partially)",
            regenerateHint());
      }
      byte[] bytes = read(file, shown);
      String actual = sha256(bytes);
      if (!actual.equalsIgnoreCase(a.sha256()) || (a.size() >= 0 && a.size() != bytes.length)) {
        throw new BitteException("artifact " + shown + " was changed after it was generated",
            "its sha256 is " + actual + " but manifest.json records " + a.sha256()
                + "; bitte refuses hand-edited artifacts, because the next build would silently undo the edit",
            regenerateHint());
      }
      files.put(p, bytes);
    }
    return new ArtifactFolder(dir, manifestBytes, manifest, files);
  }

  private static String regenerateHint() {
    return "change the annotated Java types instead and rebuild with `mvn compile` (or restore the file with `git checkout`); "
        + "for a committed copy, refresh it with `bitte export <cluster> --to infra/`";
  }

  public Path dir() {
    return dir;
  }

  public Manifest manifest() {
    return manifest;
  }

  public byte[] manifestBytes() {
    return manifestBytes.clone();
  }

  public String manifestSha256() {
    return sha256(manifestBytes);
  }

  public boolean has(String path) {
    return files.containsKey(path);
  }

  public byte[] bytes(String path) {
    byte[] b = files.get(path);
    if (b == null) {
      throw new IllegalArgumentException("not an artifact: " + path);
    }
    return b.clone();
  }

  /** Every verified artifact path, in manifest order. */
  public List<String> paths() {
    return new ArrayList<>(files.keySet());
  }

  /** The verified artifact paths below {@code prefix} (e.g. {@code terraform/core/}). */
  public List<String> pathsUnder(String prefix) {
    return files.keySet().stream().filter(p -> p.startsWith(prefix)).sorted().toList();
  }

  /**
   * Copies the verified files below {@code prefix} into {@code target} (relative paths kept,
   * without the prefix). Files the tools create there (.terraform, plan files, flake.lock) stay.
   */
  public void copyTo(String prefix, Path target) {
    try {
      Files.createDirectories(target);
      for (String p : pathsUnder(prefix)) {
        Path out = target.resolve(p.substring(prefix.length()));
        Files.createDirectories(out.getParent());
        Files.write(out, files.get(p));
      }
    } catch (IOException e) {
      throw new BitteException("cannot copy " + prefix + " to " + target, e.toString(), "check the permissions of the state folder");
    }
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] read(Path file, String shown) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new BitteException("cannot read " + shown, e.toString(), "check that the file is readable");
    }
  }
}
