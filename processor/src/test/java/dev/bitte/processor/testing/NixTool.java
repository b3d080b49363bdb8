package dev.bitte.processor.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses and evaluates Nix with the real Nix ({@code nix-instantiate}, Debian's {@code nix-bin}
 * 2.8 or any later Nix), without a Nix daemon, a {@code /nix/store} or {@code <nixpkgs>}.
 *
 * <p>Every call uses {@code --store dummy://}: a store that holds nothing and writes nothing, so
 * it works as root or as any user with no daemon and no state directory. Evaluation still computes
 * store paths (a path value or {@code builtins.toFile} evaluates to a {@code /nix/store/...}
 * string) but building anything fails. {@code NIX_PATH} is cleared, so {@code <nixpkgs>} cannot
 * leak in from a developer's machine: generated modules are evaluated as functions applied to stub
 * arguments, e.g. {@code (import ./consul.nix) { config = {}; lib = ...; pkgs = {}; }}.
 */
public final class NixTool {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final String EXECUTABLE = "nix-instantiate";

  /** The flags that every call starts with. */
  public static final List<String> COMMON_FLAGS = List.of("--store", "dummy://");

  private NixTool() {}

  /**
   * Parses a {@code .nix} file ({@code nix-instantiate --store dummy:// --parse FILE}) and returns
   * Nix's normalized print of it; a syntax error is an AssertionError with Nix's message (file,
   * line and column).
   */
  public static String parse(Path nixFile) {
    return run(List.of("--parse", nixFile.toAbsolutePath().toString()), null, "parse " + nixFile);
  }

  /**
   * Parses many files in one {@code nix-instantiate} run; Nix stops at the first syntax error,
   * whose message names the file.
   */
  public static void parseAll(Collection<Path> nixFiles) {
    if (nixFiles.isEmpty()) {
      return;
    }
    List<String> args = new ArrayList<>();
    args.add("--parse");
    nixFiles.forEach(f -> args.add(f.toAbsolutePath().toString()));
    run(args, null, "parse " + nixFiles);
  }

  /**
   * Evaluates a Nix expression deeply and returns its value as JSON ({@code nix-instantiate --store
   * dummy:// --eval --strict --json --expr EXPR}). Relative paths in the expression resolve against
   * the working directory; see {@link #evalJson(String, Path)}. Functions cannot be converted to
   * JSON, so apply a module to its arguments first.
   */
  public static JsonNode evalJson(String nixExpression) {
    return evalJson(nixExpression, null);
  }

  /** Like {@link #evalJson(String)}, with relative paths ({@code ./consul.nix}) resolved in {@code dir}. */
  public static JsonNode evalJson(String nixExpression, Path dir) {
    String out =
        run(
            List.of("--eval", "--strict", "--json", "--expr", nixExpression),
            dir,
            "evaluate " + nixExpression);
    try {
      return MAPPER.readTree(out);
    } catch (IOException e) {
      throw new AssertionError("nix-instantiate printed no JSON for " + nixExpression + ": " + out, e);
    }
  }

  private static String run(List<String> args, Path dir, String what) {
    Path nix = Tools.requireTool(EXECUTABLE);
    List<String> command = new ArrayList<>();
    command.add(nix.toString());
    command.addAll(COMMON_FLAGS);
    command.addAll(args);
    Map<String, String> env = new LinkedHashMap<>();
    env.put("NIX_PATH", "");
    Tools.Result result = Tools.run(command, dir, env, TIMEOUT);
    if (!result.ok()) {
      // On failure stdout may hold a partial value (e.g. '{"f":'), so only stderr is reported.
      throw new AssertionError(
          "nix-instantiate failed to " + what + " (exit " + result.exitCode() + "):\n" + result.stderr());
    }
    return result.stdout();
  }
}
