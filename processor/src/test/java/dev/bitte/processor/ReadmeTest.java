package dev.bitte.processor;

import static com.google.common.truth.Truth.assertThat;

import dev.bitte.processor.diag.Rule;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's diagnostics table lists exactly the rules the processor has. */
class ReadmeTest {
  @Test
  void diagnosticsTableMatchesTheRules() throws Exception {
    String readme = Files.readString(Fixtures.projectRoot().resolve("README.md"));
    Set<String> documented = new TreeSet<>();
    Matcher m = Pattern.compile("^\\| `(bitte:[a-z-]+)` \\|", Pattern.MULTILINE).matcher(readme);
    while (m.find()) {
      documented.add(m.group(1));
    }
    Set<String> actual = new TreeSet<>();
    Arrays.stream(Rule.values()).map(Rule::id).forEach(actual::add);
    assertThat(documented).containsExactlyElementsIn(actual);
  }
}
