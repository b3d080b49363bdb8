package dev.bitte.processor.plan;

import static com.google.common.truth.Truth.assertThat;

import dev.bitte.processor.PlanFixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Binding jobs to a plan opens their static ports on the client groups they may land on, once. */
class JobPortRulesTest {
  private static List<PortRule> jobRules(GroupPlan g) {
    return g.ports().stream().filter(r -> r.service().startsWith(JobPort.SERVICE_PREFIX)).toList();
  }

  @Test
  void sampleLogShipperMetricsPortIsOpenToTheVpcsOnEveryClientGroup() {
    FleetPlan plan = PlanFixtures.samplePlan();
    for (GroupPlan g : plan.groups()) {
      assertThat(jobRules(g)).containsExactly(
          new PortRule("job-log-shipper-syslog", 5514, 5514, "udp", Scope.VPC, plan.vpcCidrs(), "static port syslog of job ops/log-shipper"),
          new PortRule("job-log-shipper-metrics", 9598, 9598, "tcp", Scope.VPC, plan.vpcCidrs(), "static port metrics of job ops/log-shipper"))
          .inOrder();
      // after the group's own rules
      assertThat(g.ports().get(g.ports().size() - 1).service()).isEqualTo("job-log-shipper-metrics");
    }
    // every rule corresponds to a JobPort of the plan and vice versa
    assertThat(plan.jobStaticPorts().stream().map(p -> p.clientGroup() + ":" + p.port()).toList())
        .containsExactlyElementsIn(plan.groups().stream().flatMap(g -> jobRules(g).stream().map(r -> g.name() + ":" + r.fromPort())).toList());
  }

  @Test
  void rebindingReplacesTheJobRules() {
    FleetPlan plan = PlanFixtures.samplePlan();
    FleetPlan again = plan.withJobs(plan.jobs(), List.of());
    assertThat(again.groups()).isEqualTo(plan.groups());
    FleetPlan none = plan.withJobs(List.of(), List.of());
    for (GroupPlan g : none.groups()) {
      assertThat(jobRules(g)).isEmpty();
    }
    assertThat(none.capacity().atDesired().placements()).isEmpty();
  }
}
