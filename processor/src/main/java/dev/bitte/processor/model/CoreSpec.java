package dev.bitte.processor.model;

import dev.bitte.Role;
import dev.bitte.processor.diag.Source;
import java.util.List;

/**
 * One {@code @Core} as written: a single node or a numbered series ({@code count > 1} gives
 * {@code <name>-1 .. <name>-<count>}). The planner expands it into nodes.
 */
public record CoreSpec(
    String name,
    Role role,
    int count,
    String instanceType,
    List<String> azs,
    List<String> privateIps,
    int volumeSize,
    List<SecurityRuleSpec> securityRules,
    List<String> nixosModules,
    Source source) {

  public CoreSpec {
    azs = List.copyOf(azs);
    privateIps = List.copyOf(privateIps);
    securityRules = List.copyOf(securityRules);
    nixosModules = List.copyOf(nixosModules);
  }

  /** The names of the nodes this spec declares, in order. */
  public List<String> nodeNames() {
    if (count == 1) {
      return List.of(name);
    }
    return java.util.stream.IntStream.rangeClosed(1, Math.max(count, 0)).mapToObj(i -> name + "-" + i).toList();
  }
}
