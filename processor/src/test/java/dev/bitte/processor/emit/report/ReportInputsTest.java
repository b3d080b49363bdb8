package dev.bitte.processor.emit.report;

import static com.google.common.truth.Truth.assertThat;

import com.google.testing.compile.JavaFileObjects;
import dev.bitte.processor.PlanFixtures;
import dev.bitte.processor.emit.report.ReportInputs.GroupCapacity;
import dev.bitte.processor.emit.report.ReportInputs.JobUsage;
import dev.bitte.processor.plan.FleetPlan;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** What the processor feeds the report page, from the placed plan. */
class ReportInputsTest {
  private static JavaFileObject job(String type, String namespace, int count, int cpu, int memory, String service) {
    return JavaFileObjects.forSourceString("test." + type, """
        package test;

        import dev.bitte.*;

        @Job(cluster = Small.class, id = "web", namespace = "%s")
        public interface %s {
          @Group(count = %d, ports = @Port(label = "http"), services = @Service(name = "%s", port = "http"))
          interface Main {
            @Task(driver = Driver.DOCKER, image = "busybox:1.36", cpu = %d, memoryMb = %d, ports = "http")
            interface Work {}
          }
        }
        """.formatted(namespace, type, count, service, cpu, memory));
  }

  @Test
  void capacityPerGroupAndJobAtDesiredAndServices() {
    FleetPlan plan = PlanFixtures.plans(
        JavaFileObjects.forSourceString("test.Small", """
            package test;

            import dev.bitte.*;

            @Cluster(name = "small", domain = "small.example.com", region = "eu-central-1", vpcCidr = "10.32.0.0/12")
            public final class Small {
              @Core(name = "core", count = 3, instanceType = "t3a.medium")
              interface Servers {}

              @AutoscalingGroup(instanceType = "c5.large", min = 1, desired = 2, max = 3)
              interface Workers {}
            }
            """),
        job("WebA", "a", 2, 300, 256, "web-a"), job("WebB", "b", 1, 500, 512, "web-b")).get(0);
    ReportInputs inputs = ReportInputs.of(plan, List.of("[bitte:x] a warning"));
    assertThat(inputs.capacity()).hasSize(1);
    GroupCapacity workers = inputs.capacity().get(0);
    assertThat(workers.group()).isEqualTo("workers");
    // c5.large: 6,800 MHz and 4,096 MiB less the 500 MHz / 512 MiB reserve, per node
    assertThat(workers.atMin()).isEqualTo(new ReportInputs.Resources(6300, 3584));
    assertThat(workers.atDesired()).isEqualTo(new ReportInputs.Resources(2 * 6300, 2 * 3584));
    assertThat(workers.atMax()).isEqualTo(new ReportInputs.Resources(3 * 6300, 3 * 3584));
    // the same id in two namespaces: named with the namespace, not merged
    assertThat(workers.jobs()).containsExactly(
        new JobUsage("a/web", new ReportInputs.Resources(600, 512)),
        new JobUsage("b/web", new ReportInputs.Resources(500, 512))).inOrder();
    assertThat(inputs.services().stream().map(s -> s.service() + "@" + s.job()).toList()).containsExactly("web-a@a/web", "web-b@b/web");
    assertThat(inputs.warnings()).containsExactly("[bitte:x] a warning");
  }
}
