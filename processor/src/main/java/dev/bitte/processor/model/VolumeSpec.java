package dev.bitte.processor.model;

import dev.bitte.processor.diag.Source;

/** A group's {@code @Volume}: a claim on a client's host volume {@code source}. */
public record VolumeSpec(String name, String source, boolean readOnly, Source declaredAt) {}
