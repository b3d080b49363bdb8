package dev.bitte.processor.validate;

import dev.bitte.processor.diag.Diagnostics;
import dev.bitte.processor.diag.Rule;
import dev.bitte.processor.diag.Source;
import dev.bitte.processor.model.ClientGroup;
import dev.bitte.processor.model.Fleet;
import dev.bitte.processor.plan.FleetPlan;
import dev.bitte.processor.plan.GroupPlan;
import dev.bitte.processor.schedule.CapacityReport;
import dev.bitte.processor.schedule.GroupUsage;
import dev.bitte.processor.schedule.Placement;
import dev.bitte.processor.schedule.PlacementRequest;
import dev.bitte.processor.schedule.Suggestion;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The capacity rules, over a plan with every valid job of its cluster bound
 * ({@link FleetPlan#withJobs}, which places them: {@link FleetPlan#capacity()}):
 *
 * <ul>
 *   <li>{@code bitte:unschedulable} (error, on the {@code @Group}'s {@code count}): a task group
 *       whose allocations do not all fit at desired nor with every client group at max;
 *   <li>{@code bitte:fits-only-at-max} (warning, same place): they fit only beyond desired;
 *   <li>{@code bitte:utilization} (warning, on the client group's {@code desired}): a client
 *       group's CPU or memory use at desired is above {@code @Cluster(utilizationWarningPercent)}.
 * </ul>
 *
 * Placement requests carry their group's {@link Source} as their origin
 * ({@link dev.bitte.processor.schedule.JobRequests}).
 */
public final class CapacityValidator {
  private final Diagnostics diagnostics;

  public CapacityValidator(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  public void validate(FleetPlan plan) {
    validate(plan, plan.fleet());
  }

  /**
   * As {@link #validate(FleetPlan)}, pointing client-group warnings at the groups of
   * {@code declared}: the same fleet read again in the last round, whose annotation mirrors still
   * match the source (javac re-attributes trees between rounds).
   */
  public void validate(FleetPlan plan, Fleet declared) {
    CapacityReport report = plan.capacity();
    List<Placement> failed = report.atDesired().failures().stream()
        .sorted(Comparator.comparing((Placement p) -> p.request().namespace()).thenComparing(p -> p.request().jobId())
            .thenComparing(p -> p.request().group()))
        .toList();
    for (Placement p : failed) {
      PlacementRequest r = p.request();
      Source src = r.origin() instanceof Source s ? s : Source.NONE;
      Source at = r.type().isSystem() ? src : src.at("count");
      String subject = "group \"" + r.group() + "\" of job \"" + r.jobId() + "\" (namespace " + r.namespace() + ")";
      Placement atMax = report.atMax().placement(r).orElseThrow();
      if (atMax.complete()) {
        diagnostics.warning(Rule.FITS_ONLY_AT_MAX, at, subject + " fits only when the client groups grow beyond desired: "
            + p.placed() + " of " + p.wanted() + " allocations placed at desired (" + p.failure().summary() + "), all "
            + atMax.wanted() + " at max. Until the groups scale up the rest stay pending."
            + fixes(report, r, " Fix: "));
      } else {
        diagnostics.error(Rule.UNSCHEDULABLE, at, subject + " does not fit the fleet, not even with every client group at max ("
            + atMax.placed() + " of " + atMax.wanted() + " placed): " + report.unschedulableMessage(p)
            + (report.suggestions(r).isEmpty() ? ". Lower the group's count, its tasks' cpu or memory, or add client groups it can run on." : "."));
      }
    }
    int threshold = plan.fleet().utilizationWarningPercent();
    for (GroupUsage g : report.groupsAbove(threshold)) {
      GroupPlan group = plan.groups().stream().filter(x -> x.name().equals(g.group())).findFirst().orElseThrow();
      Source declaredAt = declared.groups().stream().filter(x -> x.name().equals(g.group())).findFirst()
          .map(ClientGroup::source).orElse(group.group().source());
      diagnostics.warning(Rule.UTILIZATION, declaredAt.at("desired"), "client group " + g.group() + " is "
          + percent(Math.max(g.cpuPercent(), g.memoryPercent())) + "% used at desired (" + g.nodes() + " nodes: CPU "
          + g.cpuUsedMhz() + " of " + g.cpuMhz() + " MHz, " + percent(g.cpuPercent()) + "%; memory " + g.memoryUsedMib() + " of "
          + g.memoryMib() + " MiB, " + percent(g.memoryPercent()) + "%), above the cluster's utilizationWarningPercent of " + threshold
          + ": little room for canaries, rescheduling after a node fails, or growth. Raise desired (now " + group.group().desired()
          + "), use a larger instance type, or raise @Cluster(utilizationWarningPercent).");
    }
  }

  private static String fixes(CapacityReport report, PlacementRequest r, String prefix) {
    List<Suggestion> s = report.suggestions(r);
    return s.isEmpty() ? "" : prefix + s.stream().map(Suggestion::message).collect(Collectors.joining(", or ")) + ".";
  }

  /** One decimal, so 85.04% above 85 does not print as 85. */
  private static String percent(double p) {
    return String.format(Locale.ROOT, "%.1f", p);
  }
}
