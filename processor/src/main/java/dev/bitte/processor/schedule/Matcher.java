package dev.bitte.processor.schedule;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * Evaluates a constraint or affinity against one node, as Nomad's {@code checkConstraint} does:
 * both sides may be {@code ${...}} references; a missing attribute fails every operator except
 * {@code !=}/{@code not} (nil is unequal to anything) and {@code is_not_set}.
 */
final class Matcher {
  private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

  private Matcher() {}

  static boolean matches(Constraint c, NodeSpec node) {
    String left = resolve(c.attribute(), node);
    String right = resolve(c.value(), node);
    return switch (c.operator()) {
      case IS_SET -> left != null;
      case IS_NOT_SET -> left == null;
      case NOT_EQUAL, NOT -> left == null || right == null || !left.equals(right);
      case DISTINCT_HOSTS, DISTINCT_PROPERTY -> true; // checked by the planner, per placement
      default -> left != null && right != null && check(c.operator(), left, right);
    };
  }

  private static String resolve(String target, NodeSpec node) {
    if (Interpolation.isReference(target)) {
      return node.attributes().get(Interpolation.key(target));
    }
    return target;
  }

  private static boolean check(Operator op, String left, String right) {
    return switch (op) {
      case EQUAL, EQUAL_EQUAL, IS -> left.equals(right);
      case GREATER, GREATER_EQUAL, LESS, LESS_EQUAL -> order(op, left, right);
      case REGEXP -> regexp(left, right);
      case SET_CONTAINS, SET_CONTAINS_ALL -> set(left).containsAll(set(right));
      case SET_CONTAINS_ANY -> set(right).stream().anyMatch(set(left)::contains);
      case VERSION -> Versions.matches(left, right, false);
      case SEMVER -> Versions.matches(left, right, true);
      default -> throw new AssertionError(op);
    };
  }

  /** Numbers compare as numbers (integers, then floats); anything else lexically, like Nomad. */
  private static boolean order(Operator op, String left, String right) {
    int cmp;
    Long li = parseLong(left);
    Long ri = parseLong(right);
    if (li != null && ri != null) {
      cmp = Long.compare(li, ri);
    } else {
      Double lf = parseDouble(left);
      Double rf = parseDouble(right);
      cmp = lf != null && rf != null ? Double.compare(lf, rf) : left.compareTo(right);
    }
    return switch (op) {
      case GREATER -> cmp > 0;
      case GREATER_EQUAL -> cmp >= 0;
      case LESS -> cmp < 0;
      case LESS_EQUAL -> cmp <= 0;
      default -> throw new AssertionError(op);
    };
  }

  private static Long parseLong(String s) {
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Double parseDouble(String s) {
    try {
      return Double.parseDouble(s.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Go's {@code regexp.MatchString}: a match anywhere in the value. An invalid pattern matches nothing. */
  private static boolean regexp(String value, String pattern) {
    Pattern p = PATTERNS.computeIfAbsent(pattern, Matcher::compile);
    return p != null && p.matcher(value).find();
  }

  private static Pattern compile(String pattern) {
    try {
      return Pattern.compile(pattern);
    } catch (PatternSyntaxException e) {
      return Pattern.compile("(?!)");
    }
  }

  private static Set<String> set(String csv) {
    return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
  }
}
