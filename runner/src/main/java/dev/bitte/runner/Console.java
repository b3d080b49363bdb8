package dev.bitte.runner;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * What the operator sees. In a dry run no timings are printed, so that the output is exactly
 * reproducible (it has a golden test).
 */
public final class Console {
  private final PrintStream out;
  private final PrintStream err;
  private final boolean dryRun;

  public Console(PrintStream out, PrintStream err, boolean dryRun) {
    this.out = out;
    this.err = err;
    this.dryRun = dryRun;
  }

  public boolean dryRun() {
    return dryRun;
  }

  public PrintStream out() {
    return out;
  }

  public PrintStream err() {
    return err;
  }

  public void line(String text) {
    out.println(text);
    out.flush();
  }

  public void line(String format, Object... args) {
    line(String.format(Locale.ROOT, format, args));
  }

  /** A command about to run (or, in a dry run, that would run). */
  public void command(String rendered) {
    line("  $ " + rendered);
  }

  /** A side effect that is not a process: a file written, an HTTP request. */
  public void action(String text) {
    line("  > " + text);
  }

  public void note(String text) {
    line("  " + text);
  }

  public void warn(String text) {
    err.println("warning: " + text);
    err.flush();
  }

  public void stepStart(int index, int total, String step) {
    line(String.format(Locale.ROOT, "[%d/%d] %s", index, total, step));
  }

  public void stepDone(String step, Duration elapsed) {
    if (dryRun) {
      line("  (dry run) " + step + " would be done");
    } else {
      line("  ok " + step + " (" + elapsed(elapsed) + ")");
    }
  }

  public static String elapsed(Duration d) {
    long ms = d.toMillis();
    if (ms < 60_000) {
      return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
    }
    return String.format(Locale.ROOT, "%dm%02ds", ms / 60_000, (ms / 1000) % 60);
  }
}
