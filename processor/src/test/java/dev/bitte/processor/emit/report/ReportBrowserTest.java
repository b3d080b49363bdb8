package dev.bitte.processor.emit.report;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bitte.processor.Fixtures;
import dev.bitte.processor.PlanFixtures;
import dev.bitte.processor.emit.report.ReportInputs.GroupCapacity;
import dev.bitte.processor.emit.report.ReportInputs.JobUsage;
import dev.bitte.processor.emit.report.ReportInputs.Resources;
import dev.bitte.processor.emit.report.ReportInputs.ServiceRow;
import dev.bitte.processor.plan.FleetPlan;
import dev.bitte.processor.plan.GroupPlan;
import dev.bitte.processor.plan.NodePlan;
import dev.bitte.processor.testing.HeadlessChromium;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Opens the report in Debian's headless Chromium and checks it as a reader would get it: it
 * loads nothing but itself, logs no error, shows every node and group, draws bars whose widths
 * are the capacity plan's numbers, and has no overlapping text, also for 100 groups and 1,000
 * jobs. Screenshots go to {@code processor/target/report-*.png}.
 *
 * <p>Needs {@code chromium} (tools/install-validators.sh): skipped without it, failed in CI.
 */
class ReportBrowserTest {
  static HeadlessChromium browser;

