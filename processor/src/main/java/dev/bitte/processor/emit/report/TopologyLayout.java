package dev.bitte.processor.emit.report;

import dev.bitte.Role;
import dev.bitte.processor.emit.report.Svg.Attr;
import dev.bitte.processor.emit.report.Svg.Box;
import dev.bitte.processor.emit.report.Svg.Label;
import dev.bitte.processor.emit.report.Svg.Path;
import dev.bitte.processor.plan.FleetPlan;
import dev.bitte.processor.plan.GroupPlan;
import dev.bitte.processor.plan.NodePlan;
import dev.bitte.processor.plan.PortRule;
import dev.bitte.processor.plan.RegionPlan;
import dev.bitte.processor.plan.Scope;
import dev.bitte.processor.plan.SubnetPlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Lays out the fleet's topology: one panel per region, stacked top to bottom (primary first).
 * Inside a panel, one lane per availability zone holds its subnet and the core nodes placed in
 * it; the client groups, which span zones, follow below the lanes in a grid of fixed-size boxes
 * that wraps to as many rows as needed. VPC peering (a full mesh) is drawn as arcs in a gutter
 * left of the panels; the routing node's public entry comes from an "Internet" box above, along
 * the gap right of the routing node's lane so that it crosses no text.
 *
 * <p>Every box has a fixed size and every line of text is cut to its box, so nothing overlaps
 * for any number of groups; 100 groups in one region make 20 rows of 5.
 */
public final class TopologyLayout {
  static final double WIDTH = 1160;
  static final double FONT = 12;
  static final double LINE = 16;
  /** Inner padding of a box: text starts this far from its left edge. */
  static final double INSET = 8;
  static final double PAD = 12;
  static final double PANEL_HEADER = 34;
  static final double REGION_GAP = 28;
  static final double LANE_GAP = 10;
  static final double LANE_HEADER = 44;
  static final double NODE_GAP = 8;
  static final double GROUP_W = 216;
  static final double GROUP_GAP = 10;
  static final double ENTRY_W = 320;
  static final double ENTRY_BAND = 84;

  /** The laid-out diagram: draw panels, then lanes, then boxes, then paths. */
  public record Diagram(double width, double height, List<Box> panels, List<Box> lanes, List<Box> boxes, List<Path> paths,
      List<Path> anchors) {}

  static double boxHeight(int lines) {
    return 12 + lines * LINE;
  }

