package dev.bitte.processor.schedule;

import static com.google.common.truth.Truth.assertThat;
import static dev.bitte.processor.schedule.Nodes.node;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The planner's fitness against the values Nomad's own tests expect. */
class NomadScoresTest {
  @Test
  void bestFitV3AsInNomadsScoreFitTests() {
    // nomad/structs funcs_test: node 4096 MHz / 8192 MiB with 2048 / 4096 reserved.
    assertThat(Planner.fitness(Algorithm.BINPACK, 2048, 4096, 2048, 4096)).isWithin(1e-9).of(18.0);
    assertThat(Planner.fitness(Algorithm.SPREAD, 2048, 4096, 2048, 4096)).isWithin(1e-9).of(0.0);
    assertThat(Planner.fitness(Algorithm.BINPACK, 2048, 4096, 0, 0)).isWithin(1e-9).of(0.0);
    assertThat(Planner.fitness(Algorithm.SPREAD, 2048, 4096, 0, 0)).isWithin(1e-9).of(18.0);
    assertThat(Planner.fitness(Algorithm.BINPACK, 2048, 4096, 1024, 2048)).isWithin(1e-3).of(13.675);
    assertThat(Planner.fitness(Algorithm.SPREAD, 2048, 4096, 1024, 2048)).isWithin(1e-3).of(4.325);
  }

  @Test
  void binPackIteratorNoExistingAlloc() {
    // scheduler rank_test TestBinPackIterator_NoExistingAlloc: a perfect fit scores 1.0, the node
    // with 3072 MHz/MiB left after its reserve scores between 0.50 and 0.60, the overloaded one is out.
    assertThat(Planner.fitness(Algorithm.BINPACK, 2048 - 1024, 2048 - 1024, 1024, 1024) / Planner.MAX_FIT_SCORE).isEqualTo(1.0);
    double half = Planner.fitness(Algorithm.BINPACK, 4096 - 1024, 4096 - 1024, 1024, 1024) / Planner.MAX_FIT_SCORE;
    assertThat(half).isAtLeast(0.50);
    assertThat(half).isAtMost(0.60);

    List<NodeSpec> nodes = List.of(node("overloaded", "dc1", "general", 1024 - 512, 1024 - 512),
        node("half", "dc1", "general", 4096 - 1024, 4096 - 1024), node("perfect", "dc1", "general", 2048 - 1024, 2048 - 1024));
    PlacementRequest web = PlacementRequest.builder("web", "g").resources(1024, 1024).build();
    assertThat(Planner.plan(nodes, List.of(web), Algorithm.BINPACK).placement(web).orElseThrow().nodes()).containsExactly("perfect");
  }

  @Test
  void binPackIteratorMixedReserve() {
    // rank_test TestBinPackIterator_NoExistingAlloc_MixedReserve: ask 1000; scores rank
    // no-reserved (1100) > reserved (2000 − 800) > reserved2 (2000 − 500); 900 is overloaded.
    double noReserved = Planner.fitness(Algorithm.BINPACK, 1100, 1100, 1000, 1000);
    double reserved = Planner.fitness(Algorithm.BINPACK, 1200, 1200, 1000, 1000);
    double reserved2 = Planner.fitness(Algorithm.BINPACK, 1500, 1500, 1000, 1000);
    assertThat(noReserved).isGreaterThan(reserved);
    assertThat(reserved).isGreaterThan(reserved2);

    List<NodeSpec> nodes = List.of(node("reserved2", "dc1", "g", 1500, 1500), node("overloaded", "dc1", "g", 900, 900),
        node("reserved", "dc1", "g", 1200, 1200), node("no-reserved", "dc1", "g", 1100, 1100));
    PlacementRequest web = PlacementRequest.builder("web", "g").resources(1000, 1000).build();
    // Like Nomad, a service placement scores only the first ceil(log2(4)) = 2 nodes that fit:
    // reserved2 and reserved; the better no-reserved node comes later and is not looked at.
    assertThat(Planner.plan(nodes, List.of(web), Algorithm.BINPACK).placement(web).orElseThrow().nodes()).containsExactly("reserved");
    List<NodeSpec> reordered = List.of(nodes.get(0), nodes.get(3), nodes.get(1), nodes.get(2));
    assertThat(Planner.plan(reordered, List.of(web), Algorithm.BINPACK).placement(web).orElseThrow().nodes()).containsExactly("no-reserved");
  }
}
