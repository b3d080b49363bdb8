package dev.bitte.processor.schedule;

import dev.bitte.processor.model.ConstraintSpec;
import dev.bitte.processor.model.Job;
import dev.bitte.processor.model.Port;
import dev.bitte.processor.model.SpreadSpec;
import dev.bitte.processor.model.TaskGroup;
import dev.bitte.processor.model.VolumeSpec;
import dev.bitte.processor.plan.FleetPlan;
import dev.bitte.processor.plan.GroupPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The adapter from the job model to the planner: one {@link PlacementRequest} per task group of
 * every job bound to a plan, in the plan's job order (namespace, id), then group order.
 *
 * <ul>
 *   <li>namespace, job id, group name, type and priority as written; {@code count} as written
 *       (the planner ignores it for system jobs, which get one allocation per eligible node);
 *   <li>datacenters: the job's, or every region of the fleet when it names none;
 *   <li>CPU: the sum of the tasks' {@code cpu} in MHz, plus Nomad's default Connect sidecar
 *       (250 MHz, 128 MiB) when a service of the group uses Connect. A task that reserves
 *       {@code cores} gets {@code cores ×} the clock of the <em>slowest</em> instance type among
 *       the client groups it can land on: a request has one size, while Nomad charges
 *       {@code cores ×} each node's own clock. This is the optimistic choice (it never reports a
 *       group unschedulable that Nomad could place on the slowest eligible type); on a faster
 *       type the real reservation is larger than the plan shows, and the
 *       {@code bitte:group-fit} rule has already checked one allocation against every eligible
 *       type with its own clock;
 *   <li>memory: the sum of the tasks' {@code memoryMb} (the reservation, not {@code memoryMaxMb}),
 *       plus the sidecar's;
 *   <li>static ports (dynamic ones never conflict) and the host volumes of the group's volumes;
 *   <li>constraints: the group's node class as {@code ${node.class} = <class>}, then its
 *       {@code @Constraint}s; affinities and spreads as written ({@code @Spread} has no targets:
 *       an even spread);
 *   <li>{@code origin}: the group's {@link dev.bitte.processor.diag.Source}, so diagnostics point at
 *       its {@code @Group} annotation.
 * </ul>
 */
public final class JobRequests {
  private JobRequests() {}

  /** Every task group of every job bound to {@code plan}. */
  public static List<PlacementRequest> of(FleetPlan plan) {
    List<PlacementRequest> out = new ArrayList<>();
    for (Job job : plan.jobs()) {
      for (TaskGroup g : job.groups()) {
        out.add(of(plan, job, g));
      }
    }
    return List.copyOf(out);
  }

  /** The request of one task group. */
  public static PlacementRequest of(FleetPlan plan, Job job, TaskGroup g) {
    List<Integer> ports = g.ports().stream().filter(Port::isStatic).map(Port::value).toList();
    List<String> volumes = g.volumes().stream().map(VolumeSpec::source).distinct().toList();
    List<Constraint> constraints = new ArrayList<>();
    if (!g.nodeClass().isEmpty()) {
      constraints.add(new Constraint("${node.class}", Operator.EQUAL, g.nodeClass()));
    }
    // The job's blocks apply to every group, the group's own follow (as Nomad merges them).
    for (ConstraintSpec c : job.constraints()) {
      constraints.add(Constraint.of(c.attribute(), c.operator(), c.value()).onJob());
    }
    for (ConstraintSpec c : g.constraints()) {
      constraints.add(Constraint.of(c.attribute(), c.operator(), c.value()));
    }
    List<Affinity> affinities = new ArrayList<>();
    for (ConstraintSpec a : concat(job.affinities(), g.affinities())) {
      affinities.add(new Affinity(a.attribute(), Operator.parse(a.operator()).orElseThrow(
          () -> new IllegalArgumentException("unknown affinity operator \"" + a.operator() + "\"")), a.value(), a.weight()));
    }
    List<Spread> spreads = new ArrayList<>();
    for (SpreadSpec s : concat(job.spreads(), g.spreads())) {
      spreads.add(new Spread(s.attribute(), s.weight(), s.targets().stream().map(t -> new Spread.Target(t.value(), t.percent())).toList()));
    }
    return new PlacementRequest(job.namespace(), job.id(), g.name(), JobType.valueOf(job.type().name()), job.priority(), g.count(),
        job.datacentersIn(plan.regionNames()), cpuMhz(plan, job, g), g.memoryMibNeeded(), ports, volumes, constraints, affinities,
        spreads, g.source());
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  /**
   * The group's CPU in MHz: {@code cores} are counted at the slowest clock among the instance
   * types of the client groups it can land on (at the slowest of the fleet's client groups when
   * none is eligible, which the placement then reports anyway).
   */
  static int cpuMhz(FleetPlan plan, Job job, TaskGroup g) {
    if (!g.usesCores()) {
      return g.cpuMhzAt(0);
    }
    List<GroupPlan> eligible = plan.eligibleGroups(job, g);
    List<GroupPlan> candidates = eligible.isEmpty() ? plan.groups() : eligible;
    int clock = candidates.stream().mapToInt(c -> c.instance().clockMhz()).min().orElse(1000);
    return g.cpuMhzAt(clock);
  }

  /** The planner's algorithm for a fleet's {@code @Cluster(scheduler)}. */
  public static Algorithm algorithm(dev.bitte.SchedulerAlgorithm scheduler) {
    return Algorithm.valueOf(scheduler.name().toUpperCase(Locale.ROOT));
  }
}