  static Diagram layout(FleetPlan plan) {
    List<Box> panels = new ArrayList<>();
    List<Box> lanes = new ArrayList<>();
    List<Box> boxes = new ArrayList<>();
    List<Path> paths = new ArrayList<>();
    List<Path> anchors = new ArrayList<>();

    int regionCount = plan.regions().size();
    double gutter = regionCount > 1 ? Math.min(28 + 14 * (regionCount - 1), 180) : 0;
    double panelX = gutter;
    double panelW = WIDTH - gutter;
    double inner = panelW - 2 * PAD;

    NodePlan routing = plan.node(Role.ROUTING);
    List<PortRule> publicRules = routing == null ? List.of()
        : routing.ports().stream().filter(p -> p.scope() == Scope.ANYWHERE).toList();
    boolean entry = !publicRules.isEmpty();
    // Where the entry path runs down: the middle of the gap right of the routing node's lane.
    double entryX = 0;
    double entryNodeRight = 0;
    double entryNodeMidY = 0;

    double y = entry ? ENTRY_BAND : 0;
    List<Double> anchorYs = new ArrayList<>();
    for (RegionPlan region : plan.regions()) {
      double top = y;
      List<SubnetPlan> subnets = region.subnets();
      int laneCount = subnets.size();
      double laneW = (inner - (laneCount - 1) * LANE_GAP) / laneCount;
      Map<String, List<NodePlan>> byAz = new LinkedHashMap<>();
      subnets.forEach(s -> byAz.put(s.az(), new ArrayList<>()));
      for (NodePlan n : plan.coreNodes()) {
        if (n.region().equals(region.name())) {
          byAz.get(n.az()).add(n);
        }
      }
      int deepest = byAz.values().stream().mapToInt(List::size).max().orElse(0);
      double nodeH = boxHeight(3);
      double laneTop = top + PANEL_HEADER;
      double laneH = LANE_HEADER + 4 + deepest * (nodeH + NODE_GAP) + (deepest > 0 ? 4 : 0);

      int routingLane = -1;
      for (int i = 0; i < laneCount; i++) {
        SubnetPlan s = subnets.get(i);
        double lx = panelX + PAD + i * (laneW + LANE_GAP);
        double textW = laneW - 2 * INSET;
        lanes.add(new Box("lane", List.of(new Attr("az", s.az()), new Attr("subnet", s.cidr().toString())),
            Svg.px(lx), Svg.px(laneTop), Svg.px(laneW), Svg.px(laneH),
            s.az() + " \u00b7 subnet " + s.cidr(),
            List.of(label(lx + INSET, laneTop, 0, Svg.fit(s.az(), textW, FONT), "az"),
                label(lx + INSET, laneTop, 1, Svg.fit("subnet " + s.cidr(), textW, FONT), "cidr"))));
        double ny = laneTop + LANE_HEADER + 4;
        for (NodePlan n : byAz.get(s.az())) {
          double nx = lx + INSET;
          double nw = laneW - 2 * INSET;
          double tw = nw - 2 * INSET;
          String role = n.role().name().toLowerCase(Locale.ROOT);
          String line2 = role + " \u00b7 " + n.instance().name();
          boolean isPublic = n.ports().stream().anyMatch(p -> p.scope() == Scope.ANYWHERE);
          boxes.add(new Box(isPublic ? "node public" : "node",
              List.of(new Attr("node", n.name()), new Attr("role", role), new Attr("az", n.az()), new Attr("ip", n.privateIp().toString())),
              Svg.px(nx), Svg.px(ny), Svg.px(nw), Svg.px(nodeH),
              n.name() + "\n" + line2 + "\n" + n.privateIp() + " in " + n.subnet().cidr(),
              List.of(label(nx + INSET, ny, 0, Svg.fit(n.name(), tw, FONT), "name"),
                  label(nx + INSET, ny, 1, Svg.fit(line2, tw, FONT), ""),
                  label(nx + INSET, ny, 2, Svg.fit(n.privateIp().toString(), tw, FONT), "ip"))));
          if (n == routing && entry) {
            routingLane = i;
            entryX = lx + laneW + Math.min(LANE_GAP, PAD) / 2;
            entryNodeRight = nx + nw;
            entryNodeMidY = ny + nodeH / 2;
          }
          ny += nodeH + NODE_GAP;
        }
      }

      double bottom = laneTop + laneH;
      List<GroupPlan> groups = plan.groups().stream().filter(g -> g.region().equals(region.name())).toList();
      List<Label> panelLabels = new ArrayList<>();
      String header = region.name() + " \u00b7 " + region.cidr() + (region.primary() ? " \u00b7 primary" : "");
      String title = region.name() + " \u00b7 VPC " + region.cidr() + (region.primary() ? " \u00b7 primary region (Consul datacenter)" : "")
          + " \u00b7 " + laneCount + " zones";
      // The header must not cross the entry path, which runs down right of the routing lane:
      // it stops short of it, or starts after it when it would not fit before.
      double headerX = panelX + PAD;
      double headerW = inner;
      if (routingLane >= 0) {
        headerW = entryX - headerX - INSET;
        if (!Svg.fits(header, headerW, FONT + 1)) {
          headerX = entryX + INSET;
          headerW = panelX + panelW - PAD - headerX;
        }
      }
      panelLabels.add(label(headerX, top, 0, Svg.fit(header, headerW, FONT + 1), "region"));
      if (!groups.isEmpty()) {
        double groupH = boxHeight(4);
        int columns = Math.max(1, (int) Math.floor((inner + GROUP_GAP) / (GROUP_W + GROUP_GAP)));
        String caption = "client groups in " + region.name() + ": " + groups.size();
        panelLabels.add(new Label(Svg.px(panelX + PAD), Svg.px(bottom + 8 + 12), Svg.fit(caption, inner, FONT), "caption"));
        double gridTop = bottom + 8 + LINE + 6;
        double tw = GROUP_W - 2 * INSET;
        for (int k = 0; k < groups.size(); k++) {
          GroupPlan g = groups.get(k);
          double gx = panelX + PAD + (k % columns) * (GROUP_W + GROUP_GAP);
          double gy = gridTop + (k / columns) * (groupH + GROUP_GAP);
          String type = g.instance().name() + " \u00b7 class " + g.group().nodeClass();
          String sizes = "min " + g.group().min() + " \u00b7 desired " + g.group().desired() + " \u00b7 max " + g.group().max();
          String zones = "zones " + g.subnets().stream().map(SubnetPlan::zoneLetter).collect(Collectors.joining(" "));
          boxes.add(new Box("group",
              List.of(new Attr("group", g.name()), new Attr("region", g.region()), new Attr("instance-type", g.instance().name()),
                  new Attr("min", Integer.toString(g.group().min())), new Attr("desired", Integer.toString(g.group().desired())),
                  new Attr("max", Integer.toString(g.group().max()))),
              Svg.px(gx), Svg.px(gy), GROUP_W, Svg.px(groupH),
              g.name() + "\n" + type + "\n" + sizes + "\n" + g.subnets().stream().map(s -> s.az() + " " + s.cidr()).collect(Collectors.joining(", ")),
              List.of(label(gx + INSET, gy, 0, Svg.fit(g.name(), tw, FONT), "name"),
                  label(gx + INSET, gy, 1, Svg.fit(type, tw, FONT), ""),
                  label(gx + INSET, gy, 2, Svg.fit(sizes, tw, FONT), ""),
                  label(gx + INSET, gy, 3, Svg.fit(zones, tw, FONT), ""))));
        }
        int rows = (groups.size() + columns - 1) / columns;
        bottom = gridTop + rows * groupH + (rows - 1) * GROUP_GAP;
      }
      double panelH = bottom + PAD - top;
      panels.add(new Box(region.primary() ? "region primary" : "region",
          List.of(new Attr("region", region.name()), new Attr("cidr", region.cidr().toString())),
          Svg.px(panelX), Svg.px(top), Svg.px(panelW), Svg.px(panelH), title, panelLabels));
      anchorYs.add(top + PANEL_HEADER / 2);
      y = top + panelH + REGION_GAP;
    }

    // Peering: every pair of regions, as an arc whose reach grows with the distance between panels.
    for (int i = 0; i < regionCount && regionCount > 1; i++) {
      anchors.add(new Path("anchor", List.of(new Attr("region", plan.regions().get(i).name())),
          "M" + Svg.px(panelX) + " " + Svg.px(anchorYs.get(i) - 4) + "v8", ""));
      for (int j = i + 1; j < regionCount; j++) {
        double reach = (gutter - 8) * (j - i) / (regionCount - 1);
        double x0 = Svg.px(panelX);
        double xc = Svg.px(panelX - reach);
        double y1 = Svg.px(anchorYs.get(i));
        double y2 = Svg.px(anchorYs.get(j));
        String a = plan.regions().get(i).name();
        String b = plan.regions().get(j).name();
        paths.add(new Path("peering", List.of(new Attr("peering", a + " " + b)),
            "M" + x0 + " " + y1 + "C" + xc + " " + y1 + " " + xc + " " + y2 + " " + x0 + " " + y2,
            "VPC peering " + a + " \u2194 " + b));
      }
    }

    if (entry) {
      String ports = publicRules.stream().collect(Collectors.groupingBy(PortRule::protocol, TreeMap::new,
              Collectors.mapping(TopologyLayout::portText, Collectors.toCollection(java.util.LinkedHashSet::new))))
          .entrySet().stream().map(e -> e.getKey() + " " + String.join(", ", e.getValue())).collect(Collectors.joining("; "));
      String sources = publicRules.stream().flatMap(p -> p.cidrs().stream()).map(Object::toString).distinct().collect(Collectors.joining(", "));
      double bx = Math.max(panelX, Math.min(entryX - ENTRY_W / 2, WIDTH - ENTRY_W));
      double bh = boxHeight(2);
      double tw = ENTRY_W - 2 * INSET;
      String line1 = "Internet " + sources;
      String line2 = "\u2192 " + routing.name() + ": " + ports;
      String why = publicRules.stream().map(p -> portText(p) + "/" + p.protocol() + " " + p.description()).collect(Collectors.joining("\n"));
      boxes.add(new Box("entry", List.of(new Attr("entry", routing.name()), new Attr("ports", ports)),
          Svg.px(bx), 0, ENTRY_W, Svg.px(bh), line1 + "\n" + line2 + "\n" + why,
          List.of(label(bx + INSET, 0, 0, Svg.fit(line1, tw, FONT), "name"), label(bx + INSET, 0, 1, Svg.fit(line2, tw, FONT), ""))));
      double turnY = ENTRY_BAND - REGION_GAP / 2 + 4;
      double startX = Math.max(bx + 16, Math.min(entryX, bx + ENTRY_W - 16));
      paths.add(new Path("entry", List.of(new Attr("entry", routing.name())),
          "M" + Svg.px(startX) + " " + Svg.px(bh) + "V" + Svg.px(turnY) + "H" + Svg.px(entryX) + "V" + Svg.px(entryNodeMidY)
              + "H" + Svg.px(entryNodeRight + 2),
          "public entry to " + routing.name() + ": " + ports));
    }
    return new Diagram(WIDTH, Svg.px(y - REGION_GAP + 2), panels, lanes, boxes, paths, anchors);
  }

  /** The baseline of line {@code i} of a box whose top is {@code top}. */
  private static Label label(double x, double top, int i, String text, String cls) {
    return new Label(Svg.px(x), Svg.px(top + 6 + i * LINE + 12), text, cls);
  }

  static String portText(PortRule p) {
    if (p.fromPort() < 0) {
      return "all";
    }
    return p.isRange() ? p.fromPort() + "\u2013" + p.toPort() : Integer.toString(p.fromPort());
  }
}
