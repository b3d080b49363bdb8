package dev.bitte.processor.emit.terraform;

import dev.bitte.processor.emit.ArtifactWriter;
import dev.bitte.processor.emit.Artifacts;
import dev.bitte.processor.plan.FleetPlan;
import java.util.List;

/**
 * Writes {@code terraform/<workspace>/main.tf.json} for every workspace of
 * {@link FleetPlan#WORKSPACES}, in apply order: bootstrap, network, core, clients, hydrate.
 * Later stages add to {@code hydrate} through {@link Hydrate.Contribution}s.
 */
public final class TerraformWriter implements ArtifactWriter {
  /** The tag Consul's and Nomad's cloud auto-join match: value {@code <cluster>-<role>}. */
  public static final String AUTO_JOIN_TAG = Conventions.TAG_JOIN;

  private final List<Hydrate.Contribution> contributions;

  public TerraformWriter() {
    this(List.of());
  }

  public TerraformWriter(List<Hydrate.Contribution> contributions) {
    this.contributions = List.copyOf(contributions);
  }

  public static String path(String workspace) {
    return "terraform/" + workspace + "/main.tf.json";
  }

  @Override
  public void write(FleetPlan plan, Artifacts out) {
    Hydrate hydrate = new Hydrate();
    contributions.forEach(c -> c.contribute(plan, hydrate));
    for (String ws : FleetPlan.WORKSPACES) {
      byte[] bytes = switch (ws) {
        case BootstrapWorkspace.WORKSPACE -> new BootstrapWorkspace().render(plan);
        case NetworkWorkspace.WORKSPACE -> new NetworkWorkspace().render(plan);
        case CoreWorkspace.WORKSPACE -> new CoreWorkspace().render(plan);
        case ClientsWorkspace.WORKSPACE -> new ClientsWorkspace().render(plan);
        case HydrateWorkspace.WORKSPACE -> new HydrateWorkspace().render(plan, hydrate);
        default -> throw new IllegalStateException("no Terraform writer for workspace " + ws);
      };
      out.put(path(ws), bytes);
    }
  }
}
