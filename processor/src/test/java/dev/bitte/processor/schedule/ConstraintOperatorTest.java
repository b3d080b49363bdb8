package dev.bitte.processor.schedule;

import static com.google.common.truth.Truth.assertThat;
import static dev.bitte.processor.schedule.Nodes.node;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every constraint operator Nomad documents, on hand-picked attribute values. */
class ConstraintOperatorTest {
  private static final NodeSpec NODE = node("web-7", "eu-central-1", "general", 1000, 1000,
      "attr.kernel.version", "6.1.0",
      "attr.nomad.version", "1.9.3",
      "attr.driver.docker.version", "27.3.1-beta.2",
      "attr.cpu.numcores", "8",
      "attr.cpu.frequency", "3100.5",
      "meta.tags", "ssd, gpu,fast",
      "meta.zone", "b");

  private static boolean holds(String attribute, String op, String value) {
    return Matcher.matches(Constraint.of(attribute, op, value), NODE);
  }

  @Test
  void equality() {
    assertThat(holds("${node.class}", "=", "general")).isTrue();
    assertThat(holds("${node.class}", "==", "general")).isTrue();
    assertThat(holds("${node.class}", "is", "general")).isTrue();
    assertThat(holds("${node.class}", "=", "gpu")).isFalse();
    assertThat(holds("${meta.missing}", "=", "x")).isFalse();
  }

  @Test
  void inequality() {
    assertThat(holds("${node.class}", "!=", "gpu")).isTrue();
    assertThat(holds("${node.class}", "not", "gpu")).isTrue();
    assertThat(holds("${node.class}", "!=", "general")).isFalse();
    // Nomad: a missing attribute is unequal to anything
    assertThat(holds("${meta.missing}", "!=", "x")).isTrue();
  }

  @Test
  void orderingIsNumericForNumbersAndLexicalOtherwise() {
    assertThat(holds("${attr.cpu.numcores}", ">", "4")).isTrue();
    assertThat(holds("${attr.cpu.numcores}", ">", "10")).isFalse(); // lexically "8" > "10"
    assertThat(holds("${attr.cpu.numcores}", ">=", "8")).isTrue();
    assertThat(holds("${attr.cpu.numcores}", "<", "8")).isFalse();
    assertThat(holds("${attr.cpu.numcores}", "<=", "8")).isTrue();
    assertThat(holds("${attr.cpu.frequency}", ">", "3100.25")).isTrue();
    assertThat(holds("${meta.zone}", "<", "c")).isTrue();
    assertThat(holds("${meta.zone}", ">", "c")).isFalse();
  }

  @Test
  void regexpMatchesAnywhere() {
    assertThat(holds("${node.unique.name}", "regexp", "^web-[0-9]+$")).isTrue();
    assertThat(holds("${node.unique.name}", "regexp", "b-7")).isTrue();
    assertThat(holds("${node.unique.name}", "regexp", "^db-")).isFalse();
    assertThat(holds("${node.unique.name}", "regexp", "([")).isFalse();
  }

  @Test
  void sets() {
    assertThat(holds("${meta.tags}", "set_contains", "ssd,gpu")).isTrue();
    assertThat(holds("${meta.tags}", "set_contains", "ssd,arm")).isFalse();
    assertThat(holds("${meta.tags}", "set_contains_all", "fast, ssd")).isTrue();
    assertThat(holds("${meta.tags}", "set_contains_all", "fast,hdd")).isFalse();
    assertThat(holds("${meta.tags}", "set_contains_any", "hdd,gpu")).isTrue();
    assertThat(holds("${meta.tags}", "set_contains_any", "hdd,arm")).isFalse();
  }

