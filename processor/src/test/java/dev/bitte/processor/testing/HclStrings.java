package dev.bitte.processor.testing;

/**
 * An example HCL string escaper, kept in the tests to pin down the rules (the generator has its
 * own). {@link #quote} gives a quoted HCL template whose value is exactly the given string; it is
 * for argument values, not for block labels (labels are plain literals where ${ is not special).
 */
public final class HclStrings {
  private HclStrings() {}

  /**
   * The HCL quoted-string expression whose value is {@code value}: backslash, double quote and
   * control characters are backslash-escaped, and the template introducers {@code ${} and {@code
   * %{} are doubled to {@code $${} and {@code %%{}.
   */
  public static String quote(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      char next = i + 1 < value.length() ? value.charAt(i + 1) : 0;
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '"' -> out.append("\\\"");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '$', '%' -> {
          out.append(c);
          if (next == '{') {
            out.append(c).append('{'); // ${ -> $${ and %{ -> %%{
            i++;
          }
        }
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format("\\u%04x", (int) c));
          } else if (Character.isSurrogate(c)
              && !(Character.isHighSurrogate(c) && Character.isLowSurrogate(next))) {
            throw new IllegalArgumentException("lone surrogate at " + i + " cannot be written as UTF-8");
          } else {
            out.append(c);
            if (Character.isHighSurrogate(c)) {
              out.append(next);
              i++;
            }
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /**
   * How hcl2json (and Terraform's JSON syntax) spells a literal string: {@code ${} as {@code $${}
   * and {@code %{} as {@code %%{}, since every JSON string is read as a template again.
   */
  public static String templateEscape(String literal) {
    return literal.replace("${", "$${").replace("%{", "%%{");
  }

  /** The literal value of a template string that has no interpolation: the reverse of {@link #templateEscape}. */
  public static String templateUnescape(String template) {
    return template.replace("$${", "${").replace("%%{", "%{");
  }
}
