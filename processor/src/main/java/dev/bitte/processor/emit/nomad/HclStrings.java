package dev.bitte.processor.emit.nomad;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Writes Java strings as HCL native-syntax expressions whose value is exactly the string.
 *
 * <p>A quoted HCL string is a template: besides the backslash escapes ({@code \\ \" \n \r \t
 * \}{@code uNNNN}), the sequences {@code ${} and {@code %{} start an interpolation or directive.
 * HCL escapes them by doubling the first character: {@code $${} means a literal {@code ${} and
 * {@code %%{} a literal {@code %{} (hashicorp/hcl, hclsyntax spec, "Template Expressions").
 * Everything a user writes is escaped this way, so Nomad receives it verbatim; Nomad's own
 * runtime interpolation ({@code ${NOMAD_PORT_http}}, {@code ${node.class}}) then still applies,
 * because it works on the parsed value.
 *
 * <p>Multi-line text (templates) is written as a heredoc by {@link #text} when that is exact: a
 * heredoc is a template too (so {@code ${} and {@code %{} are doubled), but it has no backslash
 * escapes, always ends with a newline, and ends early at a line equal to its delimiter. Text that
 * does not end with a newline, holds a carriage return or another control character, is written
 * as a quoted string instead; the delimiter is chosen so no line of the text matches it.
 */
public final class HclStrings {
  /** What a block label or attribute name may be written as without quoting problems. */
  private static final Pattern PLAIN_LABEL = Pattern.compile("[A-Za-z0-9_.\\-]+");
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_\\-]*");

  private HclStrings() {}

  /** The quoted HCL string whose value is {@code value}. */
  public static String quote(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    int n = value.length();
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      char next = i + 1 < n ? value.charAt(i + 1) : 0;
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '"' -> out.append("\\\"");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '$', '%' -> {
          out.append(c);
          if (next == '{') {
            out.append(c); // ${ -> $${, %{ -> %%{
          }
        }
        default -> {
          if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029' || c == '\u0085') {
            out.append(String.format("\\u%04x", (int) c));
          } else if (Character.isHighSurrogate(c) && Character.isLowSurrogate(next)) {
            out.append(c).append(next);
            i++;
          } else if (Character.isSurrogate(c)) {
            // A lone surrogate has no UTF-8 form: writing it would silently become '?'.
            throw new IllegalArgumentException("lone UTF-16 surrogate at index " + i + " cannot be written as HCL");
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /**
   * {@code value} as a heredoc ({@code <<EOT}, the content at column 0, the closing delimiter on
   * its own line, no newline after it) when that is exact, else as {@link #quote}.
   */
  public static String text(String value) {
    // One line (or none) reads better quoted; a heredoc always ends with a newline.
    if (!value.endsWith("\n") || value.indexOf('\n') == value.length() - 1) {
      return quote(value);
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f || c == '\u2028' || c == '\u2029' || c == '\u0085'
          || Character.isSurrogate(c)) {
        return quote(value); // only a quoted string can spell these (or refuse them)
      }
    }
    String[] lines = value.substring(0, value.length() - 1).split("\n", -1);
    String delimiter = "EOT";
    for (int n = 1; delimiterUsed(lines, delimiter); n++) {
      delimiter = "EOT_" + n;
    }
    StringBuilder out = new StringBuilder("<<").append(delimiter).append('\n');
    for (String line : lines) {
      out.append(line.replace("${", "$${").replace("%{", "%%{")).append('\n');
    }
    return out.append(delimiter).toString();
  }

  /** Whether some line, trimmed, is the delimiter (HCL allows the closing marker to be indented). */
  private static boolean delimiterUsed(String[] lines, String delimiter) {
    for (String line : lines) {
      if (line.strip().equals(delimiter)) {
        return true;
      }
    }
    return false;
  }

  /** {@code ["a", "b"]}. */
  public static String list(List<String> values) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < values.size(); i++) {
      out.append(i == 0 ? "" : ", ").append(quote(values.get(i)));
    }
    return out.append(']').toString();
  }

  /**
   * A block label, quoted. Labels are literal strings where template sequences are an error, so
   * only plain names are allowed (the validator has made sure of it).
   */
  public static String label(String value) {
    if (!PLAIN_LABEL.matcher(value).matches()) {
      throw new IllegalArgumentException("not a plain block label: " + value);
    }
    return '"' + value + '"';
  }

  /** An attribute name inside a map-like block ({@code env}, {@code meta}); must be an HCL identifier. */
  public static String identifier(String value) {
    if (!IDENTIFIER.matcher(value).matches()) {
      throw new IllegalArgumentException("not an HCL identifier: " + value);
    }
    return value;
  }
}