  @Test
  void version() {
    assertThat(holds("${attr.nomad.version}", "version", ">= 1.9, < 2.0")).isTrue();
    assertThat(holds("${attr.nomad.version}", "version", ">= 1.10")).isFalse(); // 9 < 10 numerically
    assertThat(holds("${attr.nomad.version}", "version", "~> 1.9.0")).isTrue();
    assertThat(holds("${attr.nomad.version}", "version", "~> 1.8.0")).isFalse();
    assertThat(holds("${attr.nomad.version}", "version", "~> 1.2")).isTrue();
    assertThat(holds("${attr.kernel.version}", "version", "6.1")).isTrue(); // missing segments are 0
    assertThat(holds("${attr.kernel.version}", "version", "!= 6.1.0")).isFalse();
    // go-version: a pre-release only satisfies terms on the same pre-release line
    assertThat(holds("${attr.driver.docker.version}", "version", ">= 20.0")).isFalse();
    assertThat(holds("${attr.driver.docker.version}", "version", ">= 27.3.1-beta.1")).isTrue();
    assertThat(holds("${meta.zone}", "version", ">= 1.0")).isFalse();
  }

  @Test
  void semver() {
    assertThat(holds("${attr.nomad.version}", "semver", ">= 1.9.0, < 1.10.0")).isTrue();
    assertThat(holds("${attr.nomad.version}", "semver", "> 1.9.3")).isFalse();
    // semver orders pre-releases below their release and lets any term match them
    assertThat(holds("${attr.driver.docker.version}", "semver", ">= 20.0.0")).isTrue();
    assertThat(holds("${attr.driver.docker.version}", "semver", "< 27.3.1")).isTrue();
    assertThat(holds("${attr.driver.docker.version}", "semver", "> 27.3.1-beta.10")).isFalse(); // 2 < 10 numerically
    assertThat(holds("${attr.driver.docker.version}", "semver", "> 27.3.1-alpha")).isTrue();
    // strict: two segments are not a semantic version
    assertThat(holds("${attr.nomad.version}", "semver", ">= 1.9")).isFalse();
  }

  @Test
  void presence() {
    assertThat(holds("${meta.zone}", "is_set", "")).isTrue();
    assertThat(holds("${meta.missing}", "is_set", "")).isFalse();
    assertThat(holds("${meta.missing}", "is_not_set", "")).isTrue();
    assertThat(holds("${meta.zone}", "is_not_set", "")).isFalse();
  }

  @Test
  void rightHandSideMayBeAnAttribute() {
    assertThat(holds("${node.datacenter}", "=", "${node.datacenter}")).isTrue();
    assertThat(holds("${node.class}", "=", "${meta.zone}")).isFalse();
  }

  @Test
  void placementOperatorsAreHandledByThePlannerAndEveryOperatorParses() {
    assertThat(Arrays.stream(Operator.values()).map(Operator::hcl).collect(Collectors.toSet())).isEqualTo(Set.of(
        "=", "==", "is", "!=", "not", ">", ">=", "<", "<=", "regexp", "set_contains", "set_contains_all", "set_contains_any",
        "version", "semver", "distinct_hosts", "distinct_property", "is_set", "is_not_set"));
    for (Operator op : Operator.values()) {
      assertThat(Operator.parse(op.hcl())).hasValue(op);
    }
    assertThrows(IllegalArgumentException.class, () -> Constraint.of("${node.class}", "~=", "x"));
    assertThat(Planner.fitsEmpty(NODE, PlacementRequest.builder("j", "g").resources(10, 10)
        .constraint(Constraint.distinctHosts()).constraint("${meta.zone}", "distinct_property", "").build())).isTrue();
  }

  @Test
  void constraintsFilterInThePlanner() {
    List<NodeSpec> nodes = List.of(NODE, node("old", "eu-central-1", "general", 1000, 1000, "attr.nomad.version", "1.5.0"));
    PlacementRequest r = PlacementRequest.builder("j", "g").count(2).resources(100, 100)
        .constraint("${attr.nomad.version}", "semver", ">= 1.6.0").build();

    Placement p = Planner.plan(nodes, List.of(r), Algorithm.BINPACK).placement(r).orElseThrow();

    assertThat(p.nodes()).containsExactly("web-7", "web-7");
  }
}
