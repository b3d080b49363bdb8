package dev.bitte.processor.jobs;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.bitte.processor.plan.HydratePlan;
import dev.bitte.processor.validate.CronExpression;
import dev.bitte.processor.validate.GoDuration;
import dev.bitte.processor.validate.NomadVocabulary;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The small parsers behind the duration, cron and constraint rules. */
class SyntaxTest {
  @Test
  void goDurations() {
    assertThat(GoDuration.parseNanos("10s")).isEqualTo(10_000_000_000L);
    assertThat(GoDuration.parseNanos("1m30s")).isEqualTo(90_000_000_000L);
    assertThat(GoDuration.parseNanos("1.5h")).isEqualTo(5_400_000_000_000L);
    assertThat(GoDuration.parseNanos("250ms")).isEqualTo(250_000_000L);
    assertThat(GoDuration.parseNanos("2h45m")).isEqualTo((2 * 3600 + 45 * 60) * 1_000_000_000L);
    assertThat(GoDuration.parseNanos("1us")).isEqualTo(1_000L);
    assertThat(GoDuration.parseNanos("1µs")).isEqualTo(1_000L);
    for (String bad : List.of("", "10", "s", "1d", "10 s", "-5s", "1m 30s", "ten seconds", "1S", "1.2.3s", "99999999999999999999h")) {
      assertWithMessage(bad).that(GoDuration.parseNanos(bad)).isEqualTo(-1);
    }
  }

  @Test
  void cronExpressions() {
    for (String good : List.of("0 3 * * *", "*/15 8-18 * * MON-FRI", "0 0 1 JAN *", "0 0 L * *", "0 0 15W * *", "0 0 ? * 5L",
        "0 0 ? * MON#2", "0 0 * * 0,6", "30 4 1,15 * 7", "0 0 0 * * * 2030", "0 3 * * * 2026", "@daily", "@hourly", "@weekly",
        "1-59/2 * * * *")) {
      assertWithMessage(good).that(CronExpression.problem(good)).isNull();
    }
    for (String bad : List.of("", "* * * *", "0 24 * * *", "60 * * * *", "0 0 32 * *", "0 0 * 13 *", "0 0 * * 8", "0 0 * * FUNDAY",
        "0 0 * JANUARY *", "5-1 * * * *", "*/0 * * * *", "? * * * *", "@fortnightly", "0 0 * * * 1969", "a b c d e", "0 0 0 0 * * * *")) {
      assertWithMessage(bad).that(CronExpression.problem(bad)).isNotNull();
    }
  }

  @Test
  void nodeAttributes() {
    for (String good : List.of("${node.class}", "${node.datacenter}", "${attr.kernel.name}", "${meta.tier}", "${attr.platform.aws.placement.availability-zone}",
        "${node.unique.name}")) {
      assertWithMessage(good).that(NomadVocabulary.isNodeAttribute(good)).isTrue();
    }
    for (String bad : List.of("node.class", "${node.klass}", "${attr}", "${attr.}", "${env.HOME}", "$node.class", "${node.class} ", "")) {
      assertWithMessage(bad).that(NomadVocabulary.isNodeAttribute(bad)).isFalse();
    }
  }

  @Test
  void hydratePlanFromNoJobs() {
    assertThat(HydratePlan.of(List.of(), List.of())).isEqualTo(HydratePlan.EMPTY);
  }
}
