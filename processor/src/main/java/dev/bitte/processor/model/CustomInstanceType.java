package dev.bitte.processor.model;

import dev.bitte.processor.diag.Source;

/** An {@code @InstanceType} declared on the cluster. */
public record CustomInstanceType(String name, int vcpus, int memoryMib, String arch, int clockMhz, Source source) {}
