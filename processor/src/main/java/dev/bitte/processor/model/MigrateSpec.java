package dev.bitte.processor.model;

import dev.bitte.processor.diag.Source;

/** A {@code @Migrate}: the group's strategy for leaving draining nodes. */
public record MigrateSpec(int maxParallel, String healthCheck, String minHealthyTime, String healthyDeadline, Source source) {}
