package dev.bitte.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under {@code processor/src/test/resources/golden/}. Run the tests with
 * {@code -Dbitte.updateGolden=true} to rewrite them from the current output, then review the
 * diff like any other change.
 */
public final class Golden {
  private Golden() {}

  public static boolean updating() {
    return Boolean.getBoolean("bitte.updateGolden");
  }

  public static Path dir() {
    return Fixtures.projectRoot().resolve("processor/src/test/resources/golden");
  }

  public static void assertMatches(String goldenPath, byte[] actual) {
    Path file = dir().resolve(goldenPath);
    try {
      if (updating()) {
        Files.createDirectories(file.getParent());
        Files.write(file, actual);
        return;
      }
      if (!Files.exists(file)) {
        throw new AssertionError("no golden file " + file + "; run the tests with -Dbitte.updateGolden=true to create it");
      }
      assertEquals(Files.readString(file, StandardCharsets.UTF_8), new String(actual, StandardCharsets.UTF_8),
          "generated " + goldenPath + " differs from its golden file (regenerate with -Dbitte.updateGolden=true if intended)");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
