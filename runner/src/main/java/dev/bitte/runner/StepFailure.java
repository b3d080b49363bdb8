package dev.bitte.runner;

import java.nio.file.Path;

/**
 * A failed external step (a tool exited non-zero, a health gate timed out): carries the log file,
 * so that the caller can show its tail and the command that resumes.
 */
public final class StepFailure extends RuntimeException {
  private final String why;
  private final transient Path log;

  public StepFailure(String what, String why, Path log) {
    super(what);
    this.why = why;
    this.log = log;
  }

  public String why() {
    return why;
  }

  public Path log() {
    return log;
  }
}
