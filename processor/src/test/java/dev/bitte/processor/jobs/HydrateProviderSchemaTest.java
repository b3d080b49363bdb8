package dev.bitte.processor.jobs;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.testing.compile.Compilation;
import dev.bitte.processor.testing.ProviderSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code hydrate} workspace of a fleet whose jobs use Vault policies (so it gets the JWT auth
 * method and a role per job), Nomad namespaces and Connect upstreams (Consul intentions), checked
 * against the real schemas of the Vault, Consul and Nomad providers (extracted from the npm
 * packages {@code @cdktf/provider-vault}, {@code -consul} and {@code -nomad} by {@code
 * tools/validators/provider-schema.mjs}).
 */
class HydrateProviderSchemaTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String HYDRATE = "bitte/testnet/terraform/hydrate/main.tf.json";

  private static JsonNode hydrate;
  private static List<ProviderSchema> schemas;

  @BeforeAll
  static void compileAndLoad() throws Exception {
    Compilation compilation = JobFixtures.compile(RichJobs.ALL);
    assertThat(compilation).succeededWithoutWarnings();
    hydrate = MAPPER.readTree(JobFixtures.generated(compilation, HYDRATE));
    schemas = List.of(ProviderSchema.vault(), ProviderSchema.consul(), ProviderSchema.nomad());
  }

  private static ProviderSchema schema(String type) {
    return schemas.stream().filter(s -> s.provider().type().equals(type)).findFirst().orElseThrow();
  }

  private static List<String> problems(JsonNode doc) {
    List<String> all = new ArrayList<>();
    for (ProviderSchema s : schemas) {
      all.addAll(s.check(doc));
    }
    return all;
  }

  private static Set<String> keys(JsonNode object) {
    Set<String> keys = new TreeSet<>();
    object.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  @Test
  void hydrateFitsTheVaultConsulAndNomadProviderSchemas() {
    // What is checked is really there: every kind of resource hydrate writes, and the three
    // provider blocks.
    assertThat(keys(hydrate.path("resource")))
        .containsExactly(
            "consul_acl_auth_method", "consul_acl_binding_rule", "consul_acl_policy", "consul_acl_role",
            "consul_config_entry", "nomad_namespace", "vault_jwt_auth_backend",
            "vault_jwt_auth_backend_role", "vault_policy");
    assertThat(keys(hydrate.path("provider"))).containsExactly("consul", "nomad", "vault");
    for (ProviderSchema s : schemas) {
      assertWithMessage("hydrate against the %s provider %s (%s)",
              s.provider().label(), s.providerVersion(), s.npmSource())
          .that(s.check(hydrate))
          .isEmpty();
      s.assertValid(hydrate);
    }
    // Nothing escapes the three checkers: every resource type is one of their providers', and the
    // only data source is the built-in terraform_remote_state.
    for (String type : keys(hydrate.path("resource"))) {
      String prefix = type.substring(0, type.indexOf('_'));
      assertWithMessage(type).that(List.of("consul", "nomad", "vault")).contains(prefix);
      assertWithMessage(type).that(schema(prefix).resource(type)).isNotNull();
    }
    assertThat(keys(hydrate.path("data"))).containsExactly("terraform_remote_state");
  }

  @Test
  void theSchemasKnowWhatHydrateReliesOn() {
    JsonNode role = schema("vault").resource("vault_jwt_auth_backend_role");
    assertThat(role.path("role_name").path("required").asBoolean()).isTrue();
    assertThat(role.path("user_claim").path("required").asBoolean()).isTrue();
    assertThat(role.path("token_policies").path("type").asText()).isEqualTo("list(string)");
    assertThat(role.path("bound_claims").path("type").asText()).isEqualTo("map(string)");
    assertThat(role.path("user_claim_json_pointer").path("type").asText()).isEqualTo("bool");
    assertThat(role.path("backend").path("required").asBoolean()).isFalse();
    JsonNode entry = schema("consul").resource("consul_config_entry");
    assertThat(keys(entry)).containsAtLeast("kind", "name", "config_json");
    assertThat(entry.path("kind").path("required").asBoolean()).isTrue();
    assertThat(entry.path("name").path("required").asBoolean()).isTrue();
    JsonNode method = schema("consul").resource("consul_acl_auth_method");
    assertThat(method.path("config_json").path("type").asText()).isEqualTo("string");
    JsonNode rule = schema("consul").resource("consul_acl_binding_rule");
    for (String arg : List.of("auth_method", "bind_type", "bind_name")) {
      assertWithMessage(arg).that(rule.path(arg).path("required").asBoolean()).isTrue();
    }
    assertThat(schema("consul").resource("consul_acl_role").path("policies").path("type").asText()).isEqualTo("list(string)");
    assertThat(schema("consul").resource("consul_acl_policy").path("rules").path("required").asBoolean()).isTrue();
    assertThat(schema("nomad").resource("nomad_namespace").path("name").path("required").asBoolean())
        .isTrue();
    assertThat(schema("nomad").providerBlock().path("address").path("required").asBoolean()).isTrue();
    assertThat(schema("vault").resourceTypes().size()).isGreaterThan(100);
  }

  /** "~> 5.0" admits 5.0 up to, not including, 6.0; "~> 2.21.1" admits 2.21.1 up to 2.22. */
  private static boolean admits(String constraint, String version) {
    Matcher m = Pattern.compile("~>\\s*(\\d+(?:\\.\\d+)+)").matcher(constraint.trim());
    assertWithMessage("a pessimistic constraint: %s", constraint).that(m.matches()).isTrue();
    int[] low = numbers(m.group(1));
    int[] v = numbers(version);
    for (int i = 0; i < low.length; i++) {
      int vi = i < v.length ? v[i] : 0;
      if (vi != low[i]) {
        // Only the last given part may grow: from it on, v must be at least the lower bound.
        return i == low.length - 1 && vi > low[i];
      }
    }
    return true;
  }

  private static int[] numbers(String version) {
    return java.util.Arrays.stream(version.split("\\.")).mapToInt(Integer::parseInt).toArray();
  }

  @Test
  void theRequiredProviderVersionsAdmitTheCheckedSchemas() {
    assertThat(admits("~> 5.0", "5.6.0")).isTrue();
    assertThat(admits("~> 5.0", "6.0.0")).isFalse();
    assertThat(admits("~> 2.21", "2.20.9")).isFalse();
    assertThat(admits("~> 2.21.1", "2.22.0")).isFalse();
    assertThat(admits("~> 2.21.1", "2.21.3")).isTrue();
    JsonNode required = hydrate.path("terraform").path("required_providers");
    for (ProviderSchema s : schemas) {
      JsonNode declared = required.path(s.provider().type());
      assertWithMessage(s.provider().type())
          .that(declared.path("source").asText())
          .isEqualTo("hashicorp/" + s.provider().type());
      assertWithMessage("%s %s admits the schema's provider %s", s.provider().type(),
              declared.path("version").asText(), s.providerVersion())
          .that(admits(declared.path("version").asText(), s.providerVersion()))
          .isTrue();
    }
  }

  @Test
  void aTypoAndAMissingRequiredArgumentInAJwtRoleAreReported() {
    ObjectNode doc = hydrate.deepCopy();
    ObjectNode role = (ObjectNode) doc.path("resource").path("vault_jwt_auth_backend_role").path("task_apps_web_server");
    assertThat(role.has("user_claim")).isTrue();
    role.set("user_clam", role.remove("user_claim"));
    role.remove("role_name");
    List<String> problems = problems(doc);
    assertThat(problems)
        .containsExactly(
            "resource.vault_jwt_auth_backend_role.task_apps_web_server: unknown argument \"user_clam\""
                + " (did you mean \"user_claim\"?)",
            "resource.vault_jwt_auth_backend_role.task_apps_web_server: missing required argument \"role_name\"",
            "resource.vault_jwt_auth_backend_role.task_apps_web_server: missing required argument \"user_claim\"");
    AssertionError error = assertThrows(AssertionError.class, () -> schema("vault").assertValid(doc));
    assertThat(error).hasMessageThat().contains("does not fit the Vault provider");
    // The Consul and Nomad checkers do not look at Vault's types.
    assertThat(schema("consul").check(doc)).isEmpty();
    assertThat(schema("nomad").check(doc)).isEmpty();
  }

  @Test
  void wrongTypesValuesAndProviderArgumentsOfEachProviderAreReported() {
    ObjectNode doc = hydrate.deepCopy();
    ObjectNode resources = (ObjectNode) doc.path("resource");
    // An unknown resource type, a plain string where a list is expected, a number for a bool.
    resources.set("vault_jwt_auth_backend_roles", resources.path("vault_jwt_auth_backend_role"));
    ObjectNode role = (ObjectNode) resources.path("vault_jwt_auth_backend_role").path("task_apps_web_server");
    role.put("token_policies", "web");
    role.put("user_claim_json_pointer", 1);
    // Consul: config given as a nested block instead of config_json's JSON string.
    ObjectNode entry = (ObjectNode) resources.path("consul_config_entry").path("intentions_db");
    entry.set("config", MAPPER.createObjectNode().put("Sources", "[]"));
    // Nomad: the provider block without its required address.
    ((ObjectNode) doc.path("provider").path("nomad").get(0)).remove("address");
    List<String> problems = problems(doc);
    assertThat(problems)
        .containsExactly(
            "resource.vault_jwt_auth_backend_roles: unknown Vault resource type"
                + " \"vault_jwt_auth_backend_roles\" (provider " + schema("vault").providerVersion()
                + ") (did you mean \"vault_jwt_auth_backend_role\"?)",
            "resource.vault_jwt_auth_backend_role.task_apps_web_server.token_policies: a plain string"
                + " (no ${...} expression) where list(string) is expected",
            "resource.vault_jwt_auth_backend_role.task_apps_web_server.user_claim_json_pointer: a number given"
                + " where a bool attribute is expected",
            "resource.consul_config_entry.intentions_db: unknown argument \"config\"",
            "provider.nomad: missing required argument \"address\"");
  }
}
