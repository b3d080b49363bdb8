package dev.bitte.processor.emit.report;

import dev.bitte.processor.emit.report.ReportInputs.GroupCapacity;
import dev.bitte.processor.emit.report.ReportInputs.JobUsage;
import dev.bitte.processor.emit.report.ReportInputs.ServiceRow;
import dev.bitte.processor.plan.FleetPlan;
import dev.bitte.processor.plan.GroupPlan;
import dev.bitte.processor.plan.NodePlan;
import dev.bitte.processor.plan.PortRule;
import dev.bitte.processor.plan.RegionPlan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Everything {@code report/index.html.ftl} shows, computed and sorted here so the template only
 * prints it. Built from the plan and the {@link ReportInputs}.
 */
public record ReportPage(
    String cluster,
    String domain,
    String primaryRegion,
    List<Fact> facts,
    TopologyLayout.Diagram topology,
    List<String> peerings,
    List<CapacityLayout.Row> capacity,
    boolean capacityKnown,
    double capacityWidth,
    double capacityRowHeight,
    List<RuleSet> security,
    List<ServiceRow> services,
    List<String> warnings) {

  /** A headline number: {@code 5 core nodes}. */
  public record Fact(String value, String label) {}

  /** The inbound rules shared by some nodes or groups. */
  public record RuleSet(String role, List<String> members, List<RuleRow> rules) {}

  /** One inbound rule as people read it. */
  public record RuleRow(String port, String protocol, String from, String service, String why) {}

  static ReportPage of(FleetPlan plan, ReportInputs inputs) {
    Set<String> groupNames = plan.groups().stream().map(GroupPlan::name).collect(Collectors.toSet());
    Set<String> seen = new TreeSet<>();
    for (GroupCapacity c : inputs.capacity()) {
      if (!groupNames.contains(c.group())) {
        throw new IllegalArgumentException("capacity given for \"" + c.group() + "\", which is no client group of " + plan.name()
            + " (groups: " + String.join(", ", new TreeSet<>(groupNames)) + ")");
      }
      if (!seen.add(c.group())) {
        throw new IllegalArgumentException("capacity given twice for client group \"" + c.group() + "\"");
      }
    }
    List<String> jobOrder = inputs.capacity().stream().flatMap(c -> c.jobs().stream()).map(JobUsage::job)
        .collect(Collectors.toCollection(TreeSet::new)).stream().toList();

    List<String> peerings = new ArrayList<>();
    for (int i = 0; i < plan.regions().size(); i++) {
      for (int j = i + 1; j < plan.regions().size(); j++) {
        RegionPlan a = plan.regions().get(i);
        RegionPlan b = plan.regions().get(j);
        peerings.add(a.name() + " (" + a.cidr() + ") \u2194 " + b.name() + " (" + b.cidr() + ")");
      }
    }

    long desiredNodes = plan.coreNodes().size() + plan.groups().stream().mapToLong(g -> g.group().desired()).sum();
    long minNodes = plan.coreNodes().size() + plan.groups().stream().mapToLong(g -> g.group().min()).sum();
    long maxNodes = plan.coreNodes().size() + plan.groups().stream().mapToLong(g -> g.group().max()).sum();
    List<Fact> facts = List.of(
        new Fact(Integer.toString(plan.regions().size()), plan.regions().size() == 1 ? "region" : "regions"),
        new Fact(Integer.toString(plan.coreNodes().size()), "core nodes"),
        new Fact(Integer.toString(plan.groups().size()), plan.groups().size() == 1 ? "client group" : "client groups"),
        new Fact(Svg.num(desiredNodes), "nodes at desired (" + Svg.num(minNodes) + "\u2013" + Svg.num(maxNodes) + ")"),
        new Fact(Svg.num(jobOrder.size()), jobOrder.size() == 1 ? "job placed" : "jobs placed"),
        new Fact(Svg.num(inputs.services().size()), inputs.services().size() == 1 ? "service" : "services"),
        new Fact(Svg.num(inputs.warnings().size()), inputs.warnings().size() == 1 ? "warning" : "warnings"));

    List<ServiceRow> services = inputs.services().stream()
        .map(s -> new ServiceRow(s.service(), s.job(), s.upstreams().stream().sorted().toList()))
        .sorted(Comparator.comparing(ServiceRow::service).thenComparing(ServiceRow::job)).toList();

    return new ReportPage(plan.name(), plan.fleet().domain(), plan.fleet().primaryRegion(), facts,
        TopologyLayout.layout(plan), peerings,
        CapacityLayout.layout(plan.groups(), inputs.capacity(), jobOrder), !inputs.capacity().isEmpty(),
        CapacityLayout.WIDTH, CapacityLayout.ROW_H,
        security(plan), services, inputs.warnings());
  }

  /** Nodes and groups with identical rules share one table, so 100 alike groups make one. */
  static List<RuleSet> security(FleetPlan plan) {
    Map<List<Object>, List<String>> members = new LinkedHashMap<>();
    Map<List<Object>, List<PortRule>> rules = new LinkedHashMap<>();
    for (NodePlan n : plan.coreNodes()) {
      List<Object> key = List.of(n.role().name().toLowerCase(Locale.ROOT), n.ports());
      members.computeIfAbsent(key, k -> new ArrayList<>()).add(n.name());
      rules.putIfAbsent(key, n.ports());
    }
    for (GroupPlan g : plan.groups()) {
      List<Object> key = List.of("client", g.ports());
      members.computeIfAbsent(key, k -> new ArrayList<>()).add(g.name());
      rules.putIfAbsent(key, g.ports());
    }
    List<RuleSet> out = new ArrayList<>();
    for (Map.Entry<List<Object>, List<String>> e : members.entrySet()) {
      List<RuleRow> rows = rules.get(e.getKey()).stream().map(ReportPage::row).toList();
      out.add(new RuleSet((String) e.getKey().get(0), e.getValue(), rows));
    }
    return out;
  }

  private static RuleRow row(PortRule p) {
    String where = switch (p.scope()) {
      case VPC -> "the fleet's VPCs";
      case ADMIN -> "admin networks";
      case ANYWHERE -> "anywhere";
      case CIDRS -> "declared networks";
    };
    String cidrs = p.cidrs().stream().map(Object::toString).collect(Collectors.joining(", "));
    return new RuleRow(TopologyLayout.portText(p), p.protocol(), where + ": " + cidrs, p.service(), p.description());
  }
}
