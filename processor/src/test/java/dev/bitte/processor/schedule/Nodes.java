package dev.bitte.processor.schedule;

import dev.bitte.processor.catalog.InstanceSpec;
import dev.bitte.processor.diag.Source;
import dev.bitte.processor.model.Cidr;
import dev.bitte.processor.model.ClientGroup;
import dev.bitte.processor.model.HostVolumeSpec;
import dev.bitte.processor.model.KeyValue;
import dev.bitte.processor.plan.GroupPlan;
import dev.bitte.processor.plan.SubnetPlan;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Hand-made nodes and groups for the planner tests. */
final class Nodes {
  private Nodes() {}

  /** A node offering exactly {@code cpu} MHz and {@code mem} MiB to allocations. */
  static NodeSpec node(String name, String dc, String nodeClass, int cpu, int mem, String... extraAttrs) {
    Map<String, String> attrs = new TreeMap<>();
    attrs.put("node.unique.name", name);
    attrs.put("node.datacenter", dc);
    attrs.put("node.class", nodeClass);
    attrs.put("attr.cpu.arch", "amd64");
    for (int i = 0; i < extraAttrs.length; i += 2) {
      attrs.put(extraAttrs[i], extraAttrs[i + 1]);
    }
    return new NodeSpec(name, nodeClass, dc, cpu, mem, attrs, Set.of(), Set.of());
  }

  static NodeSpec withVolumes(NodeSpec n, String... volumes) {
    return new NodeSpec(n.name(), n.group(), n.datacenter(), n.cpuMhz(), n.memoryMib(), n.attributes(), Set.of(volumes), n.reservedPorts());
  }

  static GroupPlan group(String name, String region, InstanceSpec instance, int min, int desired, int max, String nodeClass) {
    ClientGroup g = new ClientGroup(name, region, instance.name(), min, desired, max, nodeClass, List.of(region + "a", region + "b"), 40,
        List.of(new KeyValue("tier", "apps", Source.NONE)), List.of(new HostVolumeSpec("pg-data", "/var/lib/pg-data", false, Source.NONE)),
        List.of(), List.of(), Source.NONE);
    List<SubnetPlan> subnets = List.of(new SubnetPlan(region, region + "a", Cidr.parse("10.0.0.0/24")), new SubnetPlan(region, region + "b", Cidr.parse("10.0.1.0/24")));
    return new GroupPlan(g, instance, subnets, List.of());
  }

  static final InstanceSpec M5_XLARGE = new InstanceSpec("m5.xlarge", 4, 16384, "x86_64", 3100);
  static final InstanceSpec M6G_LARGE = new InstanceSpec("m6g.large", 2, 8192, "arm64", 2500);
}
