package dev.bitte.processor.model;

import dev.bitte.processor.diag.Source;

/** A Connect {@code @Upstream} of a service. */
public record Upstream(String service, int localPort, boolean external, Source source) {}
