package dev.bitte.processor.jobs;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.bitte.processor.BitteProcessor;
import java.io.IOException;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The capacity rules as the processor reports them, on a fleet small enough to place by hand:
 * one client group "workers" of c5.large (2 vCPUs at 3,400 MHz, 4,096 MiB), so each node offers
 * 6,800 − 500 = 6,300 MHz and 4,096 − 512 = 3,584 MiB after the Nomad client's reserve; min 1,
 * desired 2, max 3.
 */
class CapacityRulesTest {
  private static final String CLUSTER = """
      package test;

      import dev.bitte.*;

      @Cluster(name = "small", domain = "small.example.com", region = "eu-central-1", vpcCidr = "10.32.0.0/12"%s)
      public final class Small {
        @Core(name = "core", count = 3, instanceType = "t3a.medium")
        interface Servers {}

        %s
        @AutoscalingGroup(instanceType = "c5.large", nodeClass = "batch",
            min = 1, desired = 2, max = 3)
        interface Workers {}
      }
      """;

  static JavaFileObject cluster(String clusterAttrs, String groupAnnotations) {
    return JavaFileObjects.forSourceString("test.Small", CLUSTER.formatted(clusterAttrs, groupAnnotations));
  }

  /** A service job {@code name} with one group of {@code count} allocations of one task. */
  static JavaFileObject job(String name, int count, int cpu, int memoryMb) {
    return JavaFileObjects.forSourceString("test." + name, """
        package test;

        import dev.bitte.*;

        @Job(cluster = Small.class)
        public interface %s {
          @Group(
              count = %d)
          interface Main {
            @Task(driver = Driver.DOCKER, image = "busybox:1.36", cpu = %d, memoryMb = %d)
            interface Work {}
          }
        }
        """.formatted(name, count, cpu, memoryMb));
  }

  static Compilation compile(JavaFileObject... sources) {
    return Compiler.javac().withProcessors(new BitteProcessor()).compile(sources);
  }

  static JsonNode manifest(Compilation c) throws IOException {
    return new ObjectMapper().readTree(JobFixtures.generated(c, "bitte/small/manifest.json"));
  }

  @Test
  void groupThatDoesNotFitEvenAtMaxIsAnErrorOnItsCount() {
    // 1,024 MiB each: 3 per node (3,072 of 3,584 MiB). Desired (2 nodes) places 6 of 10, max (3 nodes) 9.
    JavaFileObject big = job("Big", 10, 1000, 1024);
    Compilation c = compile(cluster(", utilizationWarningPercent = 100", ""), big);
    assertThat(c).failed();
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadWarningCount(0);
    assertThat(c).hadErrorContaining("[bitte:unschedulable]").inFile(big).onLineContaining("count = 10");
    assertThat(c).hadErrorContaining("group \"main\" of job \"big\" (namespace default) does not fit the fleet, not even with every client group at max (9 of 10 placed)");
    assertThat(c).hadErrorContaining("6 of 10 allocations of default/big.main placed at desired; 2 nodes evaluated; memory exhausted on 2 nodes");
    // 10 allocations need 4 nodes (3 + 3 + 3 + 1); 6 fit as the fleet is
    assertThat(c).hadErrorContaining("Fix: raise desired of group workers to 4 (and max from 3 to at least 4), or lower count to 6.");
    // that nothing is rendered for the fleet: CapacityGateTest
  }

  @Test
  void groupThatFitsOnlyAtMaxIsAWarning() throws IOException {
    // 8 allocations of 1,024 MiB: 6 at desired, all 8 at max (3 nodes).
    JavaFileObject job = job("Grows", 8, 1000, 1024);
    Compilation c = compile(cluster(", utilizationWarningPercent = 100", ""), job);
    assertThat(c).succeeded();
    assertThat(c).hadWarningCount(1);
    assertThat(c).hadWarningContaining("[bitte:fits-only-at-max]").inFile(job).onLineContaining("count = 8");
    assertThat(c).hadWarningContaining("group \"main\" of job \"grows\" (namespace default) fits only when the client groups grow beyond desired: "
        + "6 of 8 allocations placed at desired (2 nodes evaluated; memory exhausted on 2 nodes), all 8 at max.");
    assertThat(c).hadWarningContaining("Fix: raise desired of group workers to 3, or lower count to 6.");
    // the fleet is still written, and its manifest shows the shortfall at desired
    JsonNode grows = manifest(c).at("/capacity/jobs/default~1grows.main");
    assertThat(grows.get("wanted").asInt()).isEqualTo(8);
    assertThat(grows.get("placed").asInt()).isEqualTo(6);
    assertThat(grows.get("placedAtMax").asInt()).isEqualTo(8);
  }

