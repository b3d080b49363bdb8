package dev.bitte.processor.model;

import dev.bitte.processor.diag.Source;

/** A {@code @Constraint}, or an {@code @Affinity} (with its weight; 0 for constraints). */
public record ConstraintSpec(String attribute, String operator, String value, int weight, Source source) {}
