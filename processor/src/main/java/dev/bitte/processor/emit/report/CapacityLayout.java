package dev.bitte.processor.emit.report;

import dev.bitte.processor.emit.report.ReportInputs.GroupCapacity;
import dev.bitte.processor.emit.report.ReportInputs.JobUsage;
import dev.bitte.processor.emit.report.ReportInputs.Resources;
import dev.bitte.processor.emit.report.Svg.Label;
import dev.bitte.processor.plan.GroupPlan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * Lays out one row per client group: its name, then a CPU bar and a memory bar. A bar's track is
 * {@link #TRACK} pixels wide and stands for the group's capacity at max (or for what its jobs use,
 * if that is more); shaded bands and markers show the capacity at min and at desired, and one
 * segment per job, stacked left to right in job-name order, shows what the job uses at desired.
 * Every row has the same height and every label is cut to its column, so rows never overlap.
 */
public final class CapacityLayout {
  static final double WIDTH = 1160;
  static final double NAME_W = 220;
  static final double TRACK = 400;
  static final double CPU_X = 236;
  static final double MEM_X = CPU_X + TRACK + 40;
  static final double TRACK_Y = 6;
  static final double TRACK_H = 16;
  static final double ROW_H = 62;
  static final double FONT = 11;
  static final double NAME_FONT = 12;

  /** One group's row. {@code known} is false when no capacity plan was given for it. */
  public record Row(String group, String region, boolean known, List<Label> labels, List<Bar> bars, List<JobLine> jobs, String title) {}

  /** A CPU or memory bar: bands at min/desired/max, job segments, markers. */
  public record Bar(String resource, double x, double y, double width, double height, long min, long desired, long max, long used,
      List<Band> bands, List<Segment> segments, List<Marker> markers) {}

  public record Band(String which, double x, double width) {}

  public record Segment(String job, long used, double x, double width, String fill, String title) {}

  public record Marker(String which, double x, String title) {}

  public record JobLine(String job, String cpu, String memory, String cpuShare, String memoryShare, String fill) {}

  static List<Row> layout(List<GroupPlan> groups, List<GroupCapacity> capacity, List<String> jobOrder) {
    List<Row> rows = new ArrayList<>();
    for (GroupPlan g : groups) {
      GroupCapacity c = capacity.stream().filter(x -> x.group().equals(g.name())).findFirst().orElse(null);
      boolean known = c != null;
      if (c == null) {
        c = raw(g);
      }
      List<JobUsage> jobs = c.jobs().stream().sorted(Comparator.comparing(JobUsage::job)).toList();
      String unit = known ? "" : " (raw instance capacity)";
      Bar cpu = bar("cpu", CPU_X, c, jobs, Resources::cpuMhz, "MHz", jobOrder);
      Bar mem = bar("memory", MEM_X, c, jobs, Resources::memoryMib, "MiB", jobOrder);
      List<Label> labels = new ArrayList<>();
      labels.add(new Label(0, 16, Svg.fit(g.name(), NAME_W, NAME_FONT), "name"));
      labels.add(new Label(0, 32, Svg.fit(g.instance().name() + " \u00d7 " + g.group().desired() + " at desired", NAME_W, NAME_FONT), ""));
      labels.add(new Label(0, 48, Svg.fit(g.region() + " \u00b7 " + g.group().min() + "\u2013" + g.group().max() + " nodes", NAME_W, NAME_FONT), "dim"));
      for (Bar b : List.of(cpu, mem)) {
        String u = b.resource().equals("cpu") ? "MHz" : "MiB";
        String used = known
            ? "used " + Svg.num(b.used()) + " of " + Svg.num(b.desired()) + " " + u + " at desired (" + percent(b.used(), b.desired()) + ")"
            : Svg.num(b.desired()) + " " + u + " at desired" + unit;
        String headroom = "headroom min " + Svg.num(b.min() - b.used()) + " \u00b7 desired " + Svg.num(b.desired() - b.used())
            + " \u00b7 max " + Svg.num(b.max() - b.used());
        boolean short_ = b.used() > b.min();
        labels.add(new Label(b.x(), 37, Svg.fit(used, TRACK, FONT), b.used() > b.desired() ? "neg" : ""));
        labels.add(new Label(b.x(), 53, Svg.fit(headroom, TRACK, FONT), short_ ? "neg" : "dim"));
      }
      List<JobLine> lines = new ArrayList<>();
      for (JobUsage j : jobs) {
        lines.add(new JobLine(j.job(), Svg.num(j.used().cpuMhz()), Svg.num(j.used().memoryMib()),
            percent(j.used().cpuMhz(), c.atDesired().cpuMhz()), percent(j.used().memoryMib(), c.atDesired().memoryMib()), fill(j.job(), jobOrder)));
      }
      String title = g.name() + ": " + g.instance().name() + ", min " + g.group().min() + ", desired " + g.group().desired() + ", max " + g.group().max();
      rows.add(new Row(g.name(), g.region(), known, labels, List.of(cpu, mem), lines, title));
    }
    return rows;
  }

