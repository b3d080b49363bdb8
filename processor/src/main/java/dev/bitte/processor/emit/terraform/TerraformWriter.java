package dev.bitte.processor.emit.terraform;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bitte.processor.emit.ArtifactWriter;
import dev.bitte.processor.emit.ManifestWriter;
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

  /**
   * The manifest's {@code terraform} section, for the runner: per workspace (in apply order) its
   * file, backend, state key and the variables it must be given ({@code -var name=value}).
   */
  public static ManifestWriter.ManifestSection manifestSection() {
    return (plan, root) -> {
      ObjectNode tf = root.putObject("terraform");
      tf.put("requiredVersion", Conventions.TERRAFORM_VERSION);
      tf.put("stateBucket", plan.fleet().stateBucket());
      tf.put("stateRegion", plan.fleet().primaryRegion());
      ArrayNode list = tf.putArray("workspaces");
      for (String ws : FleetPlan.WORKSPACES) {
        ObjectNode o = list.addObject();
        o.put("name", ws);
        o.put("path", path(ws));
        boolean local = ws.equals(BootstrapWorkspace.WORKSPACE);
        o.put("backend", local ? "local" : "s3");
        if (!local) {
          o.put("stateKey", Conventions.stateKey(plan, ws));
        }
        ArrayNode vars = o.putArray("variables");
        if (ws.equals(ClientsWorkspace.WORKSPACE)) {
          vars.addObject().put("name", ClientsWorkspace.FLAKE_VARIABLE)
              .put("description", "flake reference of bitte/" + plan.name() + "/nixos that new instances can fetch (no #fragment)");
        }
        if (ws.equals(HydrateWorkspace.WORKSPACE)) {
          // The JWT auth methods (Consul's always, Vault's with JobsHydrate's roles) check Nomad's JWKS with the CA.
          vars.addObject().put("name", HydrateWorkspace.CA_VARIABLE).put("description", HydrateWorkspace.CA_DESCRIPTION);
        }
      }
    };
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
