package dev.bitte.processor.emit.terraform;

import static dev.bitte.processor.emit.terraform.Conventions.id;
import static dev.bitte.processor.emit.terraform.Conventions.literal;
import static dev.bitte.processor.emit.terraform.Conventions.remote;
import static dev.bitte.processor.emit.terraform.TerraformDoc.expr;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bitte.processor.emit.Json;
import dev.bitte.processor.emit.WorkloadIdentities;
import dev.bitte.processor.plan.FleetPlan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code hydrate}: the Vault, Consul and Nomad providers pointed at the core (addresses are
 * outputs of {@code core}), Consul's JWT auth method for Nomad's workload identities (every fleet:
 * the Nomad servers give services and tasks Consul identities), and what {@link Hydrate} collected:
 * Nomad namespaces, Vault policies, Vault's JWT auth method and roles, Consul service-intentions
 * config entries.
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
    doc.root().put("//", Conventions.header(plan, WORKSPACE, "Nomad namespaces, Vault policies, the JWT auth methods (Consul, and Vault when tasks ask for it) and roles for Nomad's workload identities, and Consul intentions, applied through the core's APIs."));
    Conventions.terraformBlock(doc, plan, WORKSPACE, PROVIDERS);
    Conventions.remoteState(doc, plan, CoreWorkspace.WORKSPACE);

    doc.provider("vault").put("address", address(doc, "vault_address", "Vault's API (https://host:port)"));
    ObjectNode consul = doc.provider("consul");
    consul.put("address", address(doc, "consul_address", "Consul's HTTPS API (host:port)"));
    consul.put("scheme", "https");
    consul.put("datacenter", remote(CoreWorkspace.WORKSPACE, "consul_datacenter"));
    doc.provider("nomad").put("address", address(doc, "nomad_address", "Nomad's API (https://host:port)"));

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
    // The CA lets Vault and Consul fetch the local Nomad server's JWKS over TLS.
    doc.variable(CA_VARIABLE, "string", CA_DESCRIPTION);
    consulWorkloadIdentities(doc);
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

  /** The Consul role, and its policy, of tasks whose templates read Consul. */
  public static final String CONSUL_TASKS_ROLE = "nomad-tasks";
  /** What a task's Consul token may do: read the catalog (service discovery) and the KV store; write nothing. */
  public static final String CONSUL_TASKS_RULES = "service_prefix \"\" {\n  policy = \"read\"\n}\nnode_prefix \"\" {\n  policy = \"read\"\n}\n"
      + "key_prefix \"\" {\n  policy = \"read\"\n}\n";
  /** Stands for the CA certificate's JSON string in the auth method's configuration until it is made an interpolation. */
  private static final String CA_PLACEHOLDER = "\u0000ca\u0000";

  /**
   * Nomad's workload identities for Consul, as Nomad documents them (Nomad 1.10 removed the
   * older flow in which the servers derived Connect sidecars' tokens with their own): a JWT auth
   * method that checks identities against the JWKS of the Nomad server beside each Consul server
   * (over TLS with the cluster CA), and two binding rules. A service's identity (it has the
   * {@code nomad_service} claim) gets a token with that service's service identity, so it can
   * register only itself, and its Connect sidecar can run; a task's identity (tasks whose
   * templates read Consul carry one) gets the role {@value #CONSUL_TASKS_ROLE}. No
   * {@code max_token_ttl}: Nomad cannot recreate expired Consul tokens. Tokens stay local to
   * Consul's one datacenter (the default).
   */
  private static void consulWorkloadIdentities(TerraformDoc doc) {
    ObjectNode method = doc.resource("consul_acl_auth_method", "nomad_workloads");
    method.put("name", WorkloadIdentities.CONSUL_AUTH_METHOD);
    method.put("type", "jwt");
    method.put("description", "Nomad workload identities: services register themselves, tasks read the catalog and KV");
    method.put("config_json", consulAuthConfig());

    ObjectNode policy = doc.resource("consul_acl_policy", "nomad_tasks");
    policy.put("name", CONSUL_TASKS_ROLE);
    policy.put("description", "Nomad tasks' templates: read services, nodes and keys");
    policy.put("rules", literal(CONSUL_TASKS_RULES));
    ObjectNode role = doc.resource("consul_acl_role", "nomad_tasks");
    role.put("name", CONSUL_TASKS_ROLE);
    role.put("description", "Nomad tasks that log in with their workload identity");
    role.set("policies", TerraformDoc.strings(List.of(expr("consul_acl_policy.nomad_tasks.name"))));

    ObjectNode services = doc.resource("consul_acl_binding_rule", "nomad_services");
    services.put("auth_method", expr("consul_acl_auth_method.nomad_workloads.name"));
    services.put("description", "a Nomad service's identity registers that service (and runs its Connect sidecar)");
    services.put("bind_type", "service");
    services.put("bind_name", literal("${value.nomad_service}"));
    services.put("selector", "\"nomad_service\" in value");
    ObjectNode tasks = doc.resource("consul_acl_binding_rule", "nomad_tasks");
    tasks.put("auth_method", expr("consul_acl_auth_method.nomad_workloads.name"));
    tasks.put("description", "a Nomad task's identity reads the catalog and KV");
    tasks.put("bind_type", "role");
    tasks.put("bind_name", expr("consul_acl_role.nomad_tasks.name"));
    tasks.put("selector", "\"nomad_service\" not in value");
  }

  /**
   * The auth method's configuration: JSON with the CA certificate interpolated as a JSON string
   * ({@code jsonencode(file(var.cluster_ca_file))}); the rest is literal, so a reviewer reads it as
   * Consul will. Compact, keys sorted: the provider reads the configuration back from Consul
   * re-encoded that way (Go's {@code json.Marshal}) and compares it as a string, so any other
   * layout would show as a change in every plan.
   */
  static String consulAuthConfig() {
    ObjectNode config = Json.object();
    config.put("JWKSURL", NOMAD_JWKS_URL);
    config.put("JWKSCACert", CA_PLACEHOLDER);
    config.set("JWTSupportedAlgs", TerraformDoc.strings(CONSUL_JWT_ALGORITHMS));
    config.set("BoundAudiences", TerraformDoc.strings(List.of(WorkloadIdentities.CONSUL_AUDIENCE)));
    ObjectNode claims = config.putObject("ClaimMappings");
    for (String c : List.of("nomad_namespace", "nomad_job_id", "nomad_task", "nomad_service")) {
      claims.put(c, c);
    }
    String json = literal(Json.writeCompact(config));
    String quoted = "\"\\u0000ca\\u0000\"";
    if (!json.contains(quoted)) {
      throw new IllegalStateException("the CA placeholder is not in " + json);
    }
    return json.replace(quoted, expr("jsonencode(file(var." + CA_VARIABLE + "))"));
  }

  /** Where Vault and Consul fetch the keys that sign Nomad's workload identities: the Nomad server on the same core node. */
  static final String NOMAD_JWKS_URL = "https://127.0.0.1:4646/.well-known/jwks.json";
  /** The algorithms Nomad signs workload identities with, for Vault (whose JWT plugin accepts both). */
  static final List<String> JWT_ALGORITHMS = List.of("RS256", "EdDSA");
  /**
   * For Consul: RS256, as Nomad's documentation and {@code nomad setup consul} configure it;
   * Consul's JWT auth method accepts only the RS, ES and PS families and rejects the whole method
   * for any other name.
   */
  static final List<String> CONSUL_JWT_ALGORITHMS = List.of("RS256");

  /**
   * A provider's address: the core's output (its private DNS name, reachable inside the VPC), or
   * the optional variable of the same name when set — the runner sets it to the first server as it
   * reaches it (SSH tunnel, or its private IP). Optional variables are not in the manifest's list of
   * required ones.
   */
  private static String address(TerraformDoc doc, String output, String what) {
    ObjectNode v = doc.variable(output, "string", "Where to reach " + what + " instead of the core workspace's output " + output
        + " (the runner passes the first server: its SSH tunnel, or with --direct its private IP); null: the output");
    v.putNull("default");
    return expr("coalesce(var." + output + ", data.terraform_remote_state." + CoreWorkspace.WORKSPACE + ".outputs." + output + ")");
  }

  /** Vault's JWT auth method mount that Nomad's workload identities log in to (Nomad's default path). */
  public static final String JWT_PATH = "jwt-nomad";
  static final String CA_VARIABLE = "cluster_ca_file";
  /** What the CA variable is, in the workspace and in the manifest. */
  static final String CA_DESCRIPTION = "path of the cluster CA certificate (PEM), for Vault and Consul to fetch Nomad's JWKS over TLS"
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
    ObjectNode jwt = doc.resource("vault_jwt_auth_backend", "nomad_workloads");
    jwt.put("path", JWT_PATH);
    jwt.put("type", "jwt");
    jwt.put("description", "Nomad workload identities");
    jwt.put("jwks_url", NOMAD_JWKS_URL);
    jwt.put("jwks_ca_pem", expr("file(var." + CA_VARIABLE + ")"));
    jwt.set("jwt_supported_algs", TerraformDoc.strings(JWT_ALGORITHMS));
    hydrate.vaultRoles().forEach((name, role) -> {
      // Namespace, job id and task are DNS labels (no '_'), so one '_' between them keeps keys apart.
      ObjectNode r = doc.resource("vault_jwt_auth_backend_role", "task_" + role.namespace() + "_" + role.jobId() + "_" + role.task());
      r.put("backend", expr("vault_jwt_auth_backend.nomad_workloads.path"));
      r.put("role_name", name);
      r.put("role_type", "jwt");
      r.set("bound_audiences", TerraformDoc.strings(List.of(WorkloadIdentities.VAULT_AUDIENCE)));
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
