package dev.bitte;

/**
 * Nomad's {@code scheduler_algorithm} (its scheduler configuration): how the schedulers rank the
 * clients that can run an allocation. The compile-time placement check uses the same.
 */
public enum SchedulerAlgorithm {
  /** Nomad's default: fill the busiest client that still fits (fewer, fuller nodes). */
  BINPACK,
  /** Prefer the emptiest client (allocations spread evenly, more headroom per node). */
  SPREAD
}
