package dev.bitte.processor.model;

import dev.bitte.NetworkMode;
import dev.bitte.processor.diag.Source;
import java.util.List;

/** A {@code @Group} of a job as written, with its tasks. */
public record TaskGroup(
    String name,
    int count,
    String nodeClass,
    NetworkMode network,
    List<Port> ports,
    List<ServiceSpec> services,
    List<ConstraintSpec> constraints,
    List<ConstraintSpec> affinities,
    List<SpreadSpec> spreads,
    List<VolumeSpec> volumes,
    List<UpdateSpec> update,
    List<MigrateSpec> migrate,
    List<RestartSpec> restart,
    List<RescheduleSpec> reschedule,
    int ephemeralDiskMb,
    List<KeyValue> meta,
    List<Task> tasks,
    Source source) {

  public TaskGroup {
    ports = List.copyOf(ports);
    services = List.copyOf(services);
    constraints = List.copyOf(constraints);
    affinities = List.copyOf(affinities);
    spreads = List.copyOf(spreads);
    volumes = List.copyOf(volumes);
    update = List.copyOf(update);
    migrate = List.copyOf(migrate);
    restart = List.copyOf(restart);
    reschedule = List.copyOf(reschedule);
    meta = List.copyOf(meta);
    tasks = List.copyOf(tasks);
  }

  /** Nomad's default Envoy sidecar task resources ({@code sidecar_task.resources}), counted for Connect groups. */
  public static final int SIDECAR_CPU_MHZ = 250;
  /** Memory of Nomad's default Envoy sidecar task, in MiB. */
  public static final int SIDECAR_MEMORY_MIB = 128;

  /**
   * The CPU one allocation reserves, in MHz, on an instance whose vCPUs run at {@code clockMhz}:
   * the tasks' {@code cpu} (or {@code cores} × the clock), plus the Connect sidecar's.
   */
  public int cpuMhzAt(int clockMhz) {
    return tasks.stream().mapToInt(t -> t.cpuMhzAt(clockMhz)).sum() + (usesConnect() ? SIDECAR_CPU_MHZ : 0);
  }

  /** The memory one allocation reserves, in MiB: the tasks' memory plus the Connect sidecar's. */
  public int memoryMibNeeded() {
    return memoryMb() + (usesConnect() ? SIDECAR_MEMORY_MIB : 0);
  }

  /** Whether any task reserves whole cores (whose MHz depend on the instance's clock). */
  public boolean usesCores() {
    return tasks.stream().anyMatch(t -> t.cores() > 0);
  }

  /** Whether any service joins the Connect mesh (so the group needs a bridge network and a sidecar). */
  public boolean usesConnect() {
    return services.stream().anyMatch(ServiceSpec::connect);
  }

  /** The sum of the tasks' memory in MiB (the reservation, not the burst). */
  public int memoryMb() {
    return tasks.stream().mapToInt(Task::memoryMb).sum();
  }
}
