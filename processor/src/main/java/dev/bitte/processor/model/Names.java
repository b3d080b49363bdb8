package dev.bitte.processor.model;

import java.util.regex.Pattern;

/** Naming conventions shared by every stage. */
public final class Names {
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
  private static final Pattern NOT_CONSTANT = Pattern.compile("[^A-Z0-9]");

  private Names() {}

  /** {@code ClientsEu} → {@code clients-eu}; {@code HTTPServer} → {@code http-server}. */
  public static String kebab(String javaName) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < javaName.length(); i++) {
      char c = javaName.charAt(i);
      if (Character.isUpperCase(c)) {
        boolean prevLowerOrDigit = i > 0 && (Character.isLowerCase(javaName.charAt(i - 1)) || Character.isDigit(javaName.charAt(i - 1)));
        boolean acronymEnd = i > 0 && Character.isUpperCase(javaName.charAt(i - 1))
            && i + 1 < javaName.length() && Character.isLowerCase(javaName.charAt(i + 1));
        if (out.length() > 0 && out.charAt(out.length() - 1) != '-' && (prevLowerOrDigit || acronymEnd)) {
          out.append('-');
        }
        out.append(Character.toLowerCase(c));
      } else if (c == '_' || c == '$') {
        if (out.length() > 0 && out.charAt(out.length() - 1) != '-') {
          out.append('-');
        }
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  public static boolean isDnsLabel(String s) {
    return s != null && DNS_LABEL.matcher(s).matches();
  }

  /** {@code clients-eu} → {@code CLIENTS_EU}, for Java constants. */
  public static String constant(String name) {
    String c = NOT_CONSTANT.matcher(name.toUpperCase(java.util.Locale.ROOT)).replaceAll("_");
    return Character.isDigit(c.charAt(0)) ? "_" + c : c;
  }

  /** Levenshtein distance, for "did you mean" hints. */
  public static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  /** The closest candidate within a small distance, or null. */
  public static String closest(String input, Iterable<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    String lower = input.toLowerCase(java.util.Locale.ROOT);
    for (String c : candidates) {
      int d = distance(lower, c);
      if (d < bestDistance || (d == bestDistance && best != null && c.compareTo(best) < 0)) {
        bestDistance = d;
        best = c;
      }
    }
    int limit = Math.max(2, input.length() / 3);
    return bestDistance <= limit ? best : null;
  }

  /** " Did you mean \"x\"?" or "". */
  public static String didYouMean(String input, Iterable<String> candidates) {
    String c = closest(input, candidates);
    return c == null || c.equals(input) ? "" : " Did you mean \"" + c + "\"?";
  }
}
