package dev.bitte.runner;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs the CLI in-process with an injected environment; captures stdout and stderr. */
final class Cli {
  record Result(int code, String out, String err) {
    String all() {
      return out + err;
    }
  }

  private Cli() {}

  static Result run(Path cwd, Map<String, String> vars, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(new Env(vars, cwd), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), args);
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static Map<String, String> env(Path fakeBin, Path fakeLog) {
    Map<String, String> v = new HashMap<>();
    v.put("PATH", (fakeBin == null ? "" : fakeBin + ":") + "/usr/bin:/bin");
    if (fakeLog != null) {
      v.put("BITTE_FAKE_LOG", fakeLog.toString());
    }
    v.put("HOME", System.getProperty("java.io.tmpdir"));
    return v;
  }
}
