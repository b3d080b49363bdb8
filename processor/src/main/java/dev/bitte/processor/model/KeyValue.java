package dev.bitte.processor.model;

import dev.bitte.processor.diag.Source;

/** A tag or meta entry as written. */
public record KeyValue(String key, String value, Source source) {}
