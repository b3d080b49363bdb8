package dev.bitte.processor.emit.report;

import static com.google.common.truth.Truth.assertThat;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The report's hand-written number formats agree with java.util.Formatter, which they replace. */
class NumberTextTest {
  private static String formatter(long v) {
    return v < 0 ? "\u2212" + String.format(Locale.ROOT, "%,d", v).substring(1) : String.format(Locale.ROOT, "%,d", v);
  }

  @Test
  void thousandsSeparatorsAsFormatterWritesThem() {
    long[] edges = {0, 1, 9, 10, 99, 100, 999, 1000, 1001, 9999, 10000, 99999, 100000, 999999, 1000000, 123456789,
        -1, -999, -1000, -1234567, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1, Integer.MAX_VALUE, Integer.MIN_VALUE};
    for (long v : edges) {
      assertThat(Svg.num(v)).isEqualTo(formatter(v));
    }
    Random random = new Random(42);
    for (int i = 0; i < 10_000; i++) {
      long v = random.nextLong() >> random.nextInt(64);
      assertThat(Svg.num(v)).isEqualTo(formatter(v));
    }
  }

  @Test
  void percentRoundsHalfUpAsFormatterDoes() {
    for (long whole = 1; whole <= 400; whole++) {
      for (long part = 0; part <= whole * 3; part++) {
        assertThat(CapacityLayout.percent(part, whole))
            .isEqualTo(String.format(Locale.ROOT, "%.0f%%", 100.0 * part / whole));
      }
    }
    Random random = new Random(7);
    for (int i = 0; i < 10_000; i++) {
      long whole = 1 + (random.nextLong() >>> (1 + random.nextInt(62)));
      long part = random.nextLong() >>> (1 + random.nextInt(62));
      assertThat(CapacityLayout.percent(part, whole)).isEqualTo(String.format(Locale.ROOT, "%.0f%%", 100.0 * part / whole));
    }
    assertThat(CapacityLayout.percent(5, 0)).isEqualTo("over");
    assertThat(CapacityLayout.percent(0, 0)).isEqualTo("0%");
  }
}
