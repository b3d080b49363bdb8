package dev.bitte.processor.schedule;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of planning a set of requests on a set of nodes: {@code placements}, one per
 * request, in the order the planner placed them (see {@link Planner}); {@code nodes}, every node
 * in the order given; {@code groups}, every client group sorted by name.
 *
 * <p>A value class rather than a record so it can index its placements by request and its groups
 * by name: the manifest and the capacity checks look up every request at min, desired and max,
 * which a scan made quadratic in the number of task groups (10,000 jobs: over a second).
 */
public final class PlacementPlan {
  private final Algorithm algorithm;
  private final List<Placement> placements;
  private final List<NodeUsage> nodes;
  private final List<GroupUsage> groups;
  private final Map<PlacementRequest, Placement> byRequest = new IdentityHashMap<>();
  private final Map<String, GroupUsage> byGroup = new HashMap<>();

  public PlacementPlan(Algorithm algorithm, List<Placement> placements, List<NodeUsage> nodes, List<GroupUsage> groups) {
    this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
    this.placements = List.copyOf(placements);
    this.nodes = List.copyOf(nodes);
    this.groups = List.copyOf(groups);
    for (Placement p : this.placements) {
      byRequest.putIfAbsent(p.request(), p);
    }
    for (GroupUsage g : this.groups) {
      byGroup.putIfAbsent(g.group(), g);
    }
  }

  public Algorithm algorithm() {
    return algorithm;
  }

  public List<Placement> placements() {
    return placements;
  }

  public List<NodeUsage> nodes() {
    return nodes;
  }

  public List<GroupUsage> groups() {
    return groups;
  }

  public boolean complete() {
    return placements.stream().allMatch(Placement::complete);
  }

  public List<Placement> failures() {
    return placements.stream().filter(p -> !p.complete()).toList();
  }

  /** The placement of this very request (compared by identity). */
  public Optional<Placement> placement(PlacementRequest request) {
    return Optional.ofNullable(byRequest.get(request));
  }

  public Optional<GroupUsage> group(String name) {
    return Optional.ofNullable(byGroup.get(name));
  }

  public long allocations() {
    return placements.stream().mapToLong(Placement::placed).sum();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PlacementPlan p && algorithm == p.algorithm && placements.equals(p.placements)
        && nodes.equals(p.nodes) && groups.equals(p.groups);
  }

  @Override
  public int hashCode() {
    return Objects.hash(algorithm, placements, nodes, groups);
  }

  @Override
  public String toString() {
    return "PlacementPlan[algorithm=" + algorithm + ", placements=" + placements + ", nodes=" + nodes + ", groups=" + groups + "]";
  }
}
