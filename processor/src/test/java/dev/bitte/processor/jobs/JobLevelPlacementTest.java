package dev.bitte.processor.jobs;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.bitte.processor.jobs.JobFixtures.compile;
import static dev.bitte.processor.jobs.JobFixtures.simple;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.testing.compile.Compilation;
import dev.bitte.processor.testing.Hcl2Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code @Job(constraints, affinities, spreads)}: written as job-level blocks (HashiCorp's parser
 * reads them back there), checked like a group's (errors on the job's attribute), and applied to
 * every group when the capacity plan places the job.
 */
class JobLevelPlacementTest {
  @Test
  void jobLevelBlocksAreWrittenOnTheJobAndParse(@TempDir Path dir) throws IOException {
    Compilation c = compile(simple("constraints = @Constraint(attribute = \"${attr.kernel.name}\", value = \"linux\"), "
        + "affinities = @Affinity(attribute = \"${node.datacenter}\", value = \"eu-central-1\", weight = 40), "
        + "spreads = @Spread(attribute = \"${node.datacenter}\", weight = 60)",
        "constraints = @Constraint(attribute = \"${attr.os.name}\", value = \"nixos\")"));
    assertThat(c).succeededWithoutWarnings();
    Path hcl = Files.writeString(dir.resolve("simple.nomad.hcl"), JobFixtures.generated(c, "bitte/testnet/nomad/default/simple.nomad.hcl"));

    JsonNode job = Hcl2Json.parseAll(List.of(hcl)).values().iterator().next().get("job").get("simple").get(0);

    assertThat(job.get("constraint").size()).isEqualTo(1);
    assertThat(job.get("constraint").get(0).get("attribute").asText()).contains("attr.kernel.name");
    assertThat(job.get("constraint").get(0).get("value").asText()).isEqualTo("linux");
    assertThat(job.get("affinity").get(0).get("weight").asInt()).isEqualTo(40);
    assertThat(job.get("spread").get(0).get("weight").asInt()).isEqualTo(60);
    JsonNode group = job.get("group").get("main").get(0);
    assertThat(group.get("constraint").size()).isEqualTo(1);
    assertThat(group.get("constraint").get(0).get("attribute").asText()).contains("attr.os.name");
    assertThat(group.has("affinity")).isFalse();
    assertThat(group.has("spread")).isFalse();
  }

  @Test
  void aJobLevelOperatorNomadDoesNotKnowIsReportedOnTheJob() {
    JavaFileObject src = simple("constraints = @Constraint(attribute = \"${attr.kernel.name}\", operator = \"~=\", value = \"linux\")", "");
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("[bitte:constraint] constraint of job \"simple\" has operator \"~=\"");
    assertThat(c).hadErrorContaining("[bitte:constraint]").inFile(src).onLineContaining("@Job(");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void aJobLevelSpreadOutOfRangeIsReportedOnTheJob() {
    JavaFileObject src = simple("spreads = @Spread(attribute = \"${node.datacenter}\", weight = 0)", "");
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("spread of job \"simple\" has weight 0");
    assertThat(c).hadErrorContaining("[bitte:constraint]").inFile(src).onLineContaining("@Job(");
  }

  @Test
  void spreadTargetsAreCheckedOnTheirAttributes() {
    JavaFileObject twice = simple("", "spreads = @Spread(attribute = \"${node.datacenter}\", targets = {"
        + "@SpreadTarget(value = \"eu-central-1\", percent = 50), @SpreadTarget(value = \"eu-central-1\", percent = 10)})");
    Compilation c = compile(twice);
    assertThat(c).hadErrorContaining("spread target of group \"simple.main\" has value \"eu-central-1\", empty or named twice");
    assertThat(c).hadErrorCount(1);

    JavaFileObject over = simple("spreads = @Spread(attribute = \"${node.datacenter}\", targets = {"
        + "@SpreadTarget(value = \"eu-central-1\", percent = 80), @SpreadTarget(value = \"us-east-2\", percent = 30)})", "");
    Compilation c2 = compile(over);
    assertThat(c2).hadErrorContaining("spread targets of job \"simple\" over ${node.datacenter} add up to 110%");
    assertThat(c2).hadErrorContaining("[bitte:constraint]").inFile(over).onLineContaining("@Job(");
    assertThat(c2).hadErrorCount(1);

    JavaFileObject negative = simple("", "spreads = @Spread(attribute = \"${node.datacenter}\", targets = "
        + "@SpreadTarget(value = \"eu-central-1\", percent = -5))");
    assertThat(compile(negative)).hadErrorContaining("has percent -5, outside 0-100");
  }

  @Test
  void aSpreadTargetOfAllAllocationsKeepsThemInThatDatacenter() throws IOException {
    // 100 % on us-east-2: every allocation of the group is placed on the us client group.
    Compilation c = compile(simple("", "count = 4, nodeClass = \"general\", spreads = @Spread(attribute = \"${node.datacenter}\", weight = 100, "
        + "targets = @SpreadTarget(value = \"us-east-2\", percent = 100))"));
    assertThat(c).succeededWithoutWarnings();
    JsonNode manifest = new com.fasterxml.jackson.databind.ObjectMapper().readTree(JobFixtures.generated(c, "bitte/testnet/manifest.json"));
    JsonNode nodes = manifest.at("/capacity/jobs").get("default/simple.main").get("nodes");
    List<String> names = new java.util.ArrayList<>();
    nodes.fieldNames().forEachRemaining(names::add);
    assertThat(names).isNotEmpty();
    assertThat(names.stream().allMatch(n -> n.startsWith("clients-us-"))).isTrue();
    assertThat(manifest.at("/capacity/jobs").get("default/simple.main").get("placed").asInt()).isEqualTo(4);
    // Without the target the same spread puts allocations in both datacenters.
    Compilation even = compile(simple("", "count = 4, nodeClass = \"general\", spreads = @Spread(attribute = \"${node.datacenter}\", weight = 100)"));
    JsonNode evenNodes = new com.fasterxml.jackson.databind.ObjectMapper().readTree(JobFixtures.generated(even, "bitte/testnet/manifest.json"))
        .at("/capacity/jobs").get("default/simple.main").get("nodes");
    List<String> evenNames = new java.util.ArrayList<>();
    evenNodes.fieldNames().forEachRemaining(evenNames::add);
    assertThat(evenNames.stream().anyMatch(n -> n.startsWith("clients-eu-"))).isTrue();
  }

  @Test
  void aJobLevelConstraintNoNodeMeetsMakesEveryGroupUnschedulable() {
    JavaFileObject src = simple("constraints = @Constraint(attribute = \"${attr.cpu.arch}\", value = \"arm64\")", "count = 2");
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("[bitte:unschedulable]");
    assertThat(c).hadErrorContaining("${attr.cpu.arch} = arm64");
    // The same constraint on the group: the same verdict.
    Compilation onGroup = compile(simple("", "count = 2, constraints = @Constraint(attribute = \"${attr.cpu.arch}\", value = \"arm64\")"));
    assertThat(onGroup).hadErrorContaining("[bitte:unschedulable]");
  }
}
