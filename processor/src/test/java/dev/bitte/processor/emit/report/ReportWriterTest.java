package dev.bitte.processor.emit.report;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bitte.processor.Fixtures;
import dev.bitte.processor.Golden;
import dev.bitte.processor.PlanFixtures;
import dev.bitte.processor.emit.report.ReportInputs.GroupCapacity;
import dev.bitte.processor.emit.report.ReportInputs.JobUsage;
import dev.bitte.processor.emit.report.ReportInputs.Resources;
import dev.bitte.processor.emit.report.ReportInputs.ServiceRow;
import dev.bitte.processor.emit.report.Svg.Box;
import dev.bitte.processor.plan.FleetPlan;
import dev.bitte.processor.plan.GroupPlan;
import dev.bitte.processor.plan.NodePlan;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The report page without a browser: golden, determinism, escaping, self-containment, layout. */
class ReportWriterTest {
  @Test
  void sampleWritesThePageOfItsPlan() {
    String written = Fixtures.resource(Fixtures.compile(Fixtures.sampleSources()), "bitte/my-testnet/" + ReportWriter.PATH);
    FleetPlan plan = PlanFixtures.samplePlan();
    // the processor feeds the capacity plan and the services of the jobs; the sample raises no warnings
    assertThat(written).isEqualTo(ReportWriter.render(plan, ReportInputs.of(plan, List.of())));
    assertThat(written).isNotEqualTo(ReportWriter.render(plan, ReportInputs.EMPTY));
    Golden.assertMatches("my-testnet/report/index.html", written.getBytes(StandardCharsets.UTF_8));
    for (NodePlan n : plan.coreNodes()) {
      assertThat(written).contains("data-node=\"" + n.name() + "\" data-role=\"" + n.role().name().toLowerCase(java.util.Locale.ROOT)
          + "\" data-az=\"" + n.az() + "\" data-ip=\"" + n.privateIp() + "\"");
    }
    for (GroupPlan g : plan.groups()) {
      assertThat(written).contains("data-group=\"" + g.name() + "\" data-region=\"" + g.region() + "\"");
    }
  }

  @Test
  void pageIsDeterministicWhateverTheInputOrder() {
    FleetPlan plan = SyntheticFleet.plan(100);
    ReportInputs inputs = SyntheticFleet.inputs(plan, 1000);
    String first = ReportWriter.render(plan, inputs);

    List<GroupCapacity> capacity = new ArrayList<>();
    for (GroupCapacity c : inputs.capacity()) {
      List<JobUsage> jobs = new ArrayList<>(c.jobs());
      Collections.reverse(jobs);
      capacity.add(new GroupCapacity(c.group(), c.atMin(), c.atDesired(), c.atMax(), jobs));
    }
    Collections.reverse(capacity);
    List<ServiceRow> services = new ArrayList<>();
    for (ServiceRow s : inputs.services()) {
      List<String> up = new ArrayList<>(s.upstreams());
      Collections.reverse(up);
      services.add(new ServiceRow(s.service(), s.job(), up));
    }
    Collections.reverse(services);
    String second = ReportWriter.render(SyntheticFleet.plan(100), new ReportInputs(capacity, services, inputs.warnings()));

    assertThat(second).isEqualTo(first);
    assertThat(first).endsWith("\n");
    assertThat(first.indexOf('\r')).isEqualTo(-1);
    // no clock time or date in the page
    assertThat(Pattern.compile("\\b20\\d\\d-\\d\\d-\\d\\d|\\d\\d:\\d\\d:\\d\\d").matcher(first).find()).isFalse();
  }

  @Test
  void everyStringIsEscaped() {
    FleetPlan plan = SyntheticFleet.plan(8);
    String page = ReportWriter.render(plan, SyntheticFleet.inputs(plan, 40));
    assertThat(page).doesNotContain("<img");
    assertThat(page).doesNotContain("<b>not bold");
    assertThat(page).contains("&lt;img src=x onerror=alert(1)&gt;&amp;&quot;quoted&quot;");
    assertThat(page).contains("&lt;b&gt;not bold&lt;/b&gt;");
  }

