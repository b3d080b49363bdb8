package dev.bitte.processor.schedule;

import static com.google.common.truth.Truth.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bitte.processor.plan.GroupPlan;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapacityReportTest {
  // m5.xlarge offers 11900 MHz and 15872 MiB after the reserve: 3 allocations of 3000 MHz each.
  private final GroupPlan eu = Nodes.group("clients-eu", "eu-central-1", Nodes.M5_XLARGE, 1, 2, 4, "general");
  private final GroupPlan us = Nodes.group("clients-us", "us-east-2", Nodes.M6G_LARGE, 1, 1, 2, "arm");

  @Test
  void plansAtMinDesiredAndMaxAndSuggestsTheSmallestDesired() {
    // 10 × 3000 MHz: 3 per node → 4 nodes needed; desired is 2, max is 4.
    PlacementRequest web = PlacementRequest.builder("web", "app").count(10).resources(3000, 1024).datacenters("eu-central-1").build();

    CapacityReport report = CapacityReport.of(List.of(eu, us), List.of(web), Algorithm.BINPACK);

    assertThat(report.atMin().placement(web).orElseThrow().placed()).isEqualTo(3);
    assertThat(report.atDesired().placement(web).orElseThrow().placed()).isEqualTo(6);
    assertThat(report.atMax().placement(web).orElseThrow().placed()).isEqualTo(10);
    assertThat(report.fitsOnlyAtMax(web)).isTrue();
    GroupUsage atDesired = report.atDesired().group("clients-eu").orElseThrow();
    assertThat(atDesired.nodes()).isEqualTo(2);
    assertThat(atDesired.cpuMhz()).isEqualTo(2 * 11900L);
    assertThat(atDesired.cpuUsedMhz()).isEqualTo(6 * 3000L);
    assertThat(report.atMax().group("clients-eu").orElseThrow().memoryUsedMib()).isEqualTo(10 * 1024L);

    List<Suggestion> s = report.suggestions(web);
    assertThat(s).hasSize(2);
    assertThat(s.get(0).kind()).isEqualTo(Suggestion.Kind.RAISE_DESIRED);
    assertThat(s.get(0).group()).isEqualTo("clients-eu");
    assertThat(s.get(0).value()).isEqualTo(4);
    assertThat(s.get(0).message()).isEqualTo("raise desired of group clients-eu to 4");
    assertThat(s.get(1).kind()).isEqualTo(Suggestion.Kind.LOWER_COUNT);
    assertThat(s.get(1).value()).isEqualTo(6);
    assertThat(s.get(1).message()).isEqualTo("lower count to 6");

    assertThat(report.unschedulableMessage(report.atDesired().placement(web).orElseThrow())).isEqualTo(
        "6 of 10 allocations of default/web.app placed at desired; 2 nodes evaluated (1 outside the job's datacenters);"
            + " cpu exhausted on 2 nodes. Fix: raise desired of group clients-eu to 4, or lower count to 6");
    // 18000 of 23800 MHz = 75.6 %
    assertThat(report.groupsAbove(75.0).stream().map(GroupUsage::group).toList()).containsExactly("clients-eu");
    assertThat(report.groupsAbove(76.0)).isEmpty();
  }

  @Test
  void suggestsRaisingMaxTooWhenNeeded() {
    PlacementRequest web = PlacementRequest.builder("web", "app").count(16).resources(3000, 1024).datacenters("eu-central-1").build();

    List<Suggestion> s = CapacityReport.of(List.of(eu, us), List.of(web), Algorithm.BINPACK).suggestions(web);

    assertThat(s.get(0).value()).isEqualTo(6);
    assertThat(s.get(0).message()).isEqualTo("raise desired of group clients-eu to 6 (and max from 4 to at least 6)");
  }

  @Test
  void saysSoWhenNoGroupCanRunOneAllocation() {
    PlacementRequest huge = PlacementRequest.builder("huge", "app").resources(20000, 1024).build();

    CapacityReport report = CapacityReport.of(List.of(eu, us), List.of(huge), Algorithm.BINPACK);

    assertThat(report.fitsOnlyAtMax(huge)).isFalse();
    List<Suggestion> s = report.suggestions(huge);
    assertThat(s).hasSize(1);
    assertThat(s.get(0).kind()).isEqualTo(Suggestion.Kind.NO_GROUP_FITS);
    assertThat(report.atDesired().placement(huge).orElseThrow().failure().dimensionExhausted()).containsExactly("cpu", 3);
  }

  @Test
  void aFleetThatFitsHasNoSuggestions() {
    PlacementRequest web = PlacementRequest.builder("web", "app").count(2).resources(500, 256).build();

    CapacityReport report = CapacityReport.of(List.of(eu, us), List.of(web), Algorithm.BINPACK);

    assertThat(report.atDesired().complete()).isTrue();
    assertThat(report.suggestions()).isEmpty();
  }

  @Test
  void manifestSectionHasUsageAtEverySizeAndWhereAllocationsLanded() throws Exception {
    PlacementRequest web = PlacementRequest.builder("web", "app").count(10).resources(3000, 1024).datacenters("eu-central-1").build();
    CapacityReport report = CapacityReport.of(List.of(eu, us), List.of(web), Algorithm.BINPACK);
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode();

    CapacityManifest.write(report, root);

    JsonNode c = root.get("capacity");
    assertThat(c.get("algorithm").asText()).isEqualTo("binpack");
    assertThat(c.at("/groups/clients-eu/min/nodes").asInt()).isEqualTo(1);
    assertThat(c.at("/groups/clients-eu/desired/cpuMhz").asLong()).isEqualTo(23800L);
    assertThat(c.at("/groups/clients-eu/desired/cpuUsedMhz").asLong()).isEqualTo(18000L);
    assertThat(c.at("/groups/clients-eu/max/allocations").asInt()).isEqualTo(10);
    assertThat(c.at("/groups/clients-us/desired/allocations").asInt()).isEqualTo(0);
    JsonNode job = c.get("jobs").get("default/web.app");
    assertThat(job.get("wanted").asInt()).isEqualTo(10);
    assertThat(job.get("placed").asInt()).isEqualTo(6);
    assertThat(job.at("/nodes/clients-eu-1").asInt()).isEqualTo(3);
    assertThat(job.at("/nodes/clients-eu-2").asInt()).isEqualTo(3);
    assertThat(job.get("placedAtMax").asInt()).isEqualTo(10);
    assertThat(job.get("failure").asText()).isEqualTo("2 nodes evaluated (1 outside the job's datacenters); cpu exhausted on 2 nodes");
    assertThat(job.get("suggestions").get(0).asText()).isEqualTo("raise desired of group clients-eu to 4");
  }
}
