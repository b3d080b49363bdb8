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
      if (count <= 0) {
        continue;
      }
      // The nodes of a group differ only in name and zone: one shape per zone, shared by them.
      NodeSpec.Shape[] shapes = new NodeSpec.Shape[Math.max(1, g.subnets().size())];
      for (int i = 1; i <= count; i++) {
        int zone = (i - 1) % shapes.length;
        if (shapes[zone] == null) {
          shapes[zone] = shape(g, zone);
        }
        out.add(shapes[zone].node(g.group().name() + "-" + i));
      }
    }
    return out;
  }

  /** Node {@code index} (1-based) of the group. */
  public static NodeSpec node(GroupPlan g, int index) {
    int zones = Math.max(1, g.subnets().size());
    return shape(g, (index - 1) % zones).node(g.group().name() + "-" + index);
  }

  /** What the group's nodes in its {@code zone}-th subnet have in common. */
  private static NodeSpec.Shape shape(GroupPlan g, int zone) {
    ClientGroup c = g.group();
    InstanceSpec spec = g.instance();
    Map<String, String> attrs = new HashMap<>();
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
      attrs.put("attr.platform.aws.placement.availability-zone", subnets.get(zone).az());
    }
    for (KeyValue kv : c.meta()) {
      attrs.put("meta." + kv.key(), kv.value());
    }
    Set<String> volumes = new LinkedHashSet<>();
    for (HostVolumeSpec v : c.hostVolumes()) {
      volumes.add(v.name());
    }
    // A tiny (declared) instance type may offer less than the reserve: nothing is left for jobs.
    return new NodeSpec.Shape(c.name(), c.region(), Math.max(0, spec.cpuMhz() - NomadReserve.CPU_MHZ),
        Math.max(0, spec.memoryMib() - NomadReserve.MEMORY_MIB), attrs, volumes, RESERVED_PORTS);
  }

  private static final Set<Integer> RESERVED_PORTS = Set.copyOf(NomadReserve.AGENT_PORTS);
}
