package dev.bitte;

/** When a task runs relative to the group's main tasks (Nomad's {@code lifecycle.hook}). */
public enum Lifecycle {
  /** A main task (no lifecycle block). */
  MAIN,
  /** Before the main tasks start. */
  PRESTART,
  /** After the main tasks have started. */
  POSTSTART,
  /** After the main tasks have stopped. */
  POSTSTOP
}
