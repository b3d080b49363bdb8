package dev.bitte.processor.emit.terraform;

import static dev.bitte.processor.emit.terraform.Conventions.id;
import static dev.bitte.processor.emit.terraform.Conventions.literal;
import static dev.bitte.processor.emit.terraform.Conventions.remote;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bitte.processor.emit.Json;
import dev.bitte.processor.plan.FleetPlan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code hydrate}: the Vault, Consul and Nomad providers pointed at the core (addresses are
 * outputs of {@code core}), and what {@link Hydrate} collected: Nomad namespaces, Vault policies,
 * Consul service-intentions config entries. With nothing collected it declares only the providers,
 * which is valid and applies as a no-op.
 *
 * <p>Credentials and CA certificates come from the environment the runner sets
 * ({@code VAULT_TOKEN}/{@code VAULT_CACERT}, {@code CONSUL_HTTP_TOKEN}/{@code CONSUL_CACERT},
 * {@code NOMAD_TOKEN}/{@code NOMAD_CACERT}), never from this file. The service names resolve
 * to private addresses: hydrate runs from inside the fleet's network or through the runner's
 * tunnel.
 */
final class HydrateWorkspace {
  static final String WORKSPACE = "hydrate";

  /** Provider → {source, version}. The versions are not checked against a schema (see the docs). */
  static final Map<String, String[]> PROVIDERS = providers();

  private static Map<String, String[]> providers() {
    Map<String, String[]> m = new LinkedHashMap<>();
    m.put("consul", new String[] {"hashicorp/consul", "~> 2.21"});
    m.put("nomad", new String[] {"hashicorp/nomad", "~> 2.4"});
    m.put("vault", new String[] {"hashicorp/vault", "~> 5.0"});
    return java.util.Collections.unmodifiableMap(m);
  }

  byte[] render(FleetPlan plan, Hydrate hydrate) {
    TerraformDoc doc = new TerraformDoc();
    doc.root().put("//", Conventions.header(plan, WORKSPACE, "Nomad namespaces, Vault policies and Consul intentions, applied through the core's APIs."));
    Conventions.terraformBlock(doc, plan, WORKSPACE, PROVIDERS);
    Conventions.remoteState(doc, plan, CoreWorkspace.WORKSPACE);

    doc.provider("vault").put("address", remote(CoreWorkspace.WORKSPACE, "vault_address"));
    ObjectNode consul = doc.provider("consul");
    consul.put("address", remote(CoreWorkspace.WORKSPACE, "consul_address"));
    consul.put("scheme", "https");
    consul.put("datacenter", remote(CoreWorkspace.WORKSPACE, "consul_datacenter"));
    doc.provider("nomad").put("address", remote(CoreWorkspace.WORKSPACE, "nomad_address"));

    hydrate.namespaces().forEach((name, description) -> {
      ObjectNode ns = doc.resource("nomad_namespace", id(name));
      ns.put("name", name);
      ns.put("description", literal(description));
    });
    hydrate.vaultPolicies().forEach((name, hcl) -> {
      ObjectNode p = doc.resource("vault_policy", id(name));
      p.put("name", name);
      p.put("policy", literal(hcl));
    });
    hydrate.intentions().forEach((destination, sources) -> {
      ObjectNode entry = doc.resource("consul_config_entry", "intentions_" + id(destination));
      entry.put("kind", "service-intentions");
      entry.put("name", destination);
      ObjectNode config = Json.object();
      ArrayNode list = config.putArray("Sources");
      for (Hydrate.Intention i : sources) {
        list.addObject().put("Name", i.source()).put("Action", i.action()).put("Type", "consul");
      }
      entry.put("config_json", literal(Json.write(config).strip()));
    });
    return doc.bytes();
  }
}
