package dev.bitte.processor.model;

import dev.bitte.processor.diag.Source;

/** A {@code @Region} that pins a region's VPC block. */
public record RegionPin(String name, String cidr, Source source) {}
