package dev.bitte.processor.emit;

import dev.bitte.processor.plan.FleetPlan;

/**
 * Writes one kind of artifact for a planned fleet into {@link Artifacts}. Writers see only the
 * plan (and the model it holds), never {@code javax.lang.model}. They must be deterministic.
 */
public interface ArtifactWriter {
  void write(FleetPlan plan, Artifacts out);
}
