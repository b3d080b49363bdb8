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
    restart = List.copyOf(restart);
    reschedule = List.copyOf(reschedule);
    meta = List.copyOf(meta);
    tasks = List.copyOf(tasks);
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
