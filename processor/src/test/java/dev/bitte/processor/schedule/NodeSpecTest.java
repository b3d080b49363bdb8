package dev.bitte.processor.schedule;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bitte.processor.plan.GroupPlan;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Nodes of one shape share their attributes and computed class; copies and plain nodes agree with them. */
class NodeSpecTest {
  private static final GroupPlan GROUP = Nodes.group("apps", "eu-central-1", Nodes.M5_XLARGE, 1, 4, 8, "general");

  /** The same node built on a plain map. */
  private static NodeSpec plain(NodeSpec n) {
    return new NodeSpec(n.name(), n.group(), n.datacenter(), n.cpuMhz(), n.memoryMib(), Map.copyOf(n.attributes()), n.hostVolumes(),
        n.reservedPorts());
  }

  @Test
  void aShapesNodeIsAnOrdinaryMapAndEqualsItsPlainTwin() {
    NodeSpec n = FleetNodes.node(GROUP, 3);
    NodeSpec twin = plain(n);
    assertThat(n).isEqualTo(twin);
    assertThat(n.hashCode()).isEqualTo(twin.hashCode());
    assertThat(n.attributes()).isEqualTo(twin.attributes());
    assertThat(twin.attributes()).isEqualTo(n.attributes());
    assertThat(n.attributes().hashCode()).isEqualTo(twin.attributes().hashCode());
    assertThat(n.attribute("${node.unique.name}")).isEqualTo("apps-3");
    assertThat(n.attributes().get(42)).isNull();
    assertThat(n.attributes().containsKey("node.unique.name")).isTrue();
    assertThat(n.attributes().containsKey("node.unique.id")).isFalse();
    assertThrows(UnsupportedOperationException.class, () -> n.attributes().put("x", "y"));
    assertThat(n.computedClass()).isEqualTo(twin.computedClass());
  }

  @Test
  void nodesOfOneZoneShareAClassAndOtherZonesDoNot() {
    List<NodeSpec> nodes = FleetNodes.of(List.of(GROUP), Map.of("apps", 4));
    assertThat(nodes.get(0).computedClass()).isEqualTo(nodes.get(2).computedClass()); // zone a
    assertThat(nodes.get(0).computedClass()).isNotEqualTo(nodes.get(1).computedClass()); // zone b
    assertThat(nodes.get(0).attributes().get("node.unique.name")).isEqualTo("apps-1");
    assertThat(nodes.get(2).attributes().get("node.unique.name")).isEqualTo("apps-3");
  }

  @Test
  void aCopyWithOtherVolumesGetsItsOwnClassNotTheShapes() {
    NodeSpec n = FleetNodes.node(GROUP, 1);
    NodeSpec more = Nodes.withVolumes(n, "pg-data", "scratch");
    assertThat(more.computedClass()).isNotEqualTo(n.computedClass());
    assertThat(more.computedClass()).isEqualTo(plain(more).computedClass());
    NodeSpec moved = new NodeSpec(n.name(), n.group(), "us-east-2", n.cpuMhz(), n.memoryMib(), n.attributes(), n.hostVolumes(),
        n.reservedPorts());
    assertThat(moved.computedClass()).isNotEqualTo(n.computedClass());
    assertThat(moved.computedClass()).isEqualTo(plain(moved).computedClass());
    // The planner sees the difference: of two nodes of one shape, only the copy with the volume
    // can take a request for it.
    PlacementRequest wants = new PlacementRequest("default", "db", "db", JobType.SERVICE, 50, 1, List.of("*"), 100, 64, List.of(),
        List.of("scratch"), List.of(), List.of(), List.of(), null);
    PlacementPlan p = Planner.plan(List.of(n, Nodes.withVolumes(FleetNodes.node(GROUP, 3), "pg-data", "scratch")), List.of(wants),
        Algorithm.BINPACK);
    assertThat(p.placement(wants).orElseThrow().placed()).isEqualTo(1);
    assertThat(Set.copyOf(n.hostVolumes())).doesNotContain("scratch");
  }
}
