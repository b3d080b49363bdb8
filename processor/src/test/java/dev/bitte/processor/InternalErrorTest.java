package dev.bitte.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import dev.bitte.processor.emit.ArtifactWriter;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** An unexpected exception becomes an error on the element, never a javac crash or a half-written fleet. */
class InternalErrorTest {
  @Test
  void failingWriterBecomesAnErrorOnTheCluster() {
    ArtifactWriter broken = (plan, out) -> {
      out.putText("partial.txt", "half");
      throw new IllegalStateException("boom");
    };
    JavaFileObject src = Fixtures.sampleSource("dev/bitte/sample/MyTestnet.java");
    Compilation c = javac().withProcessors(new BitteProcessor(List.of(broken))).compile(src);
    assertThat(c).failed();
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("[bitte:internal-error] internal error in the bitte processor while processing dev.bitte.sample.MyTestnet")
        .inFile(src).onLineContaining("public final class MyTestnet");
    assertThat(c).hadErrorContaining("IllegalStateException: boom");
  }
}
