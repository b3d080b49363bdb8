package dev.bitte.processor.catalog;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The commercial AWS regions and their availability zones ({@code data/aws-regions.tsv}). */
public final class AwsRegions {
  private static final Map<String, List<String>> ZONES = load();

  private AwsRegions() {}

  private static Map<String, List<String>> load() {
    Map<String, List<String>> m = new TreeMap<>();
    for (String[] row : Tsv.read("/dev/bitte/processor/data/aws-regions.tsv")) {
      m.put(row[0], Arrays.stream(row[1].split(",")).map(String::trim).sorted().toList());
    }
    return Map.copyOf(m);
  }

  public static boolean exists(String region) {
    return ZONES.containsKey(region);
  }

  /** The region's zones in name order; empty for an unknown region. */
  public static List<String> zones(String region) {
    return ZONES.getOrDefault(region, List.of());
  }

  public static Set<String> names() {
    return new java.util.TreeSet<>(ZONES.keySet());
  }
}
