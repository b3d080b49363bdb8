package dev.bitte.runner;

import dev.bitte.runner.cli.Cli;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Entry point of the {@code bitte} executable. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    System.exit(run(Env.system(), out, err, args));
  }

  /** Runs one command line; returns the exit status (0 ok, 1 changes/differences, 2 error). */
  public static int run(Env env, PrintStream out, PrintStream err, String... args) {
    return Cli.run(env, out, err, args);
  }
}