  @Test
  void pageNeedsNothingFromOutside() {
    FleetPlan plan = SyntheticFleet.plan(8);
    String page = ReportWriter.render(plan, SyntheticFleet.inputs(plan, 40));
    assertThat(page).contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">");
    assertThat(page).doesNotContain("<script");
    assertThat(page).doesNotContain("<link");
    assertThat(page).doesNotContain("@import");
    assertThat(page).doesNotContain("src=\"");
    Matcher href = Pattern.compile("href=\"([^\"]*)\"").matcher(page);
    while (href.find()) {
      assertThat(href.group(1)).startsWith("#");
    }
    Matcher url = Pattern.compile("url\\(([^)]*)\\)").matcher(page);
    while (url.find()) {
      assertThat(url.group(1)).startsWith("#");
    }
    // the only absolute URL is the SVG namespace, which is a name, never fetched
    assertThat(page.replace("xmlns=\"http://www.w3.org/2000/svg\"", "")).doesNotContainMatch("https?://");
  }

  @Test
  void capacityForAnUnknownGroupIsABug() {
    FleetPlan plan = SyntheticFleet.plan(2);
    Resources r = new Resources(1, 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReportWriter.render(plan,
        new ReportInputs(List.of(new GroupCapacity("no-such-group", r, r, r, List.of())), List.of(), List.of())));
    assertThat(e).hasMessageThat().contains("\"no-such-group\"");
  }

  @Test
  void alikeGroupsShareOneRuleTable() {
    FleetPlan plan = SyntheticFleet.plan(100);
    List<ReportPage.RuleSet> sets = ReportPage.security(plan);
    assertThat(sets.stream().map(ReportPage.RuleSet::role).toList()).containsExactly("server", "monitoring", "routing", "client").inOrder();
    assertThat(sets.get(0).members()).containsExactly("core-1", "core-2", "core-3").inOrder();
    assertThat(sets.get(3).members()).hasSize(100);
    assertThat(sets.get(3).rules()).hasSize(plan.groups().get(0).ports().size());
    ReportPage.RuleRow https = sets.get(2).rules().stream().filter(r -> r.port().equals("443")).findFirst().orElseThrow();
    assertThat(https.from()).isEqualTo("anywhere: 0.0.0.0/0");
    assertThat(https.protocol()).isEqualTo("tcp");
    assertThat(https.why()).isEqualTo("HTTPS ingress");
  }

  @Test
  void diagramBoxesNeverOverlapAndStayInTheirPanels() {
    FleetPlan plan = SyntheticFleet.plan(100);
    TopologyLayout.Diagram d = TopologyLayout.layout(plan);
    List<Box> all = new ArrayList<>(d.boxes());
    all.addAll(d.lanes());
    for (int i = 0; i < all.size(); i++) {
      for (int j = i + 1; j < all.size(); j++) {
        Box a = all.get(i);
        Box b = all.get(j);
        boolean nested = a.cls().startsWith("node") && b.cls().equals("lane") && inside(a, b);
        if (!nested) {
          assertThat(overlap(a, b)).isFalse();
        }
      }
    }
    for (Box b : d.boxes()) {
      if (b.cls().equals("entry")) {
        continue;
      }
      assertThat(d.panels().stream().anyMatch(p -> inside(b, p))).isTrue();
      for (Svg.Label l : b.labels()) {
        // the cut text fits the box at the widest monospace advance
        assertThat(l.x() + l.text().length() * TopologyLayout.FONT * Svg.CHAR_EM).isAtMost(b.x() + b.w());
      }
    }
    assertThat(d.boxes().stream().filter(b -> b.cls().equals("group")).count()).isEqualTo(100);
    // 4 regions: 6 peerings (full mesh) plus the public entry
    assertThat(d.paths().stream().filter(p -> p.cls().equals("peering")).count()).isEqualTo(6);
  }

  @Test
  void regionHeaderNeverCrossesThePublicEntry() {
    // us-east-1 has six zones: narrow lanes, so the header does not fit left of the entry path
    for (String primary : List.of("eu-central-1", "us-east-1")) {
      TopologyLayout.Diagram d = TopologyLayout.layout(SyntheticFleet.plan(12, primary));
      String entry = d.paths().stream().filter(p -> p.cls().equals("entry")).findFirst().orElseThrow().d();
      Matcher h = Pattern.compile("H([0-9.]+)").matcher(entry);
      assertThat(h.find()).isTrue();
      double entryX = Double.parseDouble(h.group(1));
      Box panel = d.panels().get(0);
      Svg.Label header = panel.labels().get(0);
      assertThat(header.text()).startsWith(primary + " \u00b7 ");
      assertThat(header.text()).endsWith("primary");
      double right = header.x() + header.text().length() * (TopologyLayout.FONT + 1) * Svg.CHAR_EM;
      assertThat(header.x() > entryX || right < entryX).isTrue();
    }
  }

  @Test
  void longTextIsCutWithAnEllipsis() {
    assertThat(Svg.fit("clients-eu", 200, 12)).isEqualTo("clients-eu");
    String cut = Svg.fit("clients-eu-central-1-very-long-group-name", 100, 12);
    assertThat(cut).endsWith("\u2026");
    assertThat(cut.length()).isEqualTo((int) Math.floor(100 / (12 * Svg.CHAR_EM)));
    assertThat(Svg.num(-1234567)).isEqualTo("\u22121,234,567");
  }

  private static boolean overlap(Box a, Box b) {
    return a.x() < b.x() + b.w() && b.x() < a.x() + a.w() && a.y() < b.y() + b.h() && b.y() < a.y() + a.h();
  }

  private static boolean inside(Box a, Box outer) {
    return a.x() >= outer.x() && a.y() >= outer.y() && a.x() + a.w() <= outer.x() + outer.w() && a.y() + a.h() <= outer.y() + outer.h();
  }
}
