package dev.bitte.processor.emit.terraform;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.testing.compile.Compilation;
import dev.bitte.processor.emit.Artifacts;
import dev.bitte.processor.emit.Json;
import dev.bitte.processor.plan.FleetPlan;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hook later stages use to fill {@code hydrate}, and what it renders. */
class HydrateTest {
  @Test
  void collectedContentBecomesNomadVaultAndConsulResources() {
    Hydrate h = new Hydrate()
        .nomadNamespace("apps", "Applications")
        .vaultPolicy("web", "path \"kv/data/web/*\" { capabilities = [\"read\"] }")
        .consulIntention("web", "db", true)
        .consulIntention("batch", "db", false)
        .nomadNamespace("apps", "Applications");
    JsonNode doc = Json.read(new HydrateWorkspace().render(SampleFleetPlan.plan(), h));
    JsonNode r = doc.path("resource");
    assertThat(r.path("nomad_namespace").path("apps").path("name").asText()).isEqualTo("apps");
    assertThat(r.path("vault_policy").path("web").path("policy").asText()).contains("capabilities");
    JsonNode entry = r.path("consul_config_entry").path("intentions_db");
    assertThat(entry.path("kind").asText()).isEqualTo("service-intentions");
    assertThat(entry.path("name").asText()).isEqualTo("db");
    JsonNode sources = Json.read(entry.path("config_json").asText().getBytes(java.nio.charset.StandardCharsets.UTF_8)).path("Sources");
    assertThat(sources.size()).isEqualTo(2);
    assertThat(sources.get(0).path("Name").asText()).isEqualTo("batch");
    assertThat(sources.get(0).path("Action").asText()).isEqualTo("deny");
    assertThat(sources.get(1).path("Action").asText()).isEqualTo("allow");
    // Every provider the resources need is required and configured from core's outputs, unless
    // the optional variable of the same name (the runner's SSH tunnel) is set.
    for (String p : new String[] {"nomad", "vault", "consul"}) {
      assertThat(doc.path("terraform").path("required_providers").has(p)).isTrue();
      assertThat(doc.path("provider").path(p).get(0).path("address").asText())
          .isEqualTo("${coalesce(var." + p + "_address, data.terraform_remote_state.core.outputs." + p + "_address)}");
      JsonNode v = doc.path("variable").path(p + "_address");
      assertThat(v.path("type").asText()).isEqualTo("string");
      assertThat(v.has("default") && v.get("default").isNull()).isTrue();
    }
  }

  @Test
  void conflictingContentIsABug() {
    Hydrate h = new Hydrate().nomadNamespace("apps", "one");
    assertThrows(IllegalStateException.class, () -> h.nomadNamespace("apps", "two"));
    assertThrows(IllegalArgumentException.class, () -> h.vaultPolicy("no spaces", "x"));
    h.vaultRole("apps", "web", "server", java.util.List.of("web"));
    h.vaultRole("apps", "web", "server", java.util.List.of("web"));
    assertThrows(IllegalStateException.class, () -> h.vaultRole("apps", "web", "server", java.util.List.of("web", "admin")));
    // The role's name and Terraform key are made of the three: each must be a DNS label.
    assertThrows(IllegalArgumentException.class, () -> h.vaultRole("apps", "web_1", "server", java.util.List.of("web")));
    assertThrows(IllegalArgumentException.class, () -> h.vaultRole("apps", "web", "a.b", java.util.List.of("web")));
  }

  @Test
  void contributionsReachTheWrittenWorkspaceAndItsReferencesResolve() {
    Compilation c = FleetCompiler.compile(FleetCompiler.sampleSource());
    Map<String, JsonNode> docs = new LinkedHashMap<>(FleetCompiler.workspaces(c, FleetCompiler.SAMPLE));
    Artifacts out = new Artifacts();
    new TerraformWriter(java.util.List.of((plan, hydrate) -> hydrate.nomadNamespace("apps", "Apps of " + plan.name())))
        .write(SampleFleetPlan.plan(), out);
    JsonNode hydrate = Json.read(out.files().get(TerraformWriter.path("hydrate")));
    assertThat(hydrate.path("resource").path("nomad_namespace").path("apps").path("description").asText()).isEqualTo("Apps of my-testnet");
    docs.put("hydrate", hydrate);
    assertThat(TerraformReferences.check(docs, SampleTerraformTest.stateKeys(docs))).isEmpty();
    assertThat(out.files().keySet()).hasSize(FleetPlan.WORKSPACES.size());
  }
}
