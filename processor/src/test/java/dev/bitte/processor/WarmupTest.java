package dev.bitte.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The background warm-up changes when libraries are first used, never what is written. */
class WarmupTest {
  private static Compilation compile(String warmup) {
    return Compiler.javac().withProcessors(new BitteProcessor())
        .withOptions("-A" + BitteProcessor.OPTION_PROJECT_DIR + "=" + Fixtures.projectRoot().resolve("sample"),
            "-A" + Timings.OPTION + "=true", "-A" + Warmup.OPTION + "=" + warmup)
        .compile(Fixtures.sampleSources());
  }

  @Test
  void sameBytesWithAndWithoutTheWarmUp() {
    Compilation on = compile("true");
    Compilation off = compile("false");
    assertThat(on).succeeded();
    assertThat(off).succeeded();

    Map<String, byte[]> a = Fixtures.generated(on);
    Map<String, byte[]> b = Fixtures.generated(off);
    assertThat(a.keySet()).containsExactlyElementsIn(b.keySet());
    a.forEach((path, bytes) -> assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(new String(b.get(path), StandardCharsets.UTF_8)));
    // The main thread waited for it (the timings list the waits) only when it ran.
    assertThat(on).hadNoteContaining("wait for warm-up (FreeMarker, Jackson)");
    assertThat(off.notes().stream().map(d -> d.getMessage(null)).filter(m -> m.contains("wait for warm-up")).toList()).isEmpty();
  }
}
