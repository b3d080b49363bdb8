package dev.bitte.processor.schedule;

import java.util.List;

/**
 * Where one task group's allocations went.
 *
 * @param nodes the node name of each placed allocation, in placement order
 * @param wanted allocations asked for: {@code count}, or for system jobs the nodes that passed the
 *     constraints
 * @param failure why the rest were not placed; null when all were
 */
public record Placement(PlacementRequest request, List<String> nodes, int wanted, AllocMetric failure) {
  public Placement {
    nodes = List.copyOf(nodes);
  }

  public int placed() {
    return nodes.size();
  }

  public int unplaced() {
    return wanted - nodes.size();
  }

  public boolean complete() {
    return unplaced() == 0;
  }
}
