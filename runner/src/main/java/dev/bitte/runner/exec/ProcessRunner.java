package dev.bitte.runner.exec;

import dev.bitte.runner.BitteException;
import dev.bitte.runner.Console;
import dev.bitte.runner.Env;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs (or, in a dry run, only prints) commands. Output goes to the step's log file, and with
 * {@code tee} also to the console; the command line itself is written to the log first, so the
 * log explains itself.
 */
public final class ProcessRunner {
  private final Env env;
  private final Console console;

  public ProcessRunner(Env env, Console console) {
    this.env = env;
    this.console = console;
  }

  public record Result(int exitCode, String stdout) {}

  /** Runs in {@code dir} (null: the working directory) and returns the exit code. */
  public Result run(Command cmd, Path dir, Path log, boolean tee, boolean captureStdout) {
    console.command(cmd.display());
    if (console.dryRun()) {
      return new Result(0, "");
    }
    ProcessBuilder pb = new ProcessBuilder(cmd.argv());
    pb.directory((dir == null ? env.cwd() : dir).toFile());
    pb.environment().clear();
    pb.environment().putAll(env.vars());
    pb.environment().putAll(cmd.secretEnv());
    try {
      Files.createDirectories(log.getParent());
      try (OutputStream logOut = Files.newOutputStream(log, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
        logOut.write(("$ " + cmd.display() + "\n").getBytes(StandardCharsets.UTF_8));
        logOut.flush();
        Process p = pb.start();
        p.getOutputStream().close();
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        List<OutputStream> outSinks = new ArrayList<>(List.of(logOut));
        if (captureStdout) {
          outSinks = List.of(captured);
        } else if (tee) {
          outSinks.add(console.out());
        }
        List<OutputStream> errSinks = tee ? List.of(logOut, console.err()) : List.of(logOut);
        Object lock = new Object();
        Thread outPump = pump(p.getInputStream(), outSinks, lock);
        Thread errPump = pump(p.getErrorStream(), errSinks, lock);
        int code = p.waitFor();
        outPump.join();
        errPump.join();
        logOut.write(("[exit " + code + "]\n").getBytes(StandardCharsets.UTF_8));
        return new Result(code, captured.toString(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new BitteException("cannot run " + cmd.display(), e.getMessage(), "check that " + cmd.tool().path() + " is executable");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BitteException("interrupted while running " + cmd.display(), "the runner was stopped", "rerun the command; the journal resumes");
    }
  }

  /** Runs attached to the terminal (for {@code bitte ssh}). */
  public int interactive(Command cmd) {
    console.command(cmd.display());
    if (console.dryRun()) {
      return 0;
    }
    ProcessBuilder pb = new ProcessBuilder(cmd.argv()).inheritIO().directory(env.cwd().toFile());
    pb.environment().clear();
    pb.environment().putAll(env.vars());
    try {
      return pb.start().waitFor();
    } catch (IOException e) {
      throw new BitteException("cannot run " + cmd.display(), e.getMessage(), "check that " + cmd.tool().path() + " is executable");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 130;
    }
  }

  private static Thread pump(InputStream in, List<OutputStream> sinks, Object lock) {
    Thread t = new Thread(() -> {
      byte[] buf = new byte[8192];
      try {
        int n;
        while ((n = in.read(buf)) > 0) {
          synchronized (lock) {
            for (OutputStream s : sinks) {
              s.write(buf, 0, n);
              s.flush();
            }
          }
        }
      } catch (IOException e) {
        // the process closed its stream
      }
    }, "bitte-pump");
    t.setDaemon(true);
    t.start();
    return t;
  }

  /** The last lines of a log, to show with a failure. */
  public static String tail(Path log, int lines) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "";
    }
  }
}
