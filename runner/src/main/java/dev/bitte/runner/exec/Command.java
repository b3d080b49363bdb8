package dev.bitte.runner.exec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One process to run. {@code secretEnv} values are passed to the process but never shown or
 * logged: the display shows where each comes from.
 *
 * @param tool the program
 * @param args its arguments
 * @param secretEnv environment variables to add, name → value (hidden)
 * @param secretSources name → where the value comes from (shown)
 */
public record Command(Tools.Tool tool, List<String> args, Map<String, String> secretEnv, Map<String, String> secretSources) {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./#\\[\\]-]+");

  public Command {
    args = List.copyOf(args);
    secretEnv = Map.copyOf(secretEnv);
    secretSources = new TreeMap<>(secretSources);
  }

  public static Command of(Tools.Tool tool, String... args) {
    return new Command(tool, List.of(args), Map.of(), Map.of());
  }

  public Command withSecretEnv(String name, String value, String source) {
    Map<String, String> env = new TreeMap<>(secretEnv);
    Map<String, String> src = new TreeMap<>(secretSources);
    env.put(name, value);
    src.put(name, source);
    return new Command(tool, args, env, src);
  }

  public List<String> argv() {
    List<String> argv = new ArrayList<>();
    argv.add(tool.path());
    argv.addAll(args);
    return argv;
  }

  /** Shell-like, with the program's name instead of its full path, so dry runs are portable. */
  public String display() {
    StringBuilder b = new StringBuilder();
    secretSources.forEach((k, v) -> b.append(k).append("=<").append(v).append("> "));
    b.append(quote(tool.name()));
    for (String a : args) {
      b.append(' ').append(quote(a));
    }
    return b.toString();
  }

  public static String quote(String s) {
    if (!s.isEmpty() && PLAIN.matcher(s).matches()) {
      return s;
    }
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
