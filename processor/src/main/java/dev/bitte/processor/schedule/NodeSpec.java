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
    hostVolumes = Set.copyOf(hostVolumes);
    reservedPorts = Set.copyOf(reservedPorts);
    // A shape's nodes share its (immutable) attributes behind a view adding the node's name; the
    // view (and with it the shape's computed class) is kept only for a node that is the shape's
    // in every field the class depends on, not for a copy with other volumes or datacenter.
    if (!(attributes instanceof Shape.Attributes a && a.describes(name, datacenter, hostVolumes))) {
      attributes = Map.copyOf(attributes);
    }
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
    if (attributes instanceof Shape.Attributes a) {
      return a.shape.classKey;
    }
    return classKey(datacenter, attributes, hostVolumes);
  }

  private static Object classKey(String datacenter, Map<String, String> attributes, Set<String> hostVolumes) {
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

  /**
   * What the nodes of one client group in one zone have in common: everything but their name
   * (attribute {@code node.unique.name}). Its nodes share one attribute map and one computed
   * class, so materializing a fleet at min, desired and max size costs a name per node.
   */
  static final class Shape {
    private static final String UNIQUE_NAME = "node.unique.name";
    private final String group;
    private final String datacenter;
    private final int cpuMhz;
    private final int memoryMib;
    private final Map<String, String> shared;
    private final Set<String> hostVolumes;
    private final Set<Integer> reservedPorts;
    private final Object classKey;

    Shape(String group, String datacenter, int cpuMhz, int memoryMib, Map<String, String> attributes, Set<String> hostVolumes,
        Set<Integer> reservedPorts) {
      this.group = group;
      this.datacenter = datacenter;
      this.cpuMhz = cpuMhz;
      this.memoryMib = memoryMib;
      Map<String, String> a = new HashMap<>(attributes);
      a.remove(UNIQUE_NAME);
      this.shared = Map.copyOf(a);
      this.hostVolumes = Set.copyOf(hostVolumes);
      this.reservedPorts = Set.copyOf(reservedPorts);
      this.classKey = classKey(datacenter, shared, this.hostVolumes);
    }

    NodeSpec node(String name) {
      return new NodeSpec(name, group, datacenter, cpuMhz, memoryMib, new Attributes(this, name), hostVolumes, reservedPorts);
    }

    /** The shape's attributes plus {@code node.unique.name}; immutable. */
    static final class Attributes extends java.util.AbstractMap<String, String> {
      private final Shape shape;
      private final String name;

      Attributes(Shape shape, String name) {
        this.shape = shape;
        this.name = name;
      }

      boolean describes(String node, String datacenter, Set<String> volumes) {
        return name.equals(node) && java.util.Objects.equals(shape.datacenter, datacenter) && shape.hostVolumes.equals(volumes);
      }

      @Override
      public String get(Object key) {
        return UNIQUE_NAME.equals(key) ? name : shape.shared.get(key);
      }

      @Override
      public boolean containsKey(Object key) {
        return UNIQUE_NAME.equals(key) || shape.shared.containsKey(key);
      }

      @Override
      public int size() {
        return shape.shared.size() + 1;
      }

      @Override
      public Set<Entry<String, String>> entrySet() {
        Map<String, String> all = new HashMap<>(shape.shared);
        all.put(UNIQUE_NAME, name);
        return java.util.Collections.unmodifiableMap(all).entrySet();
      }
    }
  }

  /**
   * Equal for nodes Nomad puts in the same computed class (maps and sets compare by content). The
   * hash is computed once: the planner looks up every node of the fleet by it, and a shape's
   * nodes share one key.
   */
  private static final class ClassKey {
    private final String datacenter;
    private final Map<String, String> shared;
    private final Set<String> hostVolumes;
    private final int hash;

    ClassKey(String datacenter, Map<String, String> shared, Set<String> hostVolumes) {
      this.datacenter = datacenter;
      this.shared = shared;
      this.hostVolumes = hostVolumes;
      this.hash = java.util.Objects.hash(datacenter, shared, hostVolumes);
    }

    @Override
    public boolean equals(Object o) {
      return o == this || o instanceof ClassKey k && hash == k.hash && java.util.Objects.equals(datacenter, k.datacenter) && shared.equals(k.shared)
          && hostVolumes.equals(k.hostVolumes);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}
