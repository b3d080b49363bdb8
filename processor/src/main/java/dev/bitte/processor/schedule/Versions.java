package dev.bitte.processor.schedule;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Version constraints as Nomad evaluates them.
 *
 * <p>{@code version} follows hashicorp/go-version: any number of numeric segments (missing ones
 * are 0), an optional {@code v}, a pre-release after {@code -} and metadata after {@code +}; a
 * pre-release version only satisfies a term whose own version is a pre-release of the same
 * segments (so {@code 1.2.0-beta} does not satisfy {@code >= 1.0}). {@code semver} follows
 * Semantic Versioning 2.0.0 strictly: exactly three segments, pre-releases ordered by the spec and
 * allowed by any term. Terms are separated by commas; operators are {@code = != > >= < <= ~>}
 * (none means {@code =}).
 */
final class Versions {
  private static final Pattern TERM = Pattern.compile("^\\s*(=|!=|>=|<=|>|<|~>)?\\s*(\\S+)\\s*$");
  private static final Pattern LOOSE = Pattern.compile("^v?(\\d+(?:\\.\\d+)*)(?:-([0-9A-Za-z.-]+))?(?:\\+([0-9A-Za-z.-]+))?$");
  private static final Pattern STRICT = Pattern.compile("^v?(\\d+\\.\\d+\\.\\d+)(?:-([0-9A-Za-z.-]+))?(?:\\+([0-9A-Za-z.-]+))?$");

  private Versions() {}

  record Version(List<BigInteger> segments, int given, String pre) implements Comparable<Version> {
    @Override
    public int compareTo(Version o) {
      int n = Math.max(segments.size(), o.segments.size());
      for (int i = 0; i < n; i++) {
        BigInteger a = i < segments.size() ? segments.get(i) : BigInteger.ZERO;
        BigInteger b = i < o.segments.size() ? o.segments.get(i) : BigInteger.ZERO;
        int c = a.compareTo(b);
        if (c != 0) {
          return c;
        }
      }
      return comparePre(pre, o.pre);
    }
  }

  static Version parse(String s, boolean strict) {
    Matcher m = (strict ? STRICT : LOOSE).matcher(s.trim());
    if (!m.matches()) {
      return null;
    }
    List<BigInteger> segs = new ArrayList<>();
    for (String part : m.group(1).split("\\.")) {
      segs.add(new BigInteger(part));
    }
    int given = segs.size();
    while (segs.size() < 3) {
      segs.add(BigInteger.ZERO);
    }
    return new Version(List.copyOf(segs), given, m.group(2) == null ? "" : m.group(2));
  }

  /** Semver 2.0.0 §11: no pre-release ranks above any; identifiers compare numerically or lexically. */
  static int comparePre(String a, String b) {
    if (a.equals(b)) {
      return 0;
    }
    if (a.isEmpty()) {
      return 1;
    }
    if (b.isEmpty()) {
      return -1;
    }
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      boolean xn = x[i].chars().allMatch(Character::isDigit);
      boolean yn = y[i].chars().allMatch(Character::isDigit);
      int c;
      if (xn && yn) {
        c = new BigInteger(x[i]).compareTo(new BigInteger(y[i]));
      } else if (xn) {
        c = -1;
      } else if (yn) {
        c = 1;
      } else {
        c = x[i].compareTo(y[i]);
      }
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(x.length, y.length);
  }

  /** Whether {@code value} satisfies every comma-separated term of {@code constraint}. */
  static boolean matches(String value, String constraint, boolean semver) {
    Version v = parse(value, semver);
    if (v == null) {
      return false;
    }
    for (String raw : constraint.split(",")) {
      Matcher m = TERM.matcher(raw);
      if (!m.matches()) {
        return false;
      }
      String op = m.group(1) == null ? "=" : m.group(1);
      Version want = parse(m.group(2), semver);
      if (want == null) {
        return false;
      }
      if (!semver && !v.pre().isEmpty() && (want.pre().isEmpty() || !v.segments().equals(want.segments()))) {
        return false; // go-version: pre-releases only match terms about the same pre-release line
      }
      int c = v.compareTo(want);
      boolean ok = switch (op) {
        case "=" -> c == 0;
        case "!=" -> c != 0;
        case ">" -> c > 0;
        case ">=" -> c >= 0;
        case "<" -> c < 0;
        case "<=" -> c <= 0;
        case "~>" -> c >= 0 && v.compareTo(pessimisticCeiling(want)) < 0;
        default -> false;
      };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** {@code ~> 1.2.3} allows up to (not including) 1.3.0; {@code ~> 1.2} up to 2.0.0. */
  private static Version pessimisticCeiling(Version want) {
    int bump = Math.max(0, want.given() - 2);
    List<BigInteger> segs = new ArrayList<>(want.segments());
    segs.set(bump, segs.get(bump).add(BigInteger.ONE));
    for (int i = bump + 1; i < segs.size(); i++) {
      segs.set(i, BigInteger.ZERO);
    }
    // "-0" is the lowest pre-release, so 1.3.0-beta stays outside ~> 1.2.3 too.
    return new Version(List.copyOf(segs), want.given(), "0");
  }
}