  @Test
  void busyClientGroupWarnsOnItsDesired() throws IOException {
    // 4 × 2,000 MHz: job anti-affinity puts 2 on each node (a third would fit, 6,000 of 6,300 MHz):
    // 8,000 of 12,600 MHz = 63.5%; memory 4 × 512 = 2,048 of 7,168 MiB = 28.6%.
    JavaFileObject fleet = cluster(", utilizationWarningPercent = 60", "");
    Compilation c = compile(fleet, job("Busy", 4, 2000, 512));
    assertThat(c).succeeded();
    assertThat(c).hadWarningCount(1);
    assertThat(c).hadWarningContaining("[bitte:utilization]").inFile(fleet).onLineContaining("desired = 2");
    assertThat(c).hadWarningContaining("client group workers is 63.5% used at desired (2 nodes: CPU 8000 of 12600 MHz, 63.5%; "
        + "memory 2048 of 7168 MiB, 28.6%), above the cluster's utilizationWarningPercent of 60");
    JsonNode desired = manifest(c).at("/capacity/groups/workers/desired");
    assertThat(desired.get("cpuUsedMhz").asInt()).isEqualTo(8000);
    assertThat(desired.get("cpuMhz").asInt()).isEqualTo(12600);
    assertThat(desired.get("cpuPercent").asDouble()).isEqualTo(63.5);
    assertThat(manifest(c).at("/capacity/utilizationWarningPercent").asInt()).isEqualTo(60);
    assertThat(manifest(c).at("/capacity/jobs/default~1busy.main/nodes/workers-1").asInt()).isEqualTo(2);
    assertThat(manifest(c).at("/capacity/jobs/default~1busy.main/nodes/workers-2").asInt()).isEqualTo(2);

    // the report lists the compile's warnings about this cluster
    String report = JobFixtures.generated(c, "bitte/small/report/index.html");
    assertThat(report).contains("[bitte:utilization] client group workers is 63.5% used at desired");
    assertThat(report).contains("data-group=\"workers\" data-known=\"true\"");

    // at the default threshold (85) the same fleet is quiet
    assertThat(compile(cluster("", ""), job("Busy", 4, 2000, 512))).succeededWithoutWarnings();
  }

  @Test
  void utilizationWarningCanBeSuppressedOnTheGroup() {
    Compilation c = compile(cluster(", utilizationWarningPercent = 60", "@SuppressWarnings(\"bitte:utilization\")"), job("Busy", 4, 2000, 512));
    assertThat(c).succeededWithoutWarnings();
  }

  @Test
  void schedulerAlgorithmReachesThePlanner() throws IOException {
    // Two one-allocation jobs: binpack stacks the second on the first's node, spread takes the empty one.
    Compilation binpack = compile(cluster("", ""), job("First", 1, 500, 512), job("Second", 1, 500, 512));
    assertThat(binpack).succeededWithoutWarnings();
    JsonNode b = manifest(binpack).get("capacity");
    assertThat(b.get("algorithm").asText()).isEqualTo("binpack");
    assertThat(b.at("/groups/workers/desired/allocations").asInt()).isEqualTo(2);
    String firstNode = b.at("/jobs/default~1first.main/nodes").fieldNames().next();
    assertThat(b.at("/jobs/default~1second.main/nodes").fieldNames().next()).isEqualTo(firstNode);

    Compilation spread = compile(cluster(", scheduler = SchedulerAlgorithm.SPREAD", ""), job("First", 1, 500, 512), job("Second", 1, 500, 512));
    assertThat(spread).succeededWithoutWarnings();
    JsonNode s = manifest(spread).get("capacity");
    assertThat(s.get("algorithm").asText()).isEqualTo("spread");
    // and the real cluster is told the same
    assertThat(JobFixtures.generated(spread, "bitte/small/nixos/modules/nomad-server.nix")).contains("scheduler_algorithm = \"spread\";");
    assertThat(JobFixtures.generated(binpack, "bitte/small/nixos/modules/nomad-server.nix")).contains("scheduler_algorithm = \"binpack\";");
    assertThat(s.at("/jobs/default~1second.main/nodes").fieldNames().next())
        .isNotEqualTo(s.at("/jobs/default~1first.main/nodes").fieldNames().next());
  }

  @Test
  void staticJobPortsCountAgainstTheSecurityGroupQuota() {
    // workers' rules: 5 client rules from the one VPC (serf tcp/udp, nomad-http, dynamic tcp/udp; no admin CIDRs)
    // + 55 declared CIDRs = 60, AWS's default quota. A job's static port adds one more.
    StringBuilder cidrs = new StringBuilder();
    for (int i = 0; i < 55; i++) {
      cidrs.append(i == 0 ? "" : ", ").append("\"192.0.2.").append(i).append("/32\"");
    }
    String rules = "securityRules = @SecurityRule(port = 7000, cidrs = {" + cidrs + "}),";
    JavaFileObject fleet = JavaFileObjects.forSourceString("test.Small", CLUSTER.formatted("", "").replace(
        "@AutoscalingGroup(instanceType = \"c5.large\", nodeClass = \"batch\",",
        "@AutoscalingGroup(instanceType = \"c5.large\", nodeClass = \"batch\", " + rules));
    JavaFileObject noPort = job("Plain", 1, 100, 256);
    assertThat(compile(fleet, noPort)).succeededWithoutWarnings();

    JavaFileObject withPort = JavaFileObjects.forSourceString("test.Exporter", """
        package test;

        import dev.bitte.*;

        @Job(cluster = Small.class)
        public interface Exporter {
          @Group(ports = @Port(label = "metrics", value = 9100))
          interface Main {
            @Task(driver = Driver.DOCKER, image = "prom/node-exporter:v1.8.2", ports = "metrics")
            interface Work {}
          }
        }
        """);
    Compilation c = compile(fleet, withPort);
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("[bitte:security-group-size]").inFile(fleet).onLineContaining("@AutoscalingGroup(instanceType = \"c5.large\"");
    assertThat(c).hadErrorContaining("client group \"workers\" (with the static ports of the jobs that may land on it: job-exporter-metrics 9100)"
        + " needs 61 inbound security group rules");
  }
}
