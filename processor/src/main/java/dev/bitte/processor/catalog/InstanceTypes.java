package dev.bitte.processor.catalog;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The table of real EC2 instance types ({@code data/ec2-instance-types.tsv}: name, vCPUs, memory
 * in MiB, architecture, sustained clock in MHz), read once per JVM.
 */
public final class InstanceTypes {
  private static final Map<String, InstanceSpec> BUILT_IN = load();

  private InstanceTypes() {}

  private static Map<String, InstanceSpec> load() {
    Map<String, InstanceSpec> m = new TreeMap<>();
    for (String[] row : Tsv.read("/dev/bitte/processor/data/ec2-instance-types.tsv")) {
      m.put(row[0], new InstanceSpec(row[0], Integer.parseInt(row[1]), Integer.parseInt(row[2]), row[3], Integer.parseInt(row[4])));
    }
    return Map.copyOf(m);
  }

  public static InstanceSpec builtIn(String name) {
    return BUILT_IN.get(name);
  }

  public static Set<String> builtInNames() {
    return BUILT_IN.keySet();
  }
}
