package dev.bitte.processor.jobs;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.bitte.processor.jobs.JobFixtures.compile;
import static dev.bitte.processor.jobs.JobFixtures.simple;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** {@code @Group(migrate = @Migrate(...))}: Nomad's rules for the migrate block, on the right attribute. */
class MigrateTest {
  @Test
  void aServiceGroupOfSeveralAllocationsMayMigrateFewerThanItsCount() {
    assertThat(compile(simple("", "count = 3, migrate = @Migrate(maxParallel = 2)"))).succeededWithoutWarnings();
  }

  @Test
  void batchJobsAndSingleAllocationsDoNotMigrate() {
    JavaFileObject batch = simple("type = JobType.BATCH", "count = 3, migrate = @Migrate()");
    Compilation c = compile(batch);
    assertThat(c).hadErrorContaining("[bitte:job-type] group \"simple.main\" sets a migrate policy");
    assertThat(c).hadErrorContaining("this is a batch job, count 3");
    assertThat(c).hadErrorContaining("[bitte:job-type]").inFile(batch).onLineContaining("migrate = @Migrate()");
    assertThat(c).hadErrorCount(1);

    Compilation one = compile(simple("", "count = 1, migrate = @Migrate()"));
    assertThat(one).hadErrorContaining("count 1");
  }

  @Test
  void maxParallelStaysBelowTheCount() {
    JavaFileObject src = simple("", "count = 2, migrate = @Migrate(maxParallel = 2)");
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("migrate maxParallel is 2: it must be at least 1 and below the count (2)");
    assertThat(c).hadErrorContaining("[bitte:resources]").inFile(src).onLineContaining("maxParallel = 2");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void healthCheckIsChecksOrTaskStates() {
    JavaFileObject src = simple("", "count = 3, migrate = @Migrate(healthCheck = \"task_state\")");
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("migrate healthCheck is \"task_state\"");
    assertThat(c).hadErrorContaining("Did you mean \"task_states\"");
    assertThat(c).hadErrorContaining("[bitte:job-structure]").inFile(src).onLineContaining("healthCheck = \"task_state\"");
  }

  @Test
  void durationsAreGoDurations() {
    JavaFileObject src = simple("", "count = 3, migrate = @Migrate(minHealthyTime = \"10 seconds\")");
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("migrate minHealthyTime");
    assertThat(c).hadErrorCount(1);
  }
}
