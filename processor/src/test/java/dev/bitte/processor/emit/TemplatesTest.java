package dev.bitte.processor.emit;

import static com.google.common.truth.Truth.assertThat;

import dev.bitte.processor.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class TemplatesTest {
  @Test
  void theWarmUpListNamesEveryTemplate() throws IOException {
    Path root = Fixtures.projectRoot().resolve("templates/src/main/resources/dev/bitte/templates");
    try (Stream<Path> files = Files.walk(root)) {
      assertThat(Templates.ALL).containsExactlyElementsIn(files.filter(p -> p.toString().endsWith(".ftl"))
          .map(p -> root.relativize(p).toString().replace('\\', '/')).toList());
    }
  }

  @Test
  void warmUpParsesEveryTemplateAndRendersARecord() {
    // Throws if a template does not parse or the object wrapper cannot read a record.
    Templates.warmUp();
  }
}
