package dev.bitte.processor.emit.report;

import dev.bitte.Role;
import dev.bitte.processor.diag.Diagnostics;
import dev.bitte.processor.diag.Source;
import dev.bitte.processor.emit.report.ReportInputs.GroupCapacity;
import dev.bitte.processor.emit.report.ReportInputs.JobUsage;
import dev.bitte.processor.emit.report.ReportInputs.Resources;
import dev.bitte.processor.emit.report.ReportInputs.ServiceRow;
import dev.bitte.processor.model.ClientGroup;
import dev.bitte.processor.model.CoreSpec;
import dev.bitte.processor.model.Fleet;
import dev.bitte.processor.plan.FleetPlan;
import dev.bitte.processor.plan.FleetPlanner;
import dev.bitte.processor.plan.GroupPlan;
import java.util.ArrayList;
import java.util.List;

/**
 * A generated fleet of many client groups over several regions (one with six zones), planned by
 * the real {@link FleetPlanner}, and a generated placement of many jobs on it. Names are long
 * and varied so truncation is exercised, and one job name is hostile HTML.
 */
final class SyntheticFleet {
  static final List<String> REGIONS = List.of("eu-central-1", "us-east-1", "ap-southeast-2", "sa-east-1");
  static final List<String> TYPES = List.of("m5.large", "m5.xlarge", "c5.2xlarge", "r5a.large", "t3a.medium");
  static final String HOSTILE_JOB = "<img src=x onerror=alert(1)>&\"quoted\"";

  private SyntheticFleet() {}

  static FleetPlan plan(int groupCount) {
    return plan(groupCount, REGIONS.get(0));
  }

  /** The fleet with {@code primary} as its primary region (where the core nodes live). */
  static FleetPlan plan(int groupCount, String primary) {
    List<CoreSpec> cores = List.of(
        new CoreSpec("core", Role.SERVER, 3, "t3a.medium", List.of(), List.of(), 40, List.of(), List.of(), Source.NONE),
        new CoreSpec("monitoring", Role.MONITORING, 1, "r5a.large", List.of(), List.of(), 200, List.of(), List.of(), Source.NONE),
        new CoreSpec("routing", Role.ROUTING, 1, "t3a.small", List.of(), List.of(), 40, List.of(), List.of(), Source.NONE));
    List<ClientGroup> groups = new ArrayList<>();
    for (int i = 0; i < groupCount; i++) {
      String region = REGIONS.get(i % REGIONS.size());
      String name = i % 7 == 0
          ? "clients-" + region + "-very-long-group-name-for-batch-and-analytics-workloads-" + i
          : "clients-" + i;
      int min = 1 + i % 3;
      int desired = min + i % 5;
      int max = desired + 2 + i % 11;
      groups.add(new ClientGroup(name, region, TYPES.get(i % TYPES.size()), min, desired, max, "class-" + (i % 4), List.of(), 50,
          List.of(), List.of(), List.of(), List.of(), Source.NONE));
    }
    Fleet fleet = new Fleet("synthetic-fleet", "synthetic.example.com", primary, "10.0.0.0/8", 16,
        List.of("203.0.113.0/24"), List.of(), "nixos-24.11", "synthetic-state", List.of(), List.of(), List.of(), cores, groups,
        "test", "SyntheticFleet", Source.NONE);
    Diagnostics diagnostics = new Diagnostics();
    FleetPlan plan = new FleetPlanner(diagnostics).plan(fleet);
    if (plan == null || diagnostics.hasErrors()) {
      throw new AssertionError("synthetic fleet does not plan: " + diagnostics.all());
    }
    return plan;
  }

  /**
   * {@code jobCount} jobs spread over the groups (one to 25 per group), each using a share of the
   * group's raw capacity at desired so that the whole group stays within it.
   */
  static ReportInputs inputs(FleetPlan plan, int jobCount) {
    List<GroupCapacity> capacity = new ArrayList<>();
    List<ServiceRow> services = new ArrayList<>();
    List<GroupPlan> groups = plan.groups();
    List<List<String>> jobsOf = new ArrayList<>();
    groups.forEach(g -> jobsOf.add(new ArrayList<>()));
    for (int j = 0; j < jobCount; j++) {
      String job = j == 17 ? HOSTILE_JOB : (j % 9 == 0 ? "job-" + j + "-with-a-rather-long-descriptive-name" : "job-" + j);
      // uneven: some groups get many jobs, some few
      int g = (int) ((j * 7L + (j % 13) * (long) groups.size() / 3) % groups.size());
      jobsOf.get(g).add(job);
      services.add(new ServiceRow("svc-" + j, job, j % 3 == 0 ? List.of() : List.of("svc-" + (j + 1) % jobCount, "svc-" + (j + 7) % jobCount)));
    }
    for (int g = 0; g < groups.size(); g++) {
      GroupPlan gp = groups.get(g);
      GroupCapacity raw = CapacityLayout.raw(gp);
      // the client's reserved share: 200 MHz and 256 MiB per node
      GroupCapacity avail = new GroupCapacity(gp.name(),
          minus(raw.atMin(), gp.group().min()), minus(raw.atDesired(), gp.group().desired()), minus(raw.atMax(), gp.group().max()), List.of());
      List<String> jobs = jobsOf.get(g);
      List<JobUsage> usage = new ArrayList<>();
      for (int k = 0; k < jobs.size(); k++) {
        // the jobs of a group use 30..90 % of its capacity at desired, unevenly
        double share = (0.3 + 0.6 * ((g * 31 + 7) % 10) / 10.0) / jobs.size() * (0.5 + (k % 3) * 0.5) / 1.0;
        usage.add(new JobUsage(jobs.get(k), new Resources(Math.round(avail.atDesired().cpuMhz() * share / 1.5),
            Math.round(avail.atDesired().memoryMib() * share / 1.5 * (k % 2 == 0 ? 1.2 : 0.7)))));
      }
      capacity.add(new GroupCapacity(gp.name(), avail.atMin(), avail.atDesired(), avail.atMax(), usage));
    }
    return new ReportInputs(capacity, services, List.of(
        "clients-3: utilization of CPU at desired is 91% (threshold 85%)",
        "job-42 fits only at max capacity of clients-12 <b>not bold</b>"));
  }

  private static Resources minus(Resources r, int nodes) {
    return new Resources(Math.max(0, r.cpuMhz() - 200L * nodes), Math.max(0, r.memoryMib() - 256L * nodes));
  }
}
