package dev.bitte.processor.schedule;

import static com.google.common.truth.Truth.assertThat;
import static dev.bitte.processor.schedule.Nodes.node;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PlannerTest {
  private static PlacementPlan plan(List<NodeSpec> nodes, PlacementRequest... requests) {
    return Planner.plan(nodes, List.of(requests), Algorithm.BINPACK);
  }

  private static Map<String, Long> perNode(Placement p) {
    return p.nodes().stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
  }

  @Test
  void exactFitFillsBothNodesToTheLastMegahertz() {
    List<NodeSpec> nodes = List.of(node("a", "dc1", "general", 1000, 1024), node("b", "dc1", "general", 1000, 1024));
    PlacementRequest web = PlacementRequest.builder("web", "app").count(4).resources(500, 512).build();

    PlacementPlan plan = plan(nodes, web);

    Placement p = plan.placement(web).orElseThrow();
    assertThat(p.complete()).isTrue();
    assertThat(p.failure()).isNull();
    assertThat(perNode(p)).containsExactly("a", 2L, "b", 2L);
    assertThat(plan.nodes()).containsExactly(
        new NodeUsage("a", "general", "dc1", 1000, 1024, 1000, 1024, 2),
        new NodeUsage("b", "general", "dc1", 1000, 1024, 1000, 1024, 2));
    assertThat(plan.group("general").orElseThrow().cpuPercent()).isEqualTo(100.0);
  }

  @Test
  void oneMegahertzTooManyLeavesTwoUnplacedWithTheBreakdown() {
    List<NodeSpec> nodes = List.of(
        node("a", "dc1", "general", 1000, 1024),
        node("b", "dc1", "general", 1000, 1024),
        node("gpu", "dc1", "gpu", 8000, 8192),
        node("far", "dc2", "general", 8000, 8192));
    PlacementRequest web = PlacementRequest.builder("web", "app").count(4).resources(501, 512).datacenters("dc1")
        .constraint("${node.class}", "=", "general").build();

    Placement p = plan(nodes, web).placement(web).orElseThrow();

    // 2 × 501 = 1002 > 1000: one allocation per general node.
    assertThat(p.placed()).isEqualTo(2);
    assertThat(p.unplaced()).isEqualTo(2);
    assertThat(perNode(p)).containsExactly("a", 1L, "b", 1L);
    AllocMetric m = p.failure();
    assertThat(m.nodesInPool()).isEqualTo(4);
    assertThat(m.nodesOutsideDatacenters()).isEqualTo(1);
    assertThat(m.nodesEvaluated()).isEqualTo(3);
    assertThat(m.nodesFiltered()).isEqualTo(1);
    assertThat(m.constraintFiltered()).containsExactly("${node.class} = general", 1);
    assertThat(m.nodesExhausted()).isEqualTo(2);
    assertThat(m.dimensionExhausted()).containsExactly("cpu", 2);
    assertThat(m.coalescedFailures()).isEqualTo(1);
    assertThat(m.summary()).isEqualTo(
        "3 nodes evaluated (1 outside the job's datacenters); constraint ${node.class} = general filtered 1 node; cpu exhausted on 2 nodes");
  }

  @Test
  void memoryExhaustionIsReportedAsMemory() {
    List<NodeSpec> nodes = List.of(node("a", "dc1", "general", 4000, 1024));
    PlacementRequest db = PlacementRequest.builder("db", "pg").count(2).resources(100, 513).build();

    Placement p = plan(nodes, db).placement(db).orElseThrow();

    assertThat(p.placed()).isEqualTo(1);
    assertThat(p.failure().dimensionExhausted()).containsExactly("memory", 1);
  }

  @Test
  void distinctHostsPlacesOnePerNodeAndReportsTheRest() {
    List<NodeSpec> nodes = List.of(node("a", "dc1", "general", 4000, 4096), node("b", "dc1", "general", 4000, 4096),
        node("c", "dc1", "general", 4000, 4096));
    PlacementRequest web = PlacementRequest.builder("web", "app").count(5).resources(100, 100).constraint(Constraint.distinctHosts()).build();

    Placement p = plan(nodes, web).placement(web).orElseThrow();

    assertThat(p.placed()).isEqualTo(3);
    assertThat(perNode(p)).containsExactly("a", 1L, "b", 1L, "c", 1L);
    assertThat(p.failure().constraintFiltered()).containsExactly("distinct_hosts", 3);
    assertThat(p.failure().nodesExhausted()).isEqualTo(0);
    assertThat(p.failure().coalescedFailures()).isEqualTo(1);
  }

  @Test
  void distinctPropertyLimitsAllocationsPerValue() {
    List<NodeSpec> nodes = List.of(
        node("a", "dc1", "general", 4000, 4096, "meta.rack", "r1"),
        node("b", "dc1", "general", 4000, 4096, "meta.rack", "r1"),
        node("c", "dc1", "general", 4000, 4096, "meta.rack", "r2"),
        node("d", "dc1", "general", 4000, 4096));
    PlacementRequest web = PlacementRequest.builder("web", "app").count(4).resources(100, 100)
        .constraint("${meta.rack}", "distinct_property", "1").build();

    Placement p = plan(nodes, web).placement(web).orElseThrow();

    assertThat(p.placed()).isEqualTo(2);
    List<String> racks = p.nodes().stream().map(n -> nodes.stream().filter(x -> x.name().equals(n)).findFirst().orElseThrow().attribute("${meta.rack}")).sorted().toList();
    assertThat(racks).containsExactly("r1", "r2");
    // a or b holds r1 so both r1 nodes are filtered, c holds r2, d has no rack at all
    assertThat(p.failure().constraintFiltered()).containsExactly("distinct_property ${meta.rack}", 4);
  }

  @Test
  void spreadOverTwoDatacentersFollowsTheTargets() {
    List<NodeSpec> nodes = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      nodes.add(node("east-" + i, "dc1", "general", 1000, 1000));
      nodes.add(node("west-" + i, "dc2", "general", 1000, 1000));
    }
    PlacementRequest web = PlacementRequest.builder("web", "app").count(10).resources(100, 100)
        .spread(new Spread("${node.datacenter}", 100, List.of(new Spread.Target("dc1", 70), new Spread.Target("dc2", 30)))).build();

    Placement p = plan(nodes, web).placement(web).orElseThrow();

    assertThat(p.complete()).isTrue();
    Map<String, Long> perDc = p.nodes().stream().collect(Collectors.groupingBy(n -> n.startsWith("east") ? "dc1" : "dc2", Collectors.counting()));
    assertThat(perDc).containsExactly("dc1", 7L, "dc2", 3L);
  }

  @Test
  void evenSpreadWithoutTargetsSplitsEqually() {
    List<NodeSpec> nodes = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      nodes.add(node("east-" + i, "dc1", "general", 10000, 10000));
    }
    nodes.add(node("west-1", "dc2", "general", 10000, 10000));
    PlacementRequest web = PlacementRequest.builder("web", "app").count(6).resources(100, 100)
        .spread(new Spread("${node.datacenter}", 50, List.of())).build();

    Placement p = plan(nodes, web).placement(web).orElseThrow();

    Map<String, Long> perDc = p.nodes().stream().collect(Collectors.groupingBy(n -> n.startsWith("east") ? "dc1" : "dc2", Collectors.counting()));
    assertThat(perDc).containsExactly("dc1", 3L, "dc2", 3L);
  }

  @Test
  void systemJobLandsOnEveryEligibleNodeOnly() {
    List<NodeSpec> nodes = List.of(
        node("g1", "dc1", "general", 2000, 2048),
        node("gpu1", "dc1", "gpu", 2000, 2048),
        node("g2", "dc1", "general", 2000, 2048),
        node("g3", "dc1", "general", 2000, 2048));
    PlacementRequest logs = PlacementRequest.builder("logs", "shipper").type(JobType.SYSTEM).count(1).resources(200, 128)
        .constraint("${node.class}", "!=", "gpu").build();

    Placement p = plan(nodes, logs).placement(logs).orElseThrow();

    assertThat(p.nodes()).containsExactly("g1", "g2", "g3").inOrder();
    assertThat(p.wanted()).isEqualTo(3);
    assertThat(p.complete()).isTrue();
  }

  @Test
  void systemJobReportsNodesTooSmallButNotFilteredOnes() {
    List<NodeSpec> nodes = List.of(
        node("g1", "dc1", "general", 2000, 2048),
        node("gpu1", "dc1", "gpu", 2000, 2048),
        node("tiny", "dc1", "general", 100, 2048));
    PlacementRequest logs = PlacementRequest.builder("logs", "shipper").type(JobType.SYSBATCH).resources(200, 128)
        .constraint("${node.class}", "=", "general").build();

    Placement p = plan(nodes, logs).placement(logs).orElseThrow();

    assertThat(p.nodes()).containsExactly("g1");
    assertThat(p.wanted()).isEqualTo(2);
    assertThat(p.unplaced()).isEqualTo(1);
    assertThat(p.failure().constraintFiltered()).containsExactly("${node.class} = general", 1);
    assertThat(p.failure().dimensionExhausted()).containsExactly("cpu", 1);
  }

  @Test
  void systemJobsArePlacedBeforeServiceJobs() {
    List<NodeSpec> nodes = List.of(node("a", "dc1", "general", 1000, 1000));
    PlacementRequest web = PlacementRequest.builder("a-web", "app").resources(900, 100).build();
    PlacementRequest logs = PlacementRequest.builder("z-logs", "shipper").type(JobType.SYSTEM).resources(200, 100).build();

    PlacementPlan plan = plan(nodes, web, logs);

    assertThat(plan.placements().get(0).request()).isSameInstanceAs(logs);
    assertThat(plan.placement(logs).orElseThrow().complete()).isTrue();
    assertThat(plan.placement(web).orElseThrow().failure().dimensionExhausted()).containsExactly("cpu", 1);
  }

  @Test
  void staticPortCollisionOnOneNode() {
    List<NodeSpec> nodes = List.of(node("a", "dc1", "general", 4000, 4096));
    PlacementRequest first = PlacementRequest.builder("alpha", "http").resources(100, 100).staticPort(80).build();
    PlacementRequest second = PlacementRequest.builder("beta", "http").resources(100, 100).staticPort(80).build();
    PlacementRequest other = PlacementRequest.builder("gamma", "http").resources(100, 100).staticPort(8080).build();

    PlacementPlan plan = plan(nodes, second, other, first);

    assertThat(plan.placement(first).orElseThrow().nodes()).containsExactly("a");
    assertThat(plan.placement(other).orElseThrow().nodes()).containsExactly("a");
    Placement p = plan.placement(second).orElseThrow();
    assertThat(p.placed()).isEqualTo(0);
    assertThat(p.failure().dimensionExhausted()).containsExactly("port 80", 1);
    assertThat(p.failure().summary()).isEqualTo("1 node evaluated; static port 80 taken on 1 node");
  }

  @Test
  void agentPortsAreNeverFree() {
    List<NodeSpec> nodes = FleetNodes.of(List.of(Nodes.group("clients", "eu-central-1", Nodes.M5_XLARGE, 1, 1, 1, "general")), Sizing.DESIRED);
    PlacementRequest consul = PlacementRequest.builder("dns", "coredns").resources(100, 100).staticPort(8600).build();

    Placement p = plan(nodes, consul).placement(consul).orElseThrow();

    assertThat(p.placed()).isEqualTo(0);
    assertThat(p.failure().dimensionExhausted()).containsExactly("port 8600", 1);
  }

  @Test
  void reservedResourcesAreSubtracted() {
    // m5.xlarge: 4 vCPU × 3100 MHz = 12400 MHz, 16384 MiB; minus 500 MHz and 512 MiB for the client.
    List<NodeSpec> nodes = FleetNodes.of(List.of(Nodes.group("clients", "eu-central-1", Nodes.M5_XLARGE, 1, 1, 1, "general")), Sizing.DESIRED);
    assertThat(nodes.get(0).cpuMhz()).isEqualTo(12400 - NomadReserve.CPU_MHZ);
    assertThat(nodes.get(0).memoryMib()).isEqualTo(16384 - NomadReserve.MEMORY_MIB);

    PlacementRequest exact = PlacementRequest.builder("big", "all").resources(11900, 15872).build();
    assertThat(plan(nodes, exact).complete()).isTrue();

    PlacementRequest over = PlacementRequest.builder("big", "all").resources(11901, 15872).build();
    assertThat(plan(nodes, over).placement(over).orElseThrow().failure().dimensionExhausted()).containsExactly("cpu", 1);
    PlacementRequest overMem = PlacementRequest.builder("big", "all").resources(11900, 15873).build();
    assertThat(plan(nodes, overMem).placement(overMem).orElseThrow().failure().dimensionExhausted()).containsExactly("memory", 1);
  }

  @Test
  void fleetNodesCarryNomadsAttributes() {
    List<NodeSpec> nodes = FleetNodes.of(List.of(Nodes.group("clients-arm", "us-east-2", Nodes.M6G_LARGE, 1, 3, 5, "arm")), Sizing.DESIRED);

    assertThat(nodes.stream().map(NodeSpec::name).toList()).containsExactly("clients-arm-1", "clients-arm-2", "clients-arm-3").inOrder();
    NodeSpec second = nodes.get(1);
    assertThat(second.attribute("${node.unique.name}")).isEqualTo("clients-arm-2");
    assertThat(second.attribute("${node.datacenter}")).isEqualTo("us-east-2");
    assertThat(second.attribute("${node.class}")).isEqualTo("arm");
    assertThat(second.attribute("${attr.cpu.arch}")).isEqualTo("arm64");
    assertThat(second.attribute("${attr.platform.aws.instance-type}")).isEqualTo("m6g.large");
    assertThat(second.attribute("${attr.platform.aws.placement.availability-zone}")).isEqualTo("us-east-2b");
    assertThat(second.attribute("${meta.tier}")).isEqualTo("apps");
    assertThat(second.hostVolumes()).containsExactly("pg-data");
    assertThat(FleetNodes.of(List.of(Nodes.group("g", "us-east-2", Nodes.M6G_LARGE, 1, 3, 5, "arm")), Sizing.MIN)).hasSize(1);
    assertThat(FleetNodes.of(List.of(Nodes.group("g", "us-east-2", Nodes.M6G_LARGE, 1, 3, 5, "arm")), Sizing.MAX)).hasSize(5);
  }

  @Test
  void hostVolumesFilterNodes() {
    List<NodeSpec> nodes = List.of(node("a", "dc1", "general", 4000, 4096), Nodes.withVolumes(node("b", "dc1", "general", 4000, 4096), "pg-data"));
    PlacementRequest db = PlacementRequest.builder("db", "pg").count(2).resources(100, 100).hostVolume("pg-data").build();

    Placement p = plan(nodes, db).placement(db).orElseThrow();

    assertThat(p.nodes()).containsExactly("b", "b");
  }

  @Test
  void binpackFillsOneNodeAndSpreadAlgorithmUsesTheEmptiest() {
    List<NodeSpec> nodes = List.of(node("a", "dc1", "general", 1000, 1000), node("b", "dc1", "general", 1000, 1000));
    PlacementRequest one = PlacementRequest.builder("one", "g").resources(100, 100).build();
    PlacementRequest two = PlacementRequest.builder("two", "g").resources(100, 100).build();

    PlacementPlan packed = Planner.plan(nodes, List.of(one, two), Algorithm.BINPACK);
    assertThat(packed.placement(one).orElseThrow().nodes()).containsExactly("a");
    assertThat(packed.placement(two).orElseThrow().nodes()).containsExactly("a");

    PlacementPlan spread = Planner.plan(nodes, List.of(one, two), Algorithm.SPREAD);
    assertThat(spread.placement(one).orElseThrow().nodes()).containsExactly("a");
    assertThat(spread.placement(two).orElseThrow().nodes()).containsExactly("b");
  }

  @Test
  void jobAntiAffinityMovesTheSecondAllocationOfAGroupAway() {
    List<NodeSpec> nodes = List.of(node("a", "dc1", "general", 1000, 1000), node("b", "dc1", "general", 1000, 1000));
    PlacementRequest web = PlacementRequest.builder("web", "g").count(2).resources(100, 100).build();

    // Second placement on a: (fit 0.41 − (1+1)/2) / 2 < 0, skipped; b scores 0.23.
    assertThat(plan(nodes, web).placement(web).orElseThrow().nodes()).containsExactly("a", "b").inOrder();
  }

  @Test
  void affinityPrefersTheMatchingNode() {
    List<NodeSpec> nodes = List.of(node("a", "dc1", "general", 1000, 1000), node("b", "dc1", "fast", 1000, 1000));
    PlacementRequest web = PlacementRequest.builder("web", "g").resources(100, 100)
        .affinity(new Affinity("${node.class}", Operator.EQUAL, "fast", 50)).build();
    PlacementRequest avoid = PlacementRequest.builder("web2", "g").resources(100, 100)
        .affinity(new Affinity("${node.class}", Operator.EQUAL, "general", -100)).build();

    assertThat(plan(nodes, web).placement(web).orElseThrow().nodes()).containsExactly("b");
    assertThat(plan(nodes, avoid).placement(avoid).orElseThrow().nodes()).containsExactly("b");
  }

  @Test
  void datacenterGlobsMatch() {
    List<NodeSpec> nodes = List.of(node("a", "eu-central-1", "general", 1000, 1000), node("b", "us-east-2", "general", 1000, 1000));
    PlacementRequest web = PlacementRequest.builder("web", "g").count(2).resources(600, 100).datacenters("us-*").build();

    Placement p = plan(nodes, web).placement(web).orElseThrow();

    assertThat(p.nodes()).containsExactly("b");
    assertThat(p.failure().nodesOutsideDatacenters()).isEqualTo(1);
  }

  @Test
  void uniqueNameConstraintIsEvaluatedPerNode() {
    List<NodeSpec> nodes = List.of(node("web-1", "dc1", "general", 1000, 1000), node("web-2", "dc1", "general", 1000, 1000));
    PlacementRequest r = PlacementRequest.builder("pin", "g").count(2).resources(100, 100)
        .constraint("${node.unique.name}", "regexp", "-2$").build();

    Placement p = plan(nodes, r).placement(r).orElseThrow();

    assertThat(p.nodes()).containsExactly("web-2", "web-2");
  }

  @Test
  void sameInputGivesTheSamePlanWhateverTheRequestOrder() {
    Random random = new Random(42);
    List<NodeSpec> nodes = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      nodes.add(node("n" + i, "dc" + (i % 3), i % 4 == 0 ? "gpu" : "general", 2000 + random.nextInt(4) * 1000, 4096, "meta.rack", "r" + (i % 7)));
    }
    List<PlacementRequest> requests = new ArrayList<>();
    for (int j = 0; j < 60; j++) {
      PlacementRequest.Builder b = PlacementRequest.builder("job" + j, "g").count(1 + random.nextInt(20))
          .resources(100 + random.nextInt(900), 64 + random.nextInt(512)).priority(random.nextInt(100) + 1);
      switch (j % 5) {
        case 0 -> b.constraint("${node.class}", "=", "gpu");
        case 1 -> b.spread(new Spread("${meta.rack}", 50, List.of()));
        case 2 -> b.affinity(new Affinity("${node.datacenter}", Operator.EQUAL, "dc1", 30));
        case 3 -> b.type(JobType.BATCH);
        default -> b.staticPort(9000 + j % 3);
      }
      requests.add(b.build());
    }
    PlacementPlan first = Planner.plan(nodes, requests, Algorithm.BINPACK);
    List<PlacementRequest> shuffled = new ArrayList<>(requests);
    Collections.shuffle(shuffled, new Random(7));
    PlacementPlan second = Planner.plan(nodes, shuffled, Algorithm.BINPACK);

    assertThat(second).isEqualTo(first);
    assertThat(first.allocations()).isGreaterThan(100L);
  }

  @Test
  void eachPlacementScoresTheNextLimitNodesFromWhereTheLastStopped() {
    List<NodeSpec> nodes = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      nodes.add(node("n" + i, "dc1", "general", 1000, 1000));
    }
    PlacementRequest web = PlacementRequest.builder("a-web", "g").count(3).resources(100, 100).build();
    PlacementRequest api = PlacementRequest.builder("b-api", "g").resources(100, 100).build();

    PlacementPlan plan = plan(nodes, web, api);

    // limit = ceil(log2 8) = 3. 1st: n0..n2 tie, n0. 2nd: n3..n5, n3. 3rd: n6, n7, then n0 scores
    // (0.41 − 2/3)/2 ≤ 0 and is skipped for n1; n6 is the first of the best.
    assertThat(plan.placement(web).orElseThrow().nodes()).containsExactly("n0", "n3", "n6").inOrder();
    // a new group starts at the first node again; bin-packing prefers the used n0 over n1 and n2
    assertThat(plan.placement(api).orElseThrow().nodes()).containsExactly("n0");
  }

  @Test
  void jobLevelDistinctHostsSpansTheJobsGroups() {
    List<NodeSpec> nodes = List.of(node("a", "dc1", "general", 4000, 4096), node("b", "dc1", "general", 4000, 4096),
        node("c", "dc1", "general", 4000, 4096));
    PlacementRequest web = PlacementRequest.builder("shop", "web").count(2).resources(100, 100).constraint(Constraint.distinctHosts().onJob()).build();
    PlacementRequest api = PlacementRequest.builder("shop", "api").count(2).resources(100, 100).constraint(Constraint.distinctHosts().onJob()).build();
    PlacementRequest other = PlacementRequest.builder("zoo", "x").count(3).resources(100, 100).constraint(Constraint.distinctHosts().onJob()).build();

    PlacementPlan plan = plan(nodes, web, api, other);

    // api goes first (same job, "api" < "web"). limit = 2: a and b tie, a; then the walk goes on
    // at c, wraps past a (distinct) to b: c and b tie, c. web gets the one node left, b.
    assertThat(plan.placement(api).orElseThrow().nodes()).containsExactly("a", "c").inOrder();
    assertThat(plan.placement(web).orElseThrow().nodes()).containsExactly("b");
    assertThat(plan.placement(web).orElseThrow().failure().constraintFiltered()).containsExactly("distinct_hosts", 3);
    // another job is not affected by shop's allocations
    assertThat(plan.placement(other).orElseThrow().placed()).isEqualTo(3);

    // written on the group instead, each group gets its own distinct nodes
    PlacementRequest web2 = PlacementRequest.builder("shop", "web").count(2).resources(100, 100).constraint(Constraint.distinctHosts()).build();
    PlacementRequest api2 = PlacementRequest.builder("shop", "api").count(2).resources(100, 100).constraint(Constraint.distinctHosts()).build();
    assertThat(plan(nodes, web2, api2).complete()).isTrue();
  }

  @Test
  void jobLevelDistinctPropertyCountsEveryGroup() {
    List<NodeSpec> nodes = List.of(node("a", "dc1", "general", 4000, 4096, "meta.rack", "r1"),
        node("b", "dc1", "general", 4000, 4096, "meta.rack", "r2"));
    Constraint perRack = new Constraint("${meta.rack}", Operator.DISTINCT_PROPERTY, "1", true);
    PlacementRequest web = PlacementRequest.builder("shop", "web").resources(100, 100).constraint(perRack).build();
    PlacementRequest api = PlacementRequest.builder("shop", "api").resources(100, 100).constraint(perRack).build();
    PlacementRequest db = PlacementRequest.builder("shop", "db").resources(100, 100).constraint(perRack).build();

    PlacementPlan plan = plan(nodes, web, api, db);

    assertThat(plan.allocations()).isEqualTo(2);
    assertThat(plan.placement(web).orElseThrow().failure().constraintFiltered()).containsExactly("distinct_property ${meta.rack}", 2);
  }

  @Test
  void aFleetWithoutClientsPlacesNothingAndSaysSo() {
    PlacementRequest web = PlacementRequest.builder("web", "g").count(2).build();
    PlacementRequest logs = PlacementRequest.builder("logs", "g").type(JobType.SYSTEM).build();

    PlacementPlan plan = plan(List.of(), web, logs);

    assertThat(plan.placement(web).orElseThrow().unplaced()).isEqualTo(2);
    assertThat(plan.placement(web).orElseThrow().failure().summary()).isEqualTo("0 nodes evaluated");
    assertThat(plan.placement(logs).orElseThrow().complete()).isTrue(); // no eligible node, nothing wanted
    assertThat(CapacityReport.of(List.of(), List.of(web), Algorithm.BINPACK).suggestions().get(0).kind())
        .isEqualTo(Suggestion.Kind.NO_GROUP_FITS);
  }
}
