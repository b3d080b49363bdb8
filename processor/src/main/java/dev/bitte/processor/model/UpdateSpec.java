package dev.bitte.processor.model;

import dev.bitte.processor.diag.Source;

/** A group's {@code @Update} policy. */
public record UpdateSpec(int maxParallel, int canary, String minHealthyTime, String healthyDeadline, boolean autoRevert,
    boolean autoPromote, Source source) {}