  /** Without a capacity plan: the instance type's CPU and memory less the Nomad client's reserve, times the node count. */
  static GroupCapacity raw(GroupPlan g) {
    long cpu = g.instance().cpuMhz() - dev.bitte.processor.schedule.NomadReserve.CPU_MHZ;
    long mem = g.instance().memoryMib() - dev.bitte.processor.schedule.NomadReserve.MEMORY_MIB;
    return new GroupCapacity(g.name(), new Resources(cpu * g.group().min(), mem * g.group().min()),
        new Resources(cpu * g.group().desired(), mem * g.group().desired()), new Resources(cpu * g.group().max(), mem * g.group().max()),
        List.of());
  }

  /** The pixels per unit of a bar: the track stands for the capacity at max, or the use if larger. */
  static double scale(long max, long used) {
    return TRACK / Math.max(1, Math.max(max, used));
  }

  private static Bar bar(String resource, double x, GroupCapacity c, List<JobUsage> jobs, ToLongFunction<Resources> f, String unit,
      List<String> jobOrder) {
    long min = f.applyAsLong(c.atMin());
    long desired = f.applyAsLong(c.atDesired());
    long max = f.applyAsLong(c.atMax());
    long used = jobs.stream().mapToLong(j -> f.applyAsLong(j.used())).sum();
    double scale = scale(max, used);
    List<Band> bands = List.of(
        new Band("min", x, Svg.px(min * scale)),
        new Band("desired", Svg.px(x + min * scale), Svg.px(Math.max(0, desired - min) * scale)),
        new Band("max", Svg.px(x + desired * scale), Svg.px(Math.max(0, max - desired) * scale)));
    List<Segment> segments = new ArrayList<>();
    long at = 0;
    for (JobUsage j : jobs) {
      long v = f.applyAsLong(j.used());
      segments.add(new Segment(j.job(), v, Svg.px(x + at * scale), Svg.px(v * scale), fill(j.job(), jobOrder),
          j.job() + ": " + Svg.num(v) + " " + unit + " at desired"));
      at += v;
    }
    List<Marker> markers = List.of(
        new Marker("min", Svg.px(x + min * scale), "capacity at min: " + Svg.num(min) + " " + unit),
        new Marker("desired", Svg.px(x + desired * scale), "capacity at desired: " + Svg.num(desired) + " " + unit),
        new Marker("max", Svg.px(x + max * scale), "capacity at max: " + Svg.num(max) + " " + unit));
    return new Bar(resource, x, TRACK_Y, TRACK, TRACK_H, min, desired, max, used, bands, segments, markers);
  }

  static String percent(long part, long whole) {
    if (whole <= 0) {
      return part > 0 ? "over" : "0%";
    }
    double p = 100.0 * part / whole;
    // As %.0f would (half up), without java.util.Formatter, which a cold JVM pays for per call.
    // Below 1e15 a double's shortest decimal form (which Formatter rounds) is exact in its integer part.
    return p >= 0 && p < 1e15 ? Math.round(p) + "%" : String.format(Locale.ROOT, "%.0f%%", p);
  }

  /** A job's colour: golden-angle hues by its place among all jobs, so neighbours differ. */
  static String fill(String job, List<String> jobOrder) {
    int i = Math.max(0, java.util.Collections.binarySearch(jobOrder, job));
    long hue = Math.round((i * 137.508) % 360);
    int light = 42 + (i % 3) * 8;
    return "hsl(" + hue + " 55% " + light + "%)";
  }
}
