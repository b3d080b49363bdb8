package dev.bitte.processor.schedule;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of planning a set of requests on a set of nodes.
 *
 * @param placements one per request, in the order the planner placed them (see {@link Planner})
 * @param nodes every node, in the order given
 * @param groups every client group, sorted by name
 */
public record PlacementPlan(Algorithm algorithm, List<Placement> placements, List<NodeUsage> nodes, List<GroupUsage> groups) {
  public PlacementPlan {
    placements = List.copyOf(placements);
    nodes = List.copyOf(nodes);
    groups = List.copyOf(groups);
  }

  public boolean complete() {
    return placements.stream().allMatch(Placement::complete);
  }

  public List<Placement> failures() {
    return placements.stream().filter(p -> !p.complete()).toList();
  }

  public Optional<Placement> placement(PlacementRequest request) {
    return placements.stream().filter(p -> p.request() == request).findFirst();
  }

  public Optional<GroupUsage> group(String name) {
    return groups.stream().filter(g -> g.group().equals(name)).findFirst();
  }

  public long allocations() {
    return placements.stream().mapToLong(Placement::placed).sum();
  }
}
