package dev.bitte.processor.emit.report;

import dev.bitte.processor.emit.ArtifactWriter;
import dev.bitte.processor.emit.Artifacts;
import dev.bitte.processor.emit.Templates;
import dev.bitte.processor.plan.FleetPlan;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code report/index.html}: the fleet as a page people would rather look at than JSON. One
 * self-contained file (inline CSS and SVG, no scripts, nothing loaded from the network; its
 * Content-Security-Policy forbids any load) that opens from disk: the topology, the jobs'
 * CPU and memory on each client group, the security rules, the services and the warnings.
 *
 * <p>Geometry is computed in Java ({@link TopologyLayout}, {@link CapacityLayout}); the template
 * escapes every string (HTML output format).
 */
public final class ReportWriter implements ArtifactWriter {
  public static final String PATH = "report/index.html";
  static final String TEMPLATE = "report/index.html.ftl";

  private final Function<FleetPlan, ReportInputs> inputs;

  /** A writer that knows nothing beyond the plan: no jobs, services or warnings. */
  public ReportWriter() {
    this(plan -> ReportInputs.EMPTY);
  }

  /** A writer that asks {@code inputs} for the capacity plan, services and warnings of a fleet. */
  public ReportWriter(Function<FleetPlan, ReportInputs> inputs) {
    this.inputs = inputs;
  }

  @Override
  public void write(FleetPlan plan, Artifacts out) {
    out.putText(PATH, render(plan, inputs.apply(plan)));
  }

  /** The page of {@code plan} with {@code inputs}. */
  public static String render(FleetPlan plan, ReportInputs inputs) {
    return Templates.render(TEMPLATE, Map.of("page", ReportPage.of(plan, inputs)));
  }
}
