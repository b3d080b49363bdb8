package dev.bitte.processor.model;

import dev.bitte.processor.diag.Source;

/** A {@code @HostVolume} of a client group. */
public record HostVolumeSpec(String name, String path, boolean readOnly, Source source) {}
