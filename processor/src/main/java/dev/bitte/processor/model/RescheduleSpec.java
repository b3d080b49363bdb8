package dev.bitte.processor.model;

import dev.bitte.processor.diag.Source;

/** A group's {@code @Reschedule} policy. */
public record RescheduleSpec(int attempts, String interval, String delay, String delayFunction, String maxDelay, boolean unlimited,
    Source source) {}
