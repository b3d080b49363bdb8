package dev.bitte;

/** Nomad's scheduler types (the job's {@code type}). */
public enum JobType {
  /** Long-running services, restarted and rescheduled when they fail. */
  SERVICE,
  /** Run-to-completion work, optionally periodic or parameterized. */
  BATCH,
  /** One allocation on every eligible client (log shippers, node agents). */
  SYSTEM,
  /** Run-to-completion work on every eligible client. */
  SYSBATCH
}
