package dev.bitte.processor.schedule;

import dev.bitte.processor.catalog.InstanceSpec;
import dev.bitte.processor.model.ClientGroup;
import dev.bitte.processor.model.HostVolumeSpec;
import dev.bitte.processor.model.KeyValue;
import dev.bitte.processor.plan.GroupPlan;
import dev.bitte.processor.plan.SubnetPlan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Materializes the Nomad client nodes of the planned client groups, with the attributes Nomad
 * fingerprints on them. Node {@code i} (1-based) of group {@code g} is named {@code g-i} and sits
 * in the group's zones round-robin, as an auto scaling group balances them.
 */
public final class FleetNodes {
  private FleetNodes() {}

  /** Every group at the given size. */
  public static List<NodeSpec> of(List<GroupPlan> groups, Sizing sizing) {
    Map<String, Integer> counts = new HashMap<>();
    for (GroupPlan g : groups) {
      ClientGroup c = g.group();
      counts.put(g.name(), switch (sizing) {
        case MIN -> c.min();
        case DESIRED -> c.desired();
        case MAX -> c.max();
      });
    }
    return of(groups, counts);
  }

  /** Every group with the node count given for it (groups not in the map get their desired size). */
  public static List<NodeSpec> of(List<GroupPlan> groups, Map<String, Integer> counts) {
    List<NodeSpec> out = new ArrayList<>();
    for (GroupPlan g : groups) {
      int count = counts.getOrDefault(g.name(), g.group().desired());
      for (int i = 1; i <= count; i++) {
        out.add(node(g, i));
      }
    }
    return out;
  }

  /** Node {@code index} (1-based) of the group. */
  public static NodeSpec node(GroupPlan g, int index) {
    ClientGroup c = g.group();
    InstanceSpec spec = g.instance();
    String name = c.name() + "-" + index;
    Map<String, String> attrs = new TreeMap<>();
    attrs.put("node.unique.name", name);
    attrs.put("node.datacenter", c.region());
    attrs.put("node.class", c.nodeClass());
    attrs.put("node.pool", "default");
    attrs.put("attr.kernel.name", "linux");
    attrs.put("attr.os.name", "nixos");
    attrs.put("attr.cpu.arch", spec.nomadArch());
    attrs.put("attr.cpu.numcores", Integer.toString(spec.vcpus()));
    attrs.put("attr.cpu.frequency", Integer.toString(spec.clockMhz()));
    attrs.put("attr.cpu.totalcompute", Integer.toString(spec.cpuMhz()));
    attrs.put("attr.memory.totalbytes", Long.toString((long) spec.memoryMib() * 1024 * 1024));
    attrs.put("attr.platform.aws.instance-type", spec.name());
    List<SubnetPlan> subnets = g.subnets();
    if (!subnets.isEmpty()) {
      attrs.put("attr.platform.aws.placement.availability-zone", subnets.get((index - 1) % subnets.size()).az());
    }
    for (KeyValue kv : c.meta()) {
      attrs.put("meta." + kv.key(), kv.value());
    }
    Set<String> volumes = new LinkedHashSet<>();
    for (HostVolumeSpec v : c.hostVolumes()) {
      volumes.add(v.name());
    }
    // A tiny (declared) instance type may offer less than the reserve: nothing is left for jobs.
    return new NodeSpec(name, c.name(), c.region(), Math.max(0, spec.cpuMhz() - NomadReserve.CPU_MHZ),
        Math.max(0, spec.memoryMib() - NomadReserve.MEMORY_MIB),
        attrs, volumes, Set.copyOf(NomadReserve.AGENT_PORTS));
  }
}
