package dev.bitte.processor.schedule;

import static com.google.common.truth.Truth.assertThat;

import com.google.testing.compile.JavaFileObjects;
import dev.bitte.processor.PlanFixtures;
import dev.bitte.processor.diag.Source;
import dev.bitte.processor.plan.FleetPlan;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The adapter from jobs to placement requests, on the sample's jobs and on a cores job. */
class JobRequestsTest {
  private static PlacementRequest request(List<PlacementRequest> all, String id) {
    return all.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow(() -> new AssertionError(id + " in " + all));
  }

  @Test
  void sampleJobsBecomeOneRequestPerGroup() {
    FleetPlan plan = PlanFixtures.samplePlan();
    List<PlacementRequest> all = JobRequests.of(plan);
    assertThat(all.stream().map(PlacementRequest::id).toList())
        .containsExactly("apps/db.postgres", "apps/nightly-backup.dump", "apps/web.frontend", "ops/log-shipper.vector").inOrder();

    PlacementRequest web = request(all, "apps/web.frontend");
    assertThat(web.type()).isEqualTo(JobType.SERVICE);
    assertThat(web.count()).isEqualTo(3);
    assertThat(web.priority()).isEqualTo(50);
    // no datacenters written: every region of the fleet
    assertThat(web.datacenters()).containsExactly("eu-central-1", "us-east-2").inOrder();
    // 500 MHz / 256 MiB task + the Connect sidecar (an upstream implies Connect): 250 MHz / 128 MiB
    assertThat(web.cpuMhz()).isEqualTo(750);
    assertThat(web.memoryMib()).isEqualTo(384);
    // the group's class, then the job's constraint (job-level), then the group's own (none)
    assertThat(web.constraints()).containsExactly(new Constraint("${node.class}", Operator.EQUAL, "general"),
        new Constraint("${attr.kernel.name}", Operator.EQUAL, "linux", true)).inOrder();
    assertThat(web.spreads()).containsExactly(new Spread("${node.datacenter}", 50,
        List.of(new Spread.Target("eu-central-1", 67), new Spread.Target("us-east-2", 33))));
    // the origin is the group's source: diagnostics point at its @Group
    assertThat(web.origin()).isInstanceOf(Source.class);
    assertThat(((Source) web.origin()).describe()).contains("Frontend");

    PlacementRequest db = request(all, "apps/db.postgres");
    assertThat(db.priority()).isEqualTo(80);
    assertThat(db.datacenters()).containsExactly("eu-central-1");
    assertThat(db.hostVolumes()).containsExactly("pg-data");
    assertThat(db.cpuMhz()).isEqualTo(1000 + 250);
    assertThat(db.memoryMib()).isEqualTo(2048 + 128);

    PlacementRequest shipper = request(all, "ops/log-shipper.vector");
    assertThat(shipper.type()).isEqualTo(JobType.SYSTEM);
    assertThat(shipper.staticPorts()).containsExactly(9598, 5514);
    assertThat(shipper.constraints()).isEmpty();
    assertThat(shipper.cpuMhz()).isEqualTo(200);
    assertThat(shipper.memoryMib()).isEqualTo(256);

    assertThat(request(all, "apps/nightly-backup.dump").type()).isEqualTo(JobType.BATCH);
  }

  @Test
  void coresCountAtTheSlowestEligibleClock() {
    FleetPlan plan = PlanFixtures.plans(
        JavaFileObjects.forSourceString("test.Mixed", """
            package test;

            import dev.bitte.*;

            @Cluster(name = "mixed", domain = "mixed.example.com", region = "eu-central-1", vpcCidr = "10.32.0.0/12")
            public final class Mixed {
              @Core(name = "core", count = 3, instanceType = "t3a.medium")
              interface Servers {}

              // 3,400 MHz
              @AutoscalingGroup(instanceType = "c5.xlarge", nodeClass = "compute", desired = 2, max = 2)
              interface Fast {}

              // 3,100 MHz
              @AutoscalingGroup(instanceType = "m5.xlarge", nodeClass = "compute", desired = 2, max = 2)
              interface Slow {}

              // 2,500 MHz, but another class: not eligible
              @AutoscalingGroup(instanceType = "t3.medium", nodeClass = "small")
              interface Small {}
            }
            """),
        JavaFileObjects.forSourceString("test.Crunch", """
            package test;

            import dev.bitte.*;

            @Job(cluster = Mixed.class)
            public interface Crunch {
              @Group(nodeClass = "compute")
              interface Main {
                @Task(driver = Driver.DOCKER, image = "busybox:1.36", cores = 2, memoryMb = 512)
                interface Work {}

                @Task(driver = Driver.DOCKER, image = "busybox:1.36", cpu = 100, memoryMb = 64)
                interface Helper {}
              }
            }
            """)).get(0);
    PlacementRequest r = request(JobRequests.of(plan), "default/crunch.main");
    // 2 cores × 3,100 MHz (m5.xlarge, the slowest compute group) + 100 MHz
    assertThat(r.cpuMhz()).isEqualTo(2 * 3100 + 100);
    assertThat(r.memoryMib()).isEqualTo(576);
    assertThat(plan.capacity().atDesired().placement(plan.capacity().atDesired().placements().get(0).request()).orElseThrow().complete()).isTrue();
  }

  @Test
  void algorithmFollowsTheClusterSetting() {
    assertThat(JobRequests.algorithm(dev.bitte.SchedulerAlgorithm.BINPACK)).isEqualTo(Algorithm.BINPACK);
    assertThat(JobRequests.algorithm(dev.bitte.SchedulerAlgorithm.SPREAD)).isEqualTo(Algorithm.SPREAD);
  }
}
