package dev.bitte.processor.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the project root and the external validators (node, nix-instantiate, the node packages
 * in {@code tools/validators}), and runs them.
 *
 * <p>A missing validator aborts the test (JUnit assumption, the test shows as skipped) on a
 * developer's machine, and fails it when the environment variable {@code CI} is set, so that CI
 * can never pass by skipping. Either way the message says to run {@code
 * tools/install-validators.sh}.
 */
public final class Tools {
  /** What to do about a missing validator. */
  public static final String INSTALL_HINT =
      "run tools/install-validators.sh (as root) to install the validators";

  private static volatile Path projectRoot;

  private Tools() {}

  /**
   * The directory holding {@code tools/validators}: the system property {@code bitte.projectRoot}
   * (surefire sets it to {@code ${maven.multiModuleProjectDirectory}}) or one of its parents, else
   * the working directory or one of its parents.
   */
  public static Path projectRoot() {
    Path root = projectRoot;
    if (root == null) {
      String property = System.getProperty("bitte.projectRoot");
      Optional<Path> found = Optional.empty();
      if (property != null && !property.isBlank()) {
        found = findUpwards(Path.of(property));
      }
      if (found.isEmpty()) {
        found = findUpwards(Path.of(""));
      }
      root =
          found.orElseThrow(
              () ->
                  new AssertionError(
                      "cannot find the project root (a directory holding tools/validators) from"
                          + " -Dbitte.projectRoot="
                          + property
                          + " or from the working directory "
                          + Path.of("").toAbsolutePath()));
      projectRoot = root;
    }
    return root;
  }

  private static Optional<Path> findUpwards(Path start) {
    for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("tools").resolve("validators"))) {
        return Optional.of(dir);
      }
    }
    return Optional.empty();
  }

  /** {@code tools/validators} under the project root. */
  public static Path validatorsDir() {
    return projectRoot().resolve("tools").resolve("validators");
  }

  /** True when the environment variable {@code CI} is set (and not "false" or "0"). */
  public static boolean inCi() {
    String ci = System.getenv("CI");
    return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false") && !ci.equals("0");
  }

  /** The executable's path if it is on {@code PATH}. */
  public static Optional<Path> findOnPath(String executable) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, executable);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * Returns the path of {@code executable} on {@code PATH}; if it is not there, fails the test in
   * CI and aborts it elsewhere.
   */
  public static Path requireTool(String executable) {
    Optional<Path> found = findOnPath(executable);
    if (found.isEmpty()) {
      missing("'" + executable + "' is not on PATH");
    }
    return found.orElseThrow();
  }

  /** Fails (in CI) or aborts the test unless {@code available}; {@code what} names the tool. */
  public static void requireTool(String what, boolean available) {
    if (!available) {
      missing(what + " is missing");
    }
  }

  /** Requires node and the npm packages of {@code tools/validators}. */
  public static Path requireNodeModules() {
    Path node = requireTool("node");
    Path modules = validatorsDir().resolve("node_modules");
    requireTool(
        modules + " (@cdktf/hcl2json, @cdktn/provider-aws)",
        Files.isRegularFile(modules.resolve("@cdktf/hcl2json/package.json"))
            && Files.isRegularFile(modules.resolve("@cdktn/provider-aws/.jsii")));
    return node;
  }

  private static void missing(String problem) {
    missing(problem, inCi());
  }

  /** Fails the test when {@code ci}, else aborts it; package-private for tests. */
  static void missing(String problem, boolean ci) {
    String message = problem + ": " + INSTALL_HINT;
    if (ci) {
      throw new AssertionError(message + " (CI is set, so this fails instead of skipping)");
    }
    Assumptions.abort(message);
  }

  /** The outcome of {@link #run}. */
  public record Result(int exitCode, String stdout, String stderr) {
    public boolean ok() {
      return exitCode == 0;
    }
  }

  /**
   * Runs a command to completion, with {@code env} added to (a {@code null} value removes a
   * variable from) this process's environment. Fails with an AssertionError on time-out.
   */
  public static Result run(
      List<String> command, Path workingDir, Map<String, String> env, Duration timeout) {
    ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command));
    if (workingDir != null) {
      builder.directory(workingDir.toFile());
    }
    env.forEach(
        (name, value) -> {
          if (value == null) {
            builder.environment().remove(name);
          } else {
            builder.environment().put(name, value);
          }
        });
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
    try {
      process.getOutputStream().close();
      CompletableFuture<String> stdout = drain(process.getInputStream());
      CompletableFuture<String> stderr = drain(process.getErrorStream());
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("timed out after " + timeout + ": " + command);
      }
      return new Result(process.exitValue(), stdout.join(), stderr.join());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted: " + command, e);
    }
  }

  static CompletableFuture<String> drain(InputStream in) {
    CompletableFuture<String> result = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              try (in) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                in.transferTo(bytes);
                result.complete(bytes.toString(StandardCharsets.UTF_8));
              } catch (IOException e) {
                result.complete("<cannot read: " + e + ">");
              }
            },
            "drain");
    thread.setDaemon(true);
    thread.start();
    return result;
  }
}
