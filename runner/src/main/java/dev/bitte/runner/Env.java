package dev.bitte.runner;

import java.nio.file.Path;
import java.util.Map;

/**
 * The process environment the runner sees: variables and the working directory. Injected rather
 * than read from {@link System} so that tests can put recording executables first on PATH and
 * point NOMAD_ADDR at an in-process server.
 */
public record Env(Map<String, String> vars, Path cwd) {
  public Env {
    vars = Map.copyOf(vars);
    cwd = cwd.toAbsolutePath().normalize();
  }

  public static Env system() {
    return new Env(System.getenv(), Path.of("").toAbsolutePath());
  }

  public String get(String name) {
    String v = vars.get(name);
    return v == null || v.isEmpty() ? null : v;
  }

  public String get(String name, String fallback) {
    String v = get(name);
    return v == null ? fallback : v;
  }

  /** A path given on the command line, relative to the working directory. */
  public Path resolve(String path) {
    return cwd.resolve(path).toAbsolutePath().normalize();
  }

  /** How a path is shown: relative to the working directory when it is below it. */
  public String show(Path path) {
    Path p = path.toAbsolutePath().normalize();
    if (p.startsWith(cwd) && !p.equals(cwd)) {
      return cwd.relativize(p).toString();
    }
    return p.toString();
  }
}
