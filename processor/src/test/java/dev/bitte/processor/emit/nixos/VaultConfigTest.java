package dev.bitte.processor.emit.nixos;

import static com.google.common.truth.Truth.assertThat;
import static dev.bitte.processor.emit.nixos.NixosWriterTest.eval;
import static dev.bitte.processor.emit.nixos.NixosWriterTest.module;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bitte.processor.plan.FleetPlan;
import dev.bitte.processor.testing.Hcl2Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Vault configuration a server gets, assembled from the evaluated module the way NixOS's
 * {@code services.vault} module writes {@code vault.hcl}, parses with HashiCorp's HCL parser and
 * holds the plan's values.
 */
class VaultConfigTest {
  /** As nixos/modules/services/security/vault.nix renders its configFile. */
  static String vaultHcl(JsonNode v) {
    return "listener \"tcp\" {\n"
        + "  address = \"" + v.get("address").asText() + "\"\n"
        + "  tls_cert_file = \"" + v.get("tlsCertFile").asText() + "\"\n"
        + "  tls_key_file = \"" + v.get("tlsKeyFile").asText() + "\"\n"
        + v.get("listenerExtraConfig").asText() + "\n"
        + "}\n"
        + "storage \"" + v.get("storageBackend").asText() + "\" {\n"
        + "  path = \"" + v.get("storagePath").asText() + "\"\n"
        + v.get("storageConfig").asText() + "\n"
        + "}\n"
        + v.get("extraConfig").asText() + "\n";
  }

  @Test
  void eachServersVaultHclParsesAndJoinsTheOtherServers() {
    List<String> servers = NixosWriterTest.serverIps();
    for (int i = 0; i < servers.size(); i++) {
      String name = "core-" + (i + 1);
      JsonNode hcl = Hcl2Json.parseString("vault.hcl", vaultHcl(eval(module("vault-server", name) + ".services.vault")));
      JsonNode raft = hcl.get("storage").get("raft").get(0);
      assertThat(raft.get("node_id").asText()).isEqualTo(name);
      List<String> joined = new ArrayList<>();
      raft.get("retry_join").forEach(j -> joined.add(j.get("leader_api_addr").asText()));
      List<String> expected = new ArrayList<>();
      for (String ip : servers) {
        if (!ip.equals(servers.get(i))) {
          expected.add("https://" + ip + ":8200");
        }
      }
      assertThat(joined).containsExactlyElementsIn(expected).inOrder();
      JsonNode listener = hcl.get("listener").get("tcp").get(0);
      assertThat(listener.get("address").asText()).isEqualTo("0.0.0.0:8200");
      assertThat(listener.get("tls_key_file").asText()).isEqualTo(NixosWriterTest.credential("vault", "vaultKey.pem"));
      assertThat(hcl.get("api_addr").asText()).isEqualTo("https://" + servers.get(i) + ":8200");
      JsonNode seal = hcl.get("seal").get("awskms").get(0);
      assertThat(seal.get("region").asText()).isEqualTo("eu-central-1");
      assertThat(seal.has("kms_key_id")).isFalse();
      assertThat(hcl.get("service_registration").get("consul").get(0).get("scheme").asText()).isEqualTo("https");
    }
  }
}
