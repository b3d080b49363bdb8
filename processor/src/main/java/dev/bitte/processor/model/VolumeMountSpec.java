package dev.bitte.processor.model;

import dev.bitte.processor.diag.Source;

/** A task's {@code @VolumeMount}. */
public record VolumeMountSpec(String volume, String destination, boolean readOnly, Source source) {}
