package dev.bitte.processor.schedule;

import java.util.Map;

/**
 * Why allocations could not be placed, in the spirit of Nomad's {@code AllocMetric}: computed over
 * every node once the first placement of a group fails.
 *
 * @param nodesInPool nodes in the fleet
 * @param nodesOutsideDatacenters nodes not in the job's datacenters (never evaluated)
 * @param nodesEvaluated nodes in the job's datacenters
 * @param nodesFiltered nodes rejected by a constraint, host volume, distinct_hosts or
 *     distinct_property
 * @param constraintFiltered nodes filtered per constraint label (the first failing one counts)
 * @param nodesExhausted feasible nodes without room
 * @param dimensionExhausted nodes exhausted per dimension: {@code cpu}, {@code memory},
 *     {@code port 80}
 * @param coalescedFailures the further allocations that failed the same way
 */
public record AllocMetric(
    int nodesInPool,
    int nodesOutsideDatacenters,
    int nodesEvaluated,
    int nodesFiltered,
    Map<String, Integer> constraintFiltered,
    int nodesExhausted,
    Map<String, Integer> dimensionExhausted,
    int coalescedFailures) {

  public AllocMetric {
    constraintFiltered = Map.copyOf(constraintFiltered);
    dimensionExhausted = Map.copyOf(dimensionExhausted);
  }

  /**
   * One line, e.g. {@code 6 nodes evaluated; constraint ${node.class} = gpu filtered 4 nodes;
   * cpu exhausted on 2 nodes}: filters first, then exhausted dimensions, each sorted by count
   * (descending), then by name.
   */
  public String summary() {
    StringBuilder out = new StringBuilder();
    out.append(nodesEvaluated).append(nodesEvaluated == 1 ? " node" : " nodes").append(" evaluated");
    if (nodesOutsideDatacenters > 0) {
      out.append(" (").append(nodesOutsideDatacenters).append(" outside the job's datacenters)");
    }
    if (nodesEvaluated == 0) {
      return out.toString();
    }
    constraintFiltered.entrySet().stream().sorted(ORDER).forEach(e ->
        out.append("; ").append(isConstraint(e.getKey()) ? "constraint " : "").append(e.getKey()).append(" filtered ").append(nodes(e.getValue())));
    dimensionExhausted.entrySet().stream().sorted(ORDER).forEach(e -> {
      if (e.getKey().startsWith("port ")) {
        out.append("; static ").append(e.getKey()).append(" taken on ").append(nodes(e.getValue()));
      } else {
        out.append("; ").append(e.getKey()).append(" exhausted on ").append(nodes(e.getValue()));
      }
    });
    return out.toString();
  }

  private static final java.util.Comparator<Map.Entry<String, Integer>> ORDER =
      Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey());

  private static boolean isConstraint(String label) {
    return !(label.equals("distinct_hosts") || label.startsWith("distinct_property") || label.startsWith("missing"));
  }

  private static String nodes(int n) {
    return n + (n == 1 ? " node" : " nodes");
  }

  @Override
  public String toString() {
    return summary();
  }
}
