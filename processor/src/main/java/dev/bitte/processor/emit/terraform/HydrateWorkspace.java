package dev.bitte.processor.emit.terraform;

import static dev.bitte.processor.emit.terraform.Conventions.id;
import static dev.bitte.processor.emit.terraform.Conventions.literal;
import static dev.bitte.processor.emit.terraform.Conventions.remote;
import static dev.bitte.processor.emit.terraform.TerraformDoc.expr;

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

  /** Provider → {source, version}; the tests check the workspace against these providers' schemas (HydrateProviderSchemaTest). */
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
    doc.root().put("//", Conventions.header(plan, WORKSPACE, "Nomad namespaces, Vault policies, Vault's JWT auth method and roles for Nomad's workload identities, and Consul intentions, applied through the core's APIs."));
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
    if (!hydrate.vaultRoles().isEmpty()) {
      vaultWorkloadIdentities(doc, hydrate);
    }
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

  /** Vault's JWT auth method mount that Nomad's workload identities log in to (Nomad's default path). */
  public static final String JWT_PATH = "jwt-nomad";
  /** The audience the Nomad servers put in tasks' Vault identities ({@code vault.default_identity}). */
  public static final String VAULT_AUDIENCE = "vault.io";
  static final String CA_VARIABLE = "cluster_ca_file";
  /** What the CA variable is, in the workspace and in the manifest. */
  static final String CA_DESCRIPTION = "path of the cluster CA certificate (PEM), for Vault to fetch Nomad's JWKS over TLS"
      + " (the runner passes its secrets folder's ca.pem)";
  /**
   * The claim that names a workload to Vault (its entity alias): {@code <region>:<namespace>:<job>},
   * which the Nomad servers add to every Vault identity ({@code vault.default_identity.extra_claims}).
   */
  public static final String WORKLOAD_ID_CLAIM = "nomad_workload_id";

  /**
   * Nomad's workload identities for Vault, as Nomad documents them: a JWT auth method that checks
   * the identities against the JWKS of the Nomad server beside each Vault server (over TLS, with
   * the cluster CA; Vault fetches it when the method is written and at logins, so that Nomad
   * server must be up), and one role per task name of a job that asks for Vault policies, bound
   * to that job's namespace, id and task name, granting exactly those policies. The entity alias
   * is the workload's {@code <region>:<namespace>:<job>}, so jobs of one id in two namespaces stay
   * two identities.
   */
  private static void vaultWorkloadIdentities(TerraformDoc doc, Hydrate hydrate) {
    doc.variable(CA_VARIABLE, "string", CA_DESCRIPTION);
    ObjectNode jwt = doc.resource("vault_jwt_auth_backend", "nomad_workloads");
    jwt.put("path", JWT_PATH);
    jwt.put("type", "jwt");
    jwt.put("description", "Nomad workload identities");
    jwt.put("jwks_url", "https://127.0.0.1:4646/.well-known/jwks.json");
    jwt.put("jwks_ca_pem", expr("file(var." + CA_VARIABLE + ")"));
    jwt.set("jwt_supported_algs", TerraformDoc.strings(List.of("RS256", "EdDSA")));
    hydrate.vaultRoles().forEach((name, role) -> {
      // Namespace, job id and task are DNS labels (no '_'), so one '_' between them keeps keys apart.
      ObjectNode r = doc.resource("vault_jwt_auth_backend_role", "task_" + role.namespace() + "_" + role.jobId() + "_" + role.task());
      r.put("backend", expr("vault_jwt_auth_backend.nomad_workloads.path"));
      r.put("role_name", name);
      r.put("role_type", "jwt");
      r.set("bound_audiences", TerraformDoc.strings(List.of(VAULT_AUDIENCE)));
      ObjectNode bound = r.putObject("bound_claims");
      bound.put("nomad_namespace", role.namespace());
      bound.put("nomad_job_id", role.jobId());
      bound.put("nomad_task", role.task());
      r.put("user_claim", "/extra_claims/" + WORKLOAD_ID_CLAIM);
      r.put("user_claim_json_pointer", true);
      ObjectNode claims = r.putObject("claim_mappings");
      for (String c : List.of("nomad_namespace", "nomad_job_id", "nomad_task")) {
        claims.put(c, c);
      }
      r.put("token_type", "service");
      // Referencing the policies orders their creation before the role.
      r.set("token_policies", TerraformDoc.strings(role.policies().stream()
          .map(p -> hydrate.vaultPolicies().containsKey(p) ? expr("vault_policy." + id(p) + ".name") : p).toList()));
      r.put("token_period", 1800);
      r.put("token_explicit_max_ttl", 0);
    });
  }
}