  @BeforeAll
  static void startBrowser() {
    browser = HeadlessChromium.start();
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  static Path target() throws IOException {
    Path dir = Fixtures.projectRoot().resolve("processor/target/report-test");
    Files.createDirectories(dir);
    return dir;
  }

  static HeadlessChromium.Page open(String name, String html, int height) throws IOException {
    Path file = target().resolve(name + ".html");
    Files.writeString(file, html, StandardCharsets.UTF_8);
    return browser.open(file, 1280, height);
  }

  /** A placement as the capacity plan would give it for the sample's jobs. */
  static ReportInputs sampleInputs(FleetPlan plan) {
    GroupCapacity eu = CapacityLayout.raw(plan.groups().stream().filter(g -> g.name().equals("clients-eu")).findFirst().orElseThrow());
    GroupCapacity us = CapacityLayout.raw(plan.groups().stream().filter(g -> g.name().equals("clients-us")).findFirst().orElseThrow());
    return new ReportInputs(List.of(
        new GroupCapacity("clients-eu", eu.atMin(), eu.atDesired(), eu.atMax(), List.of(
            new JobUsage("web", new Resources(1500, 768)),
            new JobUsage("postgres", new Resources(1000, 2048)),
            new JobUsage("log-shipper", new Resources(300, 384)))),
        new GroupCapacity("clients-us", us.atMin(), us.atDesired(), us.atMax(), List.of(
            new JobUsage("log-shipper", new Resources(200, 256)),
            new JobUsage("nightly-report", new Resources(2000, 1024))))),
        List.of(new ServiceRow("web", "web", List.of("postgres")), new ServiceRow("postgres", "postgres", List.of())),
        List.of());
  }

  @Test
  void samplePageShowsThePlanAndLoadsNothingElse() throws IOException {
    FleetPlan plan = PlanFixtures.samplePlan();
    ReportInputs inputs = sampleInputs(plan);
    HeadlessChromium.Page page = open("my-testnet", ReportWriter.render(plan, inputs), 900);
    Files.write(Fixtures.projectRoot().resolve("processor/target/report-my-testnet.png"), page.screenshot(6000));

    assertThat(page.requests()).containsExactly(page.url());
    assertThat(page.errors()).isEmpty();

    // the diagram orders by region and zone; the plan by declaration
    assertThat(strings(page.evaluate(PageChecks.dataList("g.node", "data-node"))))
        .containsExactlyElementsIn(plan.coreNodes().stream().map(NodePlan::name).toList());
    assertThat(strings(page.evaluate("Array.from(document.querySelectorAll('g.node')).map(e => e.dataset.node + ' ' + e.dataset.ip)")))
        .containsExactlyElementsIn(plan.coreNodes().stream().map(n -> n.name() + " " + n.privateIp()).toList());
    assertThat(strings(page.evaluate(PageChecks.dataList("g.group", "data-group"))))
        .containsExactlyElementsIn(plan.groups().stream().map(GroupPlan::name).toList());
    assertThat(strings(page.evaluate(PageChecks.dataList("div.capacity-row", "data-group"))))
        .containsExactlyElementsIn(plan.groups().stream().map(GroupPlan::name).toList()).inOrder();
    assertThat(strings(page.evaluate(PageChecks.dataList("g.region", "data-region"))))
        .containsExactly("eu-central-1", "us-east-2").inOrder();
    assertThat(strings(page.evaluate(PageChecks.dataList("path.peering", "data-peering"))))
        .containsExactly("eu-central-1 us-east-2");
    assertThat(strings(page.evaluate(PageChecks.dataList("path.entry", "data-entry")))).containsExactly("routing");
    assertThat(strings(page.evaluate(PageChecks.dataList("g.node.public", "data-node")))).containsExactly("routing");

    assertBarsMatch(page, plan, inputs);
    assertNoOverlaps(page);
  }

  @Test
  void pageTheProcessorWritesLoadsCleanly() throws IOException {
    String html = Fixtures.resource(Fixtures.compile(Fixtures.sampleSources()), "bitte/my-testnet/" + ReportWriter.PATH);
    HeadlessChromium.Page page = open("my-testnet-written", html, 900);
    assertThat(page.requests()).containsExactly(page.url());
    assertThat(page.errors()).isEmpty();
    assertThat(strings(page.evaluate(PageChecks.dataList("g.node", "data-node"))))
        .containsExactly("core-1", "core-2", "core-3", "monitoring", "routing");
    // the capacity plan of the sample's jobs is known for both client groups, and drawn to its numbers
    assertThat(strings(page.evaluate(PageChecks.dataList("div.capacity-row", "data-known")))).containsExactly("true", "true");
    FleetPlan plan = PlanFixtures.samplePlan();
    ReportInputs inputs = ReportInputs.of(plan, List.of());
    assertThat(inputs.capacity().stream().flatMap(c -> c.jobs().stream()).map(JobUsage::job).distinct().sorted().toList())
        .containsExactly("db", "log-shipper", "nightly-backup", "web");
    assertBarsMatch(page, plan, inputs);
    assertNoOverlaps(page);
  }

  @Test
  void hundredGroupsAndThousandJobsStayReadable() throws IOException {
    FleetPlan plan = SyntheticFleet.plan(100);
    ReportInputs inputs = SyntheticFleet.inputs(plan, 1000);
    long start = System.nanoTime();
    String html = ReportWriter.render(plan, inputs);
    long rendered = System.nanoTime();
    HeadlessChromium.Page page = open("synthetic-fleet", html, 1000);
    long loaded = System.nanoTime();
    Files.write(Fixtures.projectRoot().resolve("processor/target/report-synthetic-fleet.png"), page.screenshot(4000));
    double capacityTop = page.evaluate("document.getElementById('capacity').getBoundingClientRect().top + scrollY").asDouble();
    Files.write(Fixtures.projectRoot().resolve("processor/target/report-synthetic-fleet-capacity.png"), page.screenshot(capacityTop, 1200));

    assertThat(page.requests()).containsExactly(page.url());
    assertThat(page.errors()).isEmpty();
    assertThat(strings(page.evaluate(PageChecks.dataList("g.group", "data-group"))))
        .containsExactlyElementsIn(plan.groups().stream().map(GroupPlan::name).toList());
    assertThat(strings(page.evaluate(PageChecks.dataList("div.capacity-row", "data-group"))))
        .containsExactlyElementsIn(plan.groups().stream().map(GroupPlan::name).toList()).inOrder();
    // the hostile job name arrived as text, not as an element
    assertThat(page.evaluate("document.querySelectorAll('main img').length").asInt()).isEqualTo(0);
    assertThat(page.evaluate("Array.from(document.querySelectorAll('rect.seg')).filter(r => r.dataset.job === "
        + "'<img src=x onerror=alert(1)>&\"quoted\"').length").asInt()).isAtLeast(2);

    assertBarsMatch(page, plan, inputs);
    int texts = assertNoOverlaps(page);
    long checked = System.nanoTime();
    System.out.printf("report of 100 groups, 1000 jobs: %,d bytes, rendered in %d ms, loaded in %d ms, %d text boxes checked in %d ms%n",
        html.length(), (rendered - start) / 1_000_000, (loaded - rendered) / 1_000_000, texts, (checked - loaded) / 1_000_000);
  }

  /** Segment widths and offsets, and marker positions, against the inputs' own numbers. */
  static void assertBarsMatch(HeadlessChromium.Page page, FleetPlan plan, ReportInputs inputs) {
    Map<String, GroupCapacity> byGroup = new HashMap<>();
    inputs.capacity().forEach(c -> byGroup.put(c.group(), c));
    JsonNode segments = page.evaluate(PageChecks.SEGMENTS);
    int expectedCount = inputs.capacity().stream().mapToInt(c -> c.jobs().size()).sum() * 2;
    assertThat(segments.size()).isEqualTo(expectedCount);
    Map<String, Double> offset = new HashMap<>();
    for (JsonNode s : segments) {
      GroupCapacity c = byGroup.get(s.get("group").asText());
      ToLongFunction<Resources> f = s.get("resource").asText().equals("cpu") ? Resources::cpuMhz : Resources::memoryMib;
      long used = c.jobs().stream().filter(j -> j.job().equals(s.get("job").asText())).mapToLong(j -> f.applyAsLong(j.used())).sum();
      long total = c.jobs().stream().mapToLong(j -> f.applyAsLong(j.used())).sum();
      double px = CapacityLayout.TRACK / Math.max(f.applyAsLong(c.atMax()), total);
      String key = s.get("group").asText() + "/" + s.get("resource").asText();
      double x = offset.getOrDefault(key, 0.0);
      assertWithMessage("track width of %s", key).that(s.get("track").asDouble()).isWithin(0.5).of(CapacityLayout.TRACK);
      assertWithMessage("used of %s %s", key, s.get("job")).that(s.get("used").asLong()).isEqualTo(used);
      assertWithMessage("width of %s %s", key, s.get("job")).that(s.get("width").asDouble()).isWithin(0.5).of(used * px);
      assertWithMessage("offset of %s %s", key, s.get("job")).that(s.get("x").asDouble()).isWithin(0.5).of(x);
      offset.put(key, x + used * px);
    }
    JsonNode markers = page.evaluate(PageChecks.MARKERS);
    assertThat(markers.size()).isEqualTo(plan.groups().size() * 2 * 3);
    for (JsonNode m : markers) {
      GroupCapacity c = byGroup.get(m.get("group").asText());
      if (c == null) {
        continue;
      }
      ToLongFunction<Resources> f = m.get("resource").asText().equals("cpu") ? Resources::cpuMhz : Resources::memoryMib;
      long total = c.jobs().stream().mapToLong(j -> f.applyAsLong(j.used())).sum();
      double px = CapacityLayout.TRACK / Math.max(f.applyAsLong(c.atMax()), total);
      Resources at = switch (m.get("which").asText()) {
        case "min" -> c.atMin();
        case "desired" -> c.atDesired();
        default -> c.atMax();
      };
      assertWithMessage("%s marker of %s/%s", m.get("which"), m.get("group"), m.get("resource"))
          .that(m.get("x").asDouble()).isWithin(0.5).of(f.applyAsLong(at) * px);
    }
  }

  static int assertNoOverlaps(HeadlessChromium.Page page) {
    JsonNode r = page.evaluate(PageChecks.OVERLAPS);
    assertWithMessage("overlapping text (%s pairs)", r.get("total")).that(strings(r.get("overlaps"))).isEmpty();
    assertWithMessage("text outside its box").that(strings(page.evaluate(PageChecks.OUTSIDE))).isEmpty();
    assertThat(r.get("count").asInt()).isGreaterThan(20);
    // again with every job table open
    int details = page.evaluate(PageChecks.OPEN_DETAILS).asInt();
    JsonNode open = page.evaluate(PageChecks.OVERLAPS);
    assertWithMessage("overlapping text with %s job tables open (%s pairs)", details, open.get("total"))
        .that(strings(open.get("overlaps"))).isEmpty();
    assertThat(open.get("count").asInt()).isAtLeast(r.get("count").asInt());
    return open.get("count").asInt();
  }

  static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
