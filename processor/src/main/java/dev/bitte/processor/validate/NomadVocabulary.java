package dev.bitte.processor.validate;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The names Nomad understands in constraints, affinities and spreads. Sources: the job
 * specification pages {@code https://developer.hashicorp.com/nomad/docs/job-specification/constraint}
 * (operators), {@code .../affinity} (the operators an affinity may use),
 * {@code .../spread}, and {@code https://developer.hashicorp.com/nomad/docs/runtime/interpolation}
 * ("Interpreted Node Variables": node.unique.id, node.unique.name, node.datacenter, node.region,
 * node.class, node.pool, attr.*, meta.*).
 */
public final class NomadVocabulary {
  /** Constraint operators. */
  public static final List<String> CONSTRAINT_OPERATORS = List.of("=", "!=", ">", ">=", "<", "<=", "distinct_hosts",
      "distinct_property", "regexp", "set_contains", "set_contains_all", "set_contains_any", "version", "semver", "is_set",
      "is_not_set");

  /** Affinity operators: the comparisons, without distinct_* and is_set/is_not_set. */
  public static final List<String> AFFINITY_OPERATORS = List.of("=", "!=", ">", ">=", "<", "<=", "regexp", "set_contains",
      "set_contains_all", "set_contains_any", "version", "semver");

  /** Operators that take no attribute. */
  public static final Set<String> NO_ATTRIBUTE = Set.of("distinct_hosts");

  /** Operators that take no value. */
  public static final Set<String> NO_VALUE = Set.of("is_set", "is_not_set");

  /** The fixed node variables. */
  public static final List<String> NODE_VARIABLES = List.of("node.unique.id", "node.unique.name", "node.datacenter",
      "node.region", "node.class", "node.pool");

  private static final Pattern OPEN = Pattern.compile("(attr|meta|device)\\.[A-Za-z0-9_.\\-]+");

  private NomadVocabulary() {}

  /** Whether {@code text} is one interpolation of a node variable, such as {@code ${attr.kernel.name}}. */
  public static boolean isNodeAttribute(String text) {
    if (!text.startsWith("${") || !text.endsWith("}")) {
      return false;
    }
    String inner = text.substring(2, text.length() - 1);
    return NODE_VARIABLES.contains(inner) || (OPEN.matcher(inner).matches() && !inner.endsWith("."));
  }

  /** Every candidate for "did you mean" on an attribute. */
  public static List<String> attributeHints() {
    return NODE_VARIABLES.stream().map(v -> "${" + v + "}").toList();
  }
}
