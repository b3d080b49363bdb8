package dev.bitte;

/** What Nomad does to a task when a {@link Template}'s rendered content changes. */
public enum ChangeMode {
  /** Restart the task. */
  RESTART,
  /** Send {@link Template#changeSignal()} to the task. */
  SIGNAL,
  /** Nothing: the task re-reads the file itself. */
  NOOP
}
