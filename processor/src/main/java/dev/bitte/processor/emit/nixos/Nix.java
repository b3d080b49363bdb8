package dev.bitte.processor.emit.nixos;

import freemarker.template.SimpleScalar;
import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateModelException;
import freemarker.template.TemplateScalarModel;
import java.util.List;

/** Nix string literals, for values that templates put into {@code .nix} files. */
public final class Nix {
  private Nix() {}

  /**
   * A double-quoted Nix string with {@code \}, {@code "}, {@code ${} and control characters
   * escaped, so no value can end the string or start an interpolation.
   */
  public static String string(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '"' -> out.append("\\\"");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '$' -> out.append(i + 1 < value.length() && value.charAt(i + 1) == '{' ? "\\$" : "$");
        default -> out.append(c);
      }
    }
    return out.append('"').toString();
  }

  /** {@code q(value)} in templates: {@link #string(String)} of a scalar. */
  static final TemplateMethodModelEx QUOTE = new TemplateMethodModelEx() {
    @Override
    public Object exec(@SuppressWarnings("rawtypes") List arguments) throws TemplateModelException {
      if (arguments.size() != 1 || !(arguments.get(0) instanceof TemplateScalarModel s)) {
        throw new TemplateModelException("q(value) takes one string, got " + arguments);
      }
      return new SimpleScalar(string(s.getAsString()));
    }
  };
}
