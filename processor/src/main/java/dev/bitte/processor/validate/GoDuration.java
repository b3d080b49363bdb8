package dev.bitte.processor.validate;

import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Go's {@code time.ParseDuration} syntax, which Nomad uses for every duration: a sequence of
 * decimal numbers with a unit ({@code ns, us, µs, ms, s, m, h}), such as {@code "10s"} or
 * {@code "1m30s"}. Days are not a unit ({@code "1d"} is an error in Nomad too).
 */
public final class GoDuration {
  private static final Pattern WHOLE = Pattern.compile("(?:(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:ns|us|µs|μs|ms|s|m|h))+");
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)");
  private static final Map<String, Long> NANOS = Map.of("ns", 1L, "us", 1_000L, "µs", 1_000L, "μs", 1_000L, "ms", 1_000_000L,
      "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

  private GoDuration() {}

  /** The duration in nanoseconds, or -1 when the text is not a Go duration (signs are not accepted here: Nomad wants positive ones). */
  public static long parseNanos(String text) {
    if (text == null || !WHOLE.matcher(text).matches()) {
      return -1;
    }
    BigDecimal total = BigDecimal.ZERO;
    Matcher m = PART.matcher(text);
    while (m.find()) {
      total = total.add(new BigDecimal(m.group(1).endsWith(".") ? m.group(1) + "0" : m.group(1)).multiply(BigDecimal.valueOf(NANOS.get(m.group(2)))));
    }
    if (total.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      return -1; // Go rejects durations that overflow int64 nanoseconds.
    }
    return total.longValue();
  }
}
