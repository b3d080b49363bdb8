package dev.bitte.processor.schedule;

import java.util.Map;
import java.util.Set;
import java.util.HashMap;

/**
 * One Nomad client node as the scheduler sees it.
 *
 * @param name the node's name ({@code ${node.unique.name}})
 * @param group the client group it belongs to (used only for the utilization report)
 * @param cpuMhz CPU the scheduler may allocate: the instance's MHz minus the reserve
 * @param memoryMib memory the scheduler may allocate: the instance's MiB minus the reserve
 * @param attributes fingerprinted attributes, keyed without {@code ${}}: {@code node.class},
 *     {@code node.datacenter}, {@code node.unique.name}, {@code attr.cpu.arch},
 *     {@code meta.<key>} ...
 * @param hostVolumes the host volumes the node offers, by name
 * @param reservedPorts host ports that are not free for static job ports
 */
public record NodeSpec(
    String name,
    String group,
    String datacenter,
    int cpuMhz,
    int memoryMib,
    Map<String, String> attributes,
    Set<String> hostVolumes,
    Set<Integer> reservedPorts) {

  public NodeSpec {
    attributes = Map.copyOf(attributes);
    hostVolumes = Set.copyOf(hostVolumes);
    reservedPorts = Set.copyOf(reservedPorts);
  }

  /** The attribute value, or null when the node does not have it. Accepts {@code ${...}}. */
  public String attribute(String key) {
    return attributes.get(Interpolation.key(key));
  }

  /**
   * The key of Nomad's "computed node class": everything the feasibility checks look at except
   * the attributes unique to the node, so nodes with equal keys are equally feasible.
   */
  Object computedClass() {
    // A value object, not a sorted string: the planner keys every node of the fleet (at min,
    // desired and max) by it, and sorting and printing each node's attributes was most of a
    // cold compile's planning time.
    Map<String, String> shared = new HashMap<>(attributes.size() * 2);
    for (Map.Entry<String, String> e : attributes.entrySet()) {
      if (!Interpolation.isUnique(e.getKey())) {
        shared.put(e.getKey(), e.getValue());
      }
    }
    return new ClassKey(datacenter, shared, hostVolumes);
  }

  /** Equal for nodes Nomad puts in the same computed class (maps and sets compare by content). */
  private record ClassKey(String datacenter, Map<String, String> shared, Set<String> hostVolumes) {}
}
