package dev.bitte.processor.model;

import dev.bitte.processor.diag.Source;

/** A task's {@code @Artifact}. */
public record ArtifactSpec(String sourceUrl, String destination, Source source) {}
