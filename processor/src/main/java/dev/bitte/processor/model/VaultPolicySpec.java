package dev.bitte.processor.model;

import dev.bitte.processor.diag.Source;

/** A {@code @VaultPolicy} declared on a cluster or a job type. */
public record VaultPolicySpec(String name, String rules, Source source) {}
