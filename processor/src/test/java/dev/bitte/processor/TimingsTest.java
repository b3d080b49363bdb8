package dev.bitte.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class TimingsTest {
  private static Compilation compile(String... options) {
    return Compiler.javac().withProcessors(new BitteProcessor()).withOptions(options).compile(Fixtures.sampleSources());
  }

  @Test
  void optionPrintsOneNoteWithEveryStage() {
    Compilation c = compile("-A" + BitteProcessor.OPTION_PROJECT_DIR + "=" + Fixtures.projectRoot().resolve("sample"),
        "-A" + Timings.OPTION + "=true");

    assertThat(c).succeeded();
    assertThat(c.notes().stream().filter(d -> d.getMessage(Locale.ROOT).startsWith("bitte timings")).count()).isEqualTo(1);
    for (String stage : new String[] {"read cluster", "validate cluster", "plan", "read jobs ", "fleet class",
        "bind jobs + place", "emit TerraformWriter", "emit NixosWriter", "emit NomadJobWriter", "emit ReportWriter",
        "emit manifest", "write files (Filer)", "; total "}) {
      assertThat(c).hadNoteContaining(stage);
    }
  }

  @Test
  void noNoteByDefault() {
    Compilation c = compile("-A" + BitteProcessor.OPTION_PROJECT_DIR + "=" + Fixtures.projectRoot().resolve("sample"));

    assertThat(c).succeeded();
    assertThat(c.notes().stream().map(d -> d.getMessage(Locale.ROOT)).filter(m -> m.contains("bitte timings")).toList()).isEmpty();
  }

  @Test
  void stagesAddUpInFirstSeenOrder() {
    Timings t = new Timings(true);
    t.stop("a", t.start() - 2_000_000);
    t.stop("b", t.start() - 1_000_000);
    t.stop("a", t.start() - 1_000_000);
    String s = t.summary();
    assertThat(s).matches("bitte timings \\(wall ms, summed over the compile\\): a 3\\.\\d \\(×2\\), b 1\\.\\d; total 4\\.\\d");
    Timings off = new Timings(false);
    assertThat(off.start()).isEqualTo(0L);
    off.stop("a", 0);
    assertThat(off.summary()).endsWith("total 0.0");
  }
}
