package dev.bitte.processor.schedule;

import dev.bitte.processor.plan.GroupPlan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fleet's client groups planned at {@code min}, {@code desired} and {@code max} size, with
 * suggestions for the groups that do not fit at {@code desired}.
 */
public record CapacityReport(PlacementPlan atMin, PlacementPlan atDesired, PlacementPlan atMax, List<Suggestion> suggestions) {
  /** Re-plans tried per client group when searching the smallest size that fits. */
  static final int MAX_SEARCH_STEPS = 40;

  public CapacityReport {
    suggestions = List.copyOf(suggestions);
  }

  public static CapacityReport of(List<GroupPlan> groups, List<PlacementRequest> requests, Algorithm algorithm) {
    PlacementPlan min = Planner.plan(FleetNodes.of(groups, Sizing.MIN), requests, algorithm);
    PlacementPlan desired = Planner.plan(FleetNodes.of(groups, Sizing.DESIRED), requests, algorithm);
    PlacementPlan max = Planner.plan(FleetNodes.of(groups, Sizing.MAX), requests, algorithm);
    List<Suggestion> suggestions = new ArrayList<>();
    for (Placement failed : desired.failures()) {
      suggestions.addAll(suggest(groups, requests, algorithm, failed));
    }
    return new CapacityReport(min, desired, max, suggestions);
  }

  public PlacementPlan at(Sizing sizing) {
    return switch (sizing) {
      case MIN -> atMin;
      case DESIRED -> atDesired;
      case MAX -> atMax;
    };
  }

  /** Whether the request's allocations do not all fit at {@code desired} but do at {@code max}. */
  public boolean fitsOnlyAtMax(PlacementRequest request) {
    return !atDesired.placement(request).orElseThrow().complete() && atMax.placement(request).orElseThrow().complete();
  }

  public List<Suggestion> suggestions(PlacementRequest request) {
    return suggestions.stream().filter(s -> s.request() == request).toList();
  }

  /**
   * The text of an "unschedulable" diagnostic for a group that does not fit at desired, e.g.
   * {@code 6 of 10 allocations of default/web.app placed at desired; 2 nodes evaluated; cpu
   * exhausted on 2 nodes. Fix: raise desired of group clients-eu to 4, or lower count to 6}.
   */
  public String unschedulableMessage(Placement failed) {
    StringBuilder out = new StringBuilder();
    out.append(failed.placed()).append(" of ").append(failed.wanted()).append(" allocations of ").append(failed.request().id())
        .append(" placed at desired; ").append(failed.failure().summary());
    List<Suggestion> fixes = suggestions(failed.request());
    if (!fixes.isEmpty()) {
      out.append(". Fix: ").append(fixes.stream().map(Suggestion::message).collect(java.util.stream.Collectors.joining(", or ")));
    }
    return out.toString();
  }

  /** Client groups whose CPU or memory use at desired is above {@code percent}. */
  public List<GroupUsage> groupsAbove(double percent) {
    return atDesired.groups().stream().filter(g -> g.cpuPercent() > percent || g.memoryPercent() > percent).toList();
  }

  /**
   * For one group that failed at desired: per client group that could run one of its allocations,
   * the smallest desired size that places them all (others unchanged), then the largest count that
   * fits as the fleet is.
   */
  static List<Suggestion> suggest(List<GroupPlan> groups, List<PlacementRequest> requests, Algorithm algorithm, Placement failed) {
    PlacementRequest r = failed.request();
    List<Suggestion> out = new ArrayList<>();
    if (!r.type().isSystem()) {
      for (GroupPlan g : groups.stream().sorted(Comparator.comparing(GroupPlan::name)).toList()) {
        if (!Planner.fitsEmpty(FleetNodes.node(g, 1), r)) {
          continue;
        }
        int desired = g.group().desired();
        int size = smallestSize(groups, requests, algorithm, r, g, desired, failed.unplaced());
        if (size > 0) {
          String msg = "raise desired of group " + g.name() + " to " + size
              + (size > g.group().max() ? " (and max from " + g.group().max() + " to at least " + size + ")" : "");
          out.add(new Suggestion(r, Suggestion.Kind.RAISE_DESIRED, g.name(), size, msg));
        }
      }
      out.sort(Comparator.comparingInt(s -> s.value() - desiredOf(groups, s.group())));
      int k = failed.placed();
      while (k > 0) {
        PlacementRequest smaller = withCount(r, k);
        List<PlacementRequest> changed = requests.stream().map(x -> x == r ? smaller : x).toList();
        PlacementPlan p = Planner.plan(FleetNodes.of(groups, Sizing.DESIRED), changed, algorithm);
        if (p.complete() || p.placement(smaller).orElseThrow().complete()) {
          out.add(new Suggestion(r, Suggestion.Kind.LOWER_COUNT, "", k, "lower count to " + k));
          break;
        }
        k--;
      }
    }
    if (out.isEmpty() && groups.stream().noneMatch(g -> Planner.fitsEmpty(FleetNodes.node(g, 1), r))) {
      out.add(new Suggestion(r, Suggestion.Kind.NO_GROUP_FITS, "", 0,
          "no client group can run one allocation of " + r.cpuMhz() + " MHz and " + r.memoryMib() + " MiB with these constraints"));
    }
    return out;
  }

  private static int desiredOf(List<GroupPlan> groups, String name) {
    return groups.stream().filter(g -> g.name().equals(name)).findFirst().map(g -> g.group().desired()).orElse(0);
  }

  /** The smallest size of {@code g} above {@code desired} at which {@code r} is fully placed, or -1. */
  private static int smallestSize(List<GroupPlan> groups, List<PlacementRequest> requests, Algorithm algorithm,
      PlacementRequest r, GroupPlan g, int desired, int unplaced) {
    int lo = desired; // fails
    int hi = desired + Math.max(1, unplaced);
    int steps = 0;
    while (!fits(groups, requests, algorithm, r, g, hi)) {
      if (++steps > MAX_SEARCH_STEPS / 2) {
        return -1;
      }
      lo = hi;
      hi = desired + (hi - desired) * 2;
    }
    while (hi - lo > 1 && steps++ < MAX_SEARCH_STEPS) {
      int mid = lo + (hi - lo) / 2;
      if (fits(groups, requests, algorithm, r, g, mid)) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return hi;
  }

  private static boolean fits(List<GroupPlan> groups, List<PlacementRequest> requests, Algorithm algorithm, PlacementRequest r, GroupPlan g, int size) {
    Map<String, Integer> counts = new HashMap<>();
    for (GroupPlan x : groups) {
      counts.put(x.name(), x.group().desired());
    }
    counts.put(g.name(), size);
    return Planner.plan(FleetNodes.of(groups, counts), requests, algorithm).placement(r).orElseThrow().complete();
  }

  static PlacementRequest withCount(PlacementRequest r, int count) {
    return new PlacementRequest(r.namespace(), r.jobId(), r.group(), r.type(), r.priority(), count, r.datacenters(), r.cpuMhz(),
        r.memoryMib(), r.staticPorts(), r.hostVolumes(), r.constraints(), r.affinities(), r.spreads(), r.origin());
  }
}
