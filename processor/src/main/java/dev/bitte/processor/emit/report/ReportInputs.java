package dev.bitte.processor.emit.report;

import dev.bitte.processor.model.Job;
import dev.bitte.processor.model.ServiceSpec;
import dev.bitte.processor.model.TaskGroup;
import dev.bitte.processor.model.Upstream;
import dev.bitte.processor.plan.FleetPlan;
import dev.bitte.processor.schedule.CapacityReport;
import dev.bitte.processor.schedule.GroupUsage;
import dev.bitte.processor.schedule.NodeUsage;
import dev.bitte.processor.schedule.Placement;
import dev.bitte.processor.schedule.PlacementPlan;
import dev.bitte.processor.schedule.Sizing;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the report shows beyond the fleet plan: the placement of jobs on the client groups, the
 * services with their Connect upstreams, and the warnings the compile raised. These come from the
 * capacity plan and the jobs, which are planned elsewhere; {@link #EMPTY} stands for "nothing is
 * known", and the page then shows the groups' raw instance capacity without jobs.
 *
 * @param capacity one entry per client group that the capacity plan placed (by group name)
 * @param services every Consul service of the cluster's jobs
 * @param warnings the warnings of the compile, in the order they were reported
 */
public record ReportInputs(List<GroupCapacity> capacity, List<ServiceRow> services, List<String> warnings) {
  public static final ReportInputs EMPTY = new ReportInputs(List.of(), List.of(), List.of());

  public ReportInputs {
    capacity = List.copyOf(capacity);
    services = List.copyOf(services);
    warnings = List.copyOf(warnings);
  }

  /**
   * What the processor knows about a fleet with its jobs bound: the capacity plan
   * ({@link FleetPlan#capacity()}) per client group at min, desired and max (after the Nomad
   * client's reserve) with each job's use at desired (jobs by id, or {@code namespace/id} when two
   * namespaces use the id; the allocations of all its task groups summed), every service of the jobs with its Connect upstreams, and {@code warnings}.
   */
  public static ReportInputs of(FleetPlan plan, List<String> warnings) {
    CapacityReport report = plan.capacity();
    PlacementPlan desired = report.atDesired();
    Map<String, String> groupOfNode = new HashMap<>();
    for (NodeUsage n : desired.nodes()) {
      groupOfNode.put(n.name(), n.group());
    }
    // a job is named by its id, or namespace/id when another namespace has a job of the same id
    Map<String, Long> namespacesPerId = new HashMap<>();
    plan.jobs().forEach(j -> namespacesPerId.merge(j.id(), 1L, Long::sum));
    // client group -> job -> {cpu, memory}
    Map<String, Map<String, long[]>> use = new TreeMap<>();
    for (Placement p : desired.placements()) {
      String job = namespacesPerId.getOrDefault(p.request().jobId(), 1L) > 1 ? p.request().namespace() + "/" + p.request().jobId() : p.request().jobId();
      for (String node : p.nodes()) {
        long[] sum = use.computeIfAbsent(groupOfNode.get(node), k -> new TreeMap<>()).computeIfAbsent(job, k -> new long[2]);
        sum[0] += p.request().cpuMhz();
        sum[1] += p.request().memoryMib();
      }
    }
    List<GroupCapacity> capacity = new ArrayList<>();
    for (GroupUsage g : desired.groups()) {
      List<JobUsage> jobs = new ArrayList<>();
      use.getOrDefault(g.group(), Map.of()).forEach((job, sum) -> jobs.add(new JobUsage(job, new Resources(sum[0], sum[1]))));
      capacity.add(new GroupCapacity(g.group(), offered(report, Sizing.MIN, g.group()), offered(report, Sizing.DESIRED, g.group()),
          offered(report, Sizing.MAX, g.group()), jobs));
    }
    List<ServiceRow> services = new ArrayList<>();
    for (Job job : plan.jobs()) {
      String name = namespacesPerId.getOrDefault(job.id(), 1L) > 1 ? job.namespace() + "/" + job.id() : job.id();
      for (TaskGroup g : job.groups()) {
        for (ServiceSpec s : g.services()) {
          services.add(new ServiceRow(s.name(), name, s.upstreams().stream().map(Upstream::service).toList()));
        }
        for (dev.bitte.processor.model.Task t : g.tasks()) {
          for (ServiceSpec s : t.services()) {
            services.add(new ServiceRow(s.name(), name, List.of()));
          }
        }
      }
    }
    return new ReportInputs(capacity, services, warnings);
  }

  private static Resources offered(CapacityReport report, Sizing sizing, String group) {
    return report.at(sizing).group(group).map(u -> new Resources(u.cpuMhz(), u.memoryMib())).orElse(new Resources(0, 0));
  }

  /** An amount of CPU (MHz, as Nomad counts it) and memory (MiB). */
  public record Resources(long cpuMhz, long memoryMib) {
    public Resources {
      if (cpuMhz < 0 || memoryMib < 0) {
        throw new IllegalArgumentException("negative resources: " + cpuMhz + " MHz, " + memoryMib + " MiB");
      }
    }
  }

  /** What one job's allocations use on one group at desired capacity. */
  public record JobUsage(String job, Resources used) {}

  /**
   * A client group's capacity for allocations (after the Nomad client's reserved share) at min,
   * desired and max, and what each job uses on it at desired.
   */
  public record GroupCapacity(String group, Resources atMin, Resources atDesired, Resources atMax, List<JobUsage> jobs) {
    public GroupCapacity {
      jobs = List.copyOf(jobs);
    }
  }

  /** A Consul service, the job that registers it and the services it reaches through Connect. */
  public record ServiceRow(String service, String job, List<String> upstreams) {
    public ServiceRow {
      upstreams = List.copyOf(upstreams);
    }
  }
}
