package dev.bitte.processor.model;

import dev.bitte.processor.diag.Source;

/** A group's {@code @Restart} policy. */
public record RestartSpec(int attempts, String interval, String delay, String mode, Source source) {}
