package dev.bitte.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import dev.bitte.processor.plan.FleetPlan;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;

/** Fleet plans as the processor builds them, for writers' tests that need the plan itself. */
public final class PlanFixtures {
  private PlanFixtures() {}

  /** Compiles {@code sources} and returns the plan of every valid cluster, in cluster-name order. */
  public static List<FleetPlan> plans(JavaFileObject... sources) {
    List<FleetPlan> plans = new ArrayList<>();
    Compilation c = com.google.testing.compile.Compiler.javac()
        .withProcessors(new BitteProcessor(List.of((plan, out) -> plans.add(plan))))
        .withOptions("-A" + BitteProcessor.OPTION_PROJECT_DIR + "=" + Fixtures.projectRoot().resolve("sample"))
        .compile(sources);
    assertThat(c).succeeded();
    return plans;
  }

  /** The plan of the sample fleet, my-testnet. */
  public static FleetPlan samplePlan() {
    return plans(Fixtures.sampleSources()).stream().filter(p -> p.name().equals("my-testnet")).findFirst()
        .orElseThrow(() -> new AssertionError("the sample has no cluster my-testnet"));
  }
}
