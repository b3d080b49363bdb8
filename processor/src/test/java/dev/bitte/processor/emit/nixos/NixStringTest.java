package dev.bitte.processor.emit.nixos;

import static com.google.common.truth.Truth.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bitte.processor.testing.NixTool;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Nix#string}: hostile values come back from the real Nix evaluator unchanged. */
class NixStringTest {
  static final List<String> HOSTILE = List.of(
      "plain", "", "quote \" inside", "back\\slash", "${builtins.abort \"interpolated\"}", "$${x}", "dollar $ and {braces}",
      "tab\tnew\nline\rcarriage", "''", "'' ${x} ''", "ünïcödé ✓", "\\${not}", "ends with backslash \\", "$");

  @Test
  void hostileStringsRoundTripThroughNix() {
    StringBuilder list = new StringBuilder("[");
    for (String s : HOSTILE) {
      list.append(' ').append(Nix.string(s));
    }
    list.append(" ]");
    JsonNode back = NixTool.evalJson(list.toString());
    assertThat(back.size()).isEqualTo(HOSTILE.size());
    for (int i = 0; i < HOSTILE.size(); i++) {
      assertThat(back.get(i).asText()).isEqualTo(HOSTILE.get(i));
    }
  }

  @Test
  void escapesWhatNixWouldInterpret() {
    assertThat(Nix.string("a\"b")).isEqualTo("\"a\\\"b\"");
    assertThat(Nix.string("${x}")).isEqualTo("\"\\${x}\"");
    assertThat(Nix.string("$x")).isEqualTo("\"$x\"");
  }
}
