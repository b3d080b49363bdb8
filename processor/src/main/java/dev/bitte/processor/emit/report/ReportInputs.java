package dev.bitte.processor.emit.report;

import java.util.List;

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
