package dev.bitte.processor;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Wall time per processing stage, summed over the compile, for {@code -Abitte.timings=true}:
 * printed as one note when processing is over, so a user can see what the processor costs their
 * build and where. Off by default; when off, {@link #start()} and {@link #stop} cost a branch.
 */
final class Timings {
  static final String OPTION = "bitte.timings";

  private final boolean enabled;
  private final Map<String, long[]> stages = new LinkedHashMap<>();

  Timings(boolean enabled) {
    this.enabled = enabled;
  }

  boolean enabled() {
    return enabled;
  }

  /** A start mark for {@link #stop}; 0 when timing is off. */
  long start() {
    return enabled ? System.nanoTime() : 0L;
  }

  /** Adds the time since {@code start} to {@code stage}; returns a new start mark. */
  long stop(String stage, long start) {
    if (!enabled) {
      return 0L;
    }
    long now = System.nanoTime();
    long[] slot = stages.get(stage);
    if (slot == null) {
      slot = new long[2];
      stages.put(stage, slot);
    }
    slot[0] += now - start;
    slot[1]++;
    return now;
  }

  /** "bitte timings (ms): read 12.3, validate 1.0 (×3), …, total 45.6", stages in first-seen order. */
  String summary() {
    StringBuilder b = new StringBuilder("bitte timings (wall ms, summed over the compile): ");
    long total = 0;
    boolean first = true;
    for (Map.Entry<String, long[]> e : stages.entrySet()) {
      if (!first) {
        b.append(", ");
      }
      first = false;
      b.append(e.getKey()).append(' ').append(ms(e.getValue()[0]));
      if (e.getValue()[1] > 1) {
        b.append(" (×").append(e.getValue()[1]).append(')');
      }
      total += e.getValue()[0];
    }
    return b.append("; total ").append(ms(total)).toString();
  }

  private static String ms(long nanos) {
    return String.format(Locale.ROOT, "%.1f", nanos / 1e6);
  }
}
