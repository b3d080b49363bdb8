package dev.bitte.processor.schedule;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The manifest's {@code capacity} section: per client group its nodes, CPU and memory offered and
 * used (and the use in percent, one decimal), and allocations at min, desired and max; per task
 * group where its allocations landed at desired, what did not fit and what would fix it. The
 * processor wires it as a manifest section ({@code BitteProcessor.CAPACITY_SECTION}) over
 * {@code FleetPlan.capacity()}.
 */
public final class CapacityManifest {
  private CapacityManifest() {}

  public static void write(CapacityReport report, ObjectNode root) {
    ObjectNode capacity = root.putObject("capacity");
    capacity.put("algorithm", report.atDesired().algorithm().name().toLowerCase(Locale.ROOT));
    capacity.put("reservedCpuMhzPerNode", NomadReserve.CPU_MHZ);
    capacity.put("reservedMemoryMibPerNode", NomadReserve.MEMORY_MIB);
    ObjectNode groups = capacity.putObject("groups");
    for (Sizing sizing : Sizing.values()) {
      for (GroupUsage g : report.at(sizing).groups()) {
        ObjectNode o = groups.has(g.group()) ? (ObjectNode) groups.get(g.group()) : groups.putObject(g.group());
        ObjectNode at = o.putObject(sizing.name().toLowerCase(Locale.ROOT));
        at.put("nodes", g.nodes());
        at.put("allocations", g.allocations());
        at.put("cpuMhz", g.cpuMhz());
        at.put("cpuUsedMhz", g.cpuUsedMhz());
        at.put("memoryMib", g.memoryMib());
        at.put("memoryUsedMib", g.memoryUsedMib());
        at.put("cpuPercent", Math.round(g.cpuPercent() * 10) / 10.0);
        at.put("memoryPercent", Math.round(g.memoryPercent() * 10) / 10.0);
      }
    }
    ObjectNode jobs = capacity.putObject("jobs");
    for (Placement p : report.atDesired().placements()) {
      ObjectNode o = jobs.putObject(p.request().id());
      o.put("type", p.request().type().name().toLowerCase(Locale.ROOT));
      o.put("wanted", p.wanted());
      o.put("placed", p.placed());
      Map<String, Integer> perNode = new TreeMap<>();
      p.nodes().forEach(n -> perNode.merge(n, 1, Integer::sum));
      ObjectNode nodes = o.putObject("nodes");
      perNode.forEach(nodes::put);
      for (Sizing s : List.of(Sizing.MIN, Sizing.MAX)) {
        o.put("placedAt" + (s == Sizing.MIN ? "Min" : "Max"), report.at(s).placement(p.request()).orElseThrow().placed());
      }
      if (p.failure() != null) {
        o.put("failure", p.failure().summary());
        ArrayNode fixes = o.putArray("suggestions");
        report.suggestions(p.request()).forEach(s -> fixes.add(s.message()));
      }
    }
  }
}
