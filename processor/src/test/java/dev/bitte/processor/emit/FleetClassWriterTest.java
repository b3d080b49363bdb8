package dev.bitte.processor.emit;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.palantir.javapoet.JavaFile;
import dev.bitte.processor.PlanFixtures;
import dev.bitte.processor.plan.FleetPlan;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FleetClassWriterTest {
  /**
   * 10,000 job names inline in the static initializer were "code too large" (found by the
   * processor benchmark): a long list is built from methods of {@link FleetClassWriter#LIST_CHUNK}.
   */
  @Test
  void aFleetOfTenThousandJobsCompilesAndListsThemAllInOrder() throws Exception {
    FleetPlan plan = PlanFixtures.samplePlan();
    List<String> jobs = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      jobs.add(String.format("job-%05d", i));
    }
    JavaFile file = new FleetClassWriter().write(plan, jobs, null);
    String text = file.toString();
    assertThat(text).contains("private static List<String> jobs9() {");
    assertThat(text).doesNotContain("jobs10()");

    Compilation c = Compiler.javac().compile(file.toJavaFileObject());
    assertThat(c).succeeded();
    ClassLoader loader = new ClassLoader(getClass().getClassLoader()) {
      @Override
      protected Class<?> findClass(String name) throws ClassNotFoundException {
        var out = c.generatedFile(javax.tools.StandardLocation.CLASS_OUTPUT, name.replace('.', '/') + ".class");
        if (out.isEmpty()) {
          throw new ClassNotFoundException(name);
        }
        try (var in = out.get().openInputStream()) {
          byte[] bytes = in.readAllBytes();
          return defineClass(name, bytes, 0, bytes.length);
        } catch (java.io.IOException e) {
          throw new ClassNotFoundException(name, e);
        }
      }
    };
    Class<?> fleet = loader.loadClass(FleetClassWriter.qualifiedName(plan));
    Method jobsMethod = fleet.getMethod("jobs");
    Object instance = fleet.getField("INSTANCE").get(null);
    assertThat((List<?>) jobsMethod.invoke(instance)).containsExactlyElementsIn(jobs).inOrder();
  }

  @Test
  void aShortListStaysOneListOf() {
    JavaFile file = new FleetClassWriter().write(PlanFixtures.samplePlan(), List.of("a", "b"), null);
    assertThat(file.toString()).contains("public static final List<String> JOBS = List.of(\"a\", \"b\");");
    assertThat(file.toString()).doesNotContain("jobs0()");
  }
}
