package dev.bitte.processor.model;

import dev.bitte.processor.diag.Source;

/** A {@code @Spread}. */
public record SpreadSpec(String attribute, int weight, Source source) {}
