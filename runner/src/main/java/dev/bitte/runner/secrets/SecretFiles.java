package dev.bitte.runner.secrets;

import dev.bitte.runner.BitteException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Set;

/** Writes secret files owner-only: folders 0700, files 0600, created with those modes (never widened first). */
public final class SecretFiles {
  static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");

  private SecretFiles() {}

  public static void mkdirs(Path dir) {
    try {
      if (!Files.isDirectory(dir)) {
        Path parent = dir.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
          Files.createDirectories(parent);
        }
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIR));
      }
      Files.setPosixFilePermissions(dir, DIR);
    } catch (IOException e) {
      throw new BitteException("cannot create the secrets folder " + dir, e.toString(), "check its parent's permissions");
    }
  }

  /** Writes atomically: a 0600 temp file next to the target, then a rename. */
  public static void write(Path file, byte[] content) {
    mkdirs(file.getParent());
    try {
      Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp", PosixFilePermissions.asFileAttribute(FILE));
      Files.write(tmp, content);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      Files.setPosixFilePermissions(file, FILE);
    } catch (IOException e) {
      throw new BitteException("cannot write the secret " + file, e.toString(), "check the permissions of the secrets folder");
    }
  }

  public static void write(Path file, String content) {
    write(file, content.getBytes(StandardCharsets.UTF_8));
  }

  public static String pem(String type, byte[] der) {
    String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + b64 + "\n-----END " + type + "-----\n";
  }

  public static byte[] unpem(String pem) {
    String body = pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
    return Base64.getDecoder().decode(body);
  }
}
