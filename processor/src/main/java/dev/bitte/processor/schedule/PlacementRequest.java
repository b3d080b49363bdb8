package dev.bitte.processor.schedule;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What one task group asks of the fleet: {@code count} allocations (one per eligible node for
 * system jobs), each needing the group's total CPU and memory, its static ports and host volumes,
 * on nodes that satisfy its constraints (job-level ones included), scored by its affinities and
 * spreads.
 *
 * @param priority Nomad's job priority (1..100, default 50): higher priority jobs are placed first
 * @param datacenters the job's datacenters; {@code *} globs as in Nomad
 * @param origin opaque to the planner: whatever the caller needs to report on the right element
 */
public record PlacementRequest(
    String namespace,
    String jobId,
    String group,
    JobType type,
    int priority,
    int count,
    List<String> datacenters,
    int cpuMhz,
    int memoryMib,
    List<Integer> staticPorts,
    List<String> hostVolumes,
    List<Constraint> constraints,
    List<Affinity> affinities,
    List<Spread> spreads,
    Object origin) {

  public PlacementRequest {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(type, "type");
    datacenters = List.copyOf(datacenters);
    staticPorts = List.copyOf(staticPorts);
    hostVolumes = List.copyOf(hostVolumes);
    constraints = List.copyOf(constraints);
    affinities = List.copyOf(affinities);
    spreads = List.copyOf(spreads);
    if (count < 0 || cpuMhz < 0 || memoryMib < 0) {
      throw new IllegalArgumentException("count, cpu and memory must not be negative");
    }
  }

  /** {@code namespace/job.group}, how reports name it. */
  public String id() {
    return namespace + "/" + jobId + "." + group;
  }

  public static Builder builder(String jobId, String group) {
    return new Builder(jobId, group);
  }

  /** Builds a request with Nomad's defaults: service, priority 50, count 1, namespace default. */
  public static final class Builder {
    private String namespace = "default";
    private final String jobId;
    private final String group;
    private JobType type = JobType.SERVICE;
    private int priority = 50;
    private int count = 1;
    private final List<String> datacenters = new ArrayList<>(List.of("*"));
    private int cpuMhz = 100;
    private int memoryMib = 300;
    private final List<Integer> staticPorts = new ArrayList<>();
    private final List<String> hostVolumes = new ArrayList<>();
    private final List<Constraint> constraints = new ArrayList<>();
    private final List<Affinity> affinities = new ArrayList<>();
    private final List<Spread> spreads = new ArrayList<>();
    private Object origin;

    private Builder(String jobId, String group) {
      this.jobId = jobId;
      this.group = group;
    }

    public Builder namespace(String v) { namespace = v; return this; }
    public Builder type(JobType v) { type = v; return this; }
    public Builder priority(int v) { priority = v; return this; }
    public Builder count(int v) { count = v; return this; }
    public Builder datacenters(String... v) { datacenters.clear(); datacenters.addAll(List.of(v)); return this; }
    public Builder resources(int cpu, int memory) { cpuMhz = cpu; memoryMib = memory; return this; }
    public Builder staticPort(int v) { staticPorts.add(v); return this; }
    public Builder hostVolume(String v) { hostVolumes.add(v); return this; }
    public Builder constraint(Constraint v) { constraints.add(v); return this; }
    public Builder constraint(String attribute, String operator, String value) { return constraint(Constraint.of(attribute, operator, value)); }
    public Builder affinity(Affinity v) { affinities.add(v); return this; }
    public Builder spread(Spread v) { spreads.add(v); return this; }
    public Builder origin(Object v) { origin = v; return this; }

    public PlacementRequest build() {
      return new PlacementRequest(namespace, jobId, group, type, priority, count, datacenters, cpuMhz, memoryMib,
          staticPorts, hostVolumes, constraints, affinities, spreads, origin);
    }
  }
}
