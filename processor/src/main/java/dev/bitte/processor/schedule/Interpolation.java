package dev.bitte.processor.schedule;

/** Nomad's {@code ${...}} attribute references. */
final class Interpolation {
  private Interpolation() {}

  static boolean isReference(String s) {
    return s.startsWith("${") && s.endsWith("}");
  }

  /** {@code ${node.class}} → {@code node.class}; anything else unchanged. */
  static String key(String s) {
    return isReference(s) ? s.substring(2, s.length() - 1) : s;
  }

  /** Attributes that differ per node and so escape the computed node class (Nomad: "unique."). */
  static boolean isUnique(String key) {
    String k = key(key);
    // node.unique.* contains ".unique." too.
    return k.startsWith("unique.") || k.contains(".unique.");
  }
}
