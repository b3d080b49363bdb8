package dev.bitte.processor.emit.report;

import java.util.List;
import java.util.Locale;

/**
 * Positioned shapes for the report's inline SVG. The layouts compute every coordinate here, in
 * Java, so that labels never overlap however large the fleet is; the templates only draw them.
 * Text is set in a monospace font whose advance is at most {@link #CHAR_EM} of its size (DejaVu
 * Sans Mono, Liberation Mono, Menlo and Consolas are 0.55 to 0.61), so a label that fits by this
 * count fits on the page; longer text is cut with an ellipsis and kept whole in the tooltip.
 */
public final class Svg {
  /** An upper bound of a monospace glyph's advance, in em. */
  static final double CHAR_EM = 0.62;

  private Svg() {}

  /** A {@code data-*} attribute. */
  public record Attr(String name, String value) {}

  /** One line of text; {@code y} is its baseline. */
  public record Label(double x, double y, String text, String cls) {}

  /** A framed rectangle with its lines of text and a tooltip holding the untruncated text. */
  public record Box(String cls, List<Attr> data, double x, double y, double w, double h, String title, List<Label> labels) {
    public Box {
      data = List.copyOf(data);
      labels = List.copyOf(labels);
    }
  }

  /** A stroked path (peering arcs, the public entry). */
  public record Path(String cls, List<Attr> data, String d, String title) {
    public Path {
      data = List.copyOf(data);
    }
  }

  /** {@code text} cut to fit {@code width} pixels at {@code fontPx}, with an ellipsis when cut. */
  static String fit(String text, double width, double fontPx) {
    int max = (int) Math.floor(width / (fontPx * CHAR_EM));
    if (text.codePointCount(0, text.length()) <= max) {
      return text;
    }
    if (max <= 0) {
      return "";
    }
    int end = text.offsetByCodePoints(0, max - 1);
    return text.substring(0, end) + "\u2026";
  }

  /** Whether {@link #fit} would cut {@code text}. */
  static boolean fits(String text, double width, double fontPx) {
    return fit(text, width, fontPx).equals(text);
  }

  /** Rounds to 1/100 px so the page's numbers stay short (and identical on every JVM). */
  static double px(double v) {
    return Math.round(v * 100) / 100.0;
  }

  /** A number with thousands separators: {@code 12,000}; negative with a minus sign. */
  static String num(long v) {
    // Thousands separated by commas, as %,d in Locale.ROOT, written out (Formatter is slow cold).
    if (v == Long.MIN_VALUE) {
      return "\u2212" + String.format(Locale.ROOT, "%,d", v).substring(1);
    }
    String digits = Long.toString(Math.abs(v));
    StringBuilder b = new StringBuilder(digits.length() + 8);
    if (v < 0) {
      b.append('\u2212');
    }
    int lead = digits.length() % 3 == 0 ? 3 : digits.length() % 3;
    b.append(digits, 0, lead);
    for (int i = lead; i < digits.length(); i += 3) {
      b.append(',').append(digits, i, i + 3);
    }
    return b.toString();
  }
}
