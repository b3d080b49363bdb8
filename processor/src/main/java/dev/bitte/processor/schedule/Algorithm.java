package dev.bitte.processor.schedule;

/** The cluster's {@code scheduler_algorithm} (Nomad's scheduler configuration). */
public enum Algorithm {
  /** Nomad's default: fill nodes (BestFit v3). */
  BINPACK,
  /** Prefer the emptiest node. */
  SPREAD
}
