package dev.bitte.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.bitte.processor.plan.FleetPlan;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** A fleet with an unschedulable job renders nothing; once it fits, its writers get the placed plan. */
class CapacityGateTest {
  private static final JavaFileObject CLUSTER = JavaFileObjects.forSourceString("test.Small", """
      package test;

      import dev.bitte.*;

      @Cluster(name = "small", domain = "small.example.com", region = "eu-central-1", vpcCidr = "10.32.0.0/12")
      public final class Small {
        @Core(name = "core", count = 3, instanceType = "t3a.medium")
        interface Servers {}

        @AutoscalingGroup(instanceType = "c5.large", min = 1, desired = 2, max = 3)
        interface Workers {}
      }
      """);

  private static JavaFileObject job(int count) {
    return JavaFileObjects.forSourceString("test.Big", """
        package test;

        import dev.bitte.*;

        @Job(cluster = Small.class)
        public interface Big {
          @Group(count = %d)
          interface Main {
            @Task(driver = Driver.DOCKER, image = "busybox:1.36", cpu = 1000, memoryMb = 1024)
            interface Work {}
          }
        }
        """.formatted(count));
  }

  private static List<FleetPlan> rendered(int count, boolean succeeds) {
    List<FleetPlan> plans = new ArrayList<>();
    Compilation c = Compiler.javac().withProcessors(new BitteProcessor(List.of((plan, out) -> plans.add(plan)))).compile(CLUSTER, job(count));
    if (succeeds) {
      assertThat(c).succeeded();
    } else {
      assertThat(c).hadErrorContaining("[bitte:unschedulable]");
    }
    return plans;
  }

  @Test
  void unschedulableJobStopsTheFleet() {
    // 3 allocations of 1,024 MiB per node, 9 at max: 10 do not fit
    assertThat(rendered(10, false)).isEmpty();
  }

  @Test
  void fittingJobsReachTheWritersPlaced() {
    List<FleetPlan> plans = rendered(6, true);
    assertThat(plans).hasSize(1);
    FleetPlan plan = plans.get(0);
    assertThat(plan.jobs()).hasSize(1);
    assertThat(plan.capacity().atDesired().allocations()).isEqualTo(6);
    assertThat(plan.capacity().atMin().allocations()).isEqualTo(3);
    assertThat(plan.capacity().atMax().allocations()).isEqualTo(6);
  }
}
