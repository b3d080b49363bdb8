package dev.bitte.processor.jobs;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bitte.processor.emit.nomad.HclStrings;
import dev.bitte.processor.testing.Hcl2Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Hostile strings written by {@link HclStrings} mean exactly themselves to HashiCorp's parser. */
class HclStringsTest {
  private static final List<String> HOSTILE = List.of(
      "", "plain", "\"", "\\", "\\\"", "\"\\", "a\nb", "a\r\nb", "tab\there", "${", "$${", "$$${", "${x}", "$${x}",
      "%{", "%%{", "%{ if true }yes%{ endif }", "$", "$$", "%", "%%", "{", "}", "${}", "$ {", "% {", "$\\{", "end$",
      "end%", "a${b}c%{d}e", "${${", "%{%{", "$%{", "%${", "\u0000nul", "\u0001\u001f\u007f", "bell\u0007",
      "unicode é ü 日本 🚀", "\u2028line sep\u2029", "\u0085nel", "<<EOF\nEOF\n", "# not a comment", "// nor this",
      "/* nor */", "\\n literally", "\\u0041", "${NOMAD_PORT_http}", "{{ with secret \"kv/x\" }}{{ .Data.k }}{{ end }}",
      "trailing backslash \\");

  @Test
  void hostileStringsRoundTripThroughTheRealParser() {
    StringBuilder hcl = new StringBuilder();
    List<String> values = new ArrayList<>(HOSTILE);
    Random random = new Random(42);
    String alphabet = "$%{}\\\"\n\r\tab~ \u0001é🚀";
    for (int i = 0; i < 300; i++) {
      StringBuilder s = new StringBuilder();
      int n = random.nextInt(12);
      for (int j = 0; j < n; j++) {
        int cp = alphabet.codePointAt(alphabet.offsetByCodePoints(0, random.nextInt(alphabet.codePointCount(0, alphabet.length()))));
        s.appendCodePoint(cp);
      }
      values.add(s.toString());
    }
    for (int i = 0; i < values.size(); i++) {
      hcl.append("v").append(i).append(" = ").append(HclStrings.quote(values.get(i))).append('\n');
    }
    hcl.append("l = ").append(HclStrings.list(HOSTILE)).append('\n');
    JsonNode parsed = Hcl2Json.parseString("strings.hcl", hcl.toString());
    for (int i = 0; i < values.size(); i++) {
      JsonNode v = parsed.get("v" + i);
      assertWithMessage("value %s: %s", i, values.get(i)).that(v).isNotNull();
      // hcl2json re-escapes a literal ${ as $${ (Terraform's JSON spelling): compare in that form.
      assertWithMessage("value %s written as %s", i, HclStrings.quote(values.get(i)))
          .that(v.asText()).isEqualTo(dev.bitte.processor.testing.Hcl2Json.templateEscape(values.get(i)));
    }
    JsonNode list = parsed.get("l");
    assertThat(list.size()).isEqualTo(HOSTILE.size());
    for (int i = 0; i < HOSTILE.size(); i++) {
      assertThat(list.get(i).asText()).isEqualTo(dev.bitte.processor.testing.Hcl2Json.templateEscape(HOSTILE.get(i)));
    }
  }

  @Test
  void escapesExactly() {
    assertThat(HclStrings.quote("a\"b\\c\nd\te\r")).isEqualTo("\"a\\\"b\\\\c\\nd\\te\\r\"");
    assertThat(HclStrings.quote("${x} %{y} $ % $$ {")).isEqualTo("\"$${x} %%{y} $ % $$ {\"");
    assertThat(HclStrings.quote("\u0000\u007f")).isEqualTo("\"\\u0000\\u007f\"");
    assertThat(HclStrings.quote("🚀")).isEqualTo("\"🚀\"");
  }

  @Test
  void refusesWhatItCannotWriteExactly() {
    assertThrows(IllegalArgumentException.class, () -> HclStrings.quote("lone \uD800 surrogate"));
    assertThrows(IllegalArgumentException.class, () -> HclStrings.label("a\"b"));
    assertThrows(IllegalArgumentException.class, () -> HclStrings.label("${x}"));
    assertThrows(IllegalArgumentException.class, () -> HclStrings.identifier("a.b"));
    assertThat(HclStrings.label("pg-data")).isEqualTo("\"pg-data\"");
  }

  private static final List<String> MULTILINE = List.of(
      "a\nb\n", "[sources.x]\ntype = \"file\"\n", "EOT\nEOT\n", "  EOT\nx\n", "EOT_1\nEOT\n", "x\n\n\n", "\n\n",
      "${a}\n%{b}\n$${c}\n%%{d}\n$$${e}\n", "back\\slash \\n stays\n\"quotes\"\n", "\ttab\n  indented\n",
      "{{ with secret \"kv/x\" }}{{ .Data.k }}{{ end }}\n{{ env \"NOMAD_ALLOC_ID\" }}\n", "unicode é 🚀\nline\n",
      "no trailing newline\nend", "cr\r\nlf\n", "nul\u0000\nx\n", "<<EOT\ninner\nEOT\n", "ends with dollar $\nand percent %\n");

  @Test
  void multiLineTextRoundTripsAsHeredocWhenExact() {
    StringBuilder hcl = new StringBuilder();
    for (int i = 0; i < MULTILINE.size(); i++) {
      hcl.append("t").append(i).append(" = ").append(HclStrings.text(MULTILINE.get(i))).append('\n');
    }
    JsonNode parsed = Hcl2Json.parseString("text.hcl", hcl.toString());
    int heredocs = 0;
    for (int i = 0; i < MULTILINE.size(); i++) {
      String written = HclStrings.text(MULTILINE.get(i));
      heredocs += written.startsWith("<<") ? 1 : 0;
      assertWithMessage("text %s written as %s", i, written).that(parsed.get("t" + i).asText())
          .isEqualTo(dev.bitte.processor.testing.Hcl2Json.templateEscape(MULTILINE.get(i)));
    }
    assertThat(heredocs).isEqualTo(MULTILINE.size() - 3); // not: no trailing newline, \r, NUL
    assertThat(HclStrings.text("EOT\nEOT\n")).startsWith("<<EOT_1\n");
    assertThat(HclStrings.text("one line\n")).isEqualTo("\"one line\\n\"");
  }
}
