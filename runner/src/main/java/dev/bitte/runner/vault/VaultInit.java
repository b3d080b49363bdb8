package dev.bitte.runner.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bitte.runner.BitteException;
import dev.bitte.runner.secrets.SecretFiles;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * Initializes Vault once, as {@code vault operator init} would, through its HTTP API: {@code GET
 * /v1/sys/init} says whether it is; if not, {@code PUT /v1/sys/init} with recovery shares (the
 * awskms seal unseals with the bootstrap KMS key, so there are no unseal keys, only recovery
 * keys) answers the root token and the recovery keys, which are written to the secrets folder
 * (0600) before anything else happens and never printed.
 */
public final class VaultInit {
  /** The root token from the initialization: hydrate's VAULT_TOKEN unless the operator sets one. */
  public static final String ROOT_TOKEN = "vault-root.token";
  /** The recovery keys (base64) and their threshold: move them offline. */
  public static final String RECOVERY_KEYS = "vault-recovery-keys.json";
  public static final int RECOVERY_SHARES = 5;
  public static final int RECOVERY_THRESHOLD = 3;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String base;
  private final HttpClient http;
  private final Duration timeout;

  public VaultInit(String base, SSLContext ssl, Duration timeout) {
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout);
    if (ssl != null) {
      b.sslContext(ssl);
    }
    this.http = b.build();
    this.timeout = timeout;
  }

  /** Initializes Vault unless it is; returns what happened, in words (no secret). */
  public String ensure(Path secretsDir) {
    JsonNode status = read(send("GET", null, timeout), "ask whether Vault is initialized");
    if (status.path("initialized").asBoolean(false)) {
      return "already initialized";
    }
    Path root = secretsDir.resolve(ROOT_TOKEN);
    Path keys = secretsDir.resolve(RECOVERY_KEYS);
    if (Files.exists(root) || Files.exists(keys)) {
      throw new BitteException("Vault is not initialized, but " + root + " or " + keys + " exists",
          "those are from an earlier initialization: writing over them could lose the only copy of a root token",
          "move them away (they belong to a Vault that no longer exists, or to another cluster), then run the step again");
    }
    // The secrets folder must take the answer: a root token that cannot be saved is lost.
    SecretFiles.mkdirs(secretsDir);
    if (!Files.isWritable(secretsDir)) {
      throw new BitteException("cannot write to " + secretsDir, "Vault's root token and recovery keys go there", "fix its permissions");
    }
    ObjectNode body = JSON.createObjectNode().put("recovery_shares", RECOVERY_SHARES).put("recovery_threshold", RECOVERY_THRESHOLD);
    Answer a;
    try {
      // Generous: an answer that comes after the client gave up would lose the root token.
      a = send("PUT", body, INIT_TIMEOUT);
    } catch (BitteException e) {
      throw new BitteException("no answer from Vault to its initialization", e.getMessage()
          + "; Vault may have been initialized without the runner receiving the root token and recovery keys",
          "check `vault status`: if it says Initialized true, the keys are lost: wipe the servers' raft data (/var/lib/vault) and run deploy-core again");
    }
    if (a.status() == 400 && a.body().contains("already initialized")) {
      return "already initialized (by another run a moment ago)";
    }
    JsonNode init = read(a, "initialize Vault");
    String token = init.path("root_token").asText("");
    if (token.isEmpty()) {
      throw new BitteException("Vault's answer to the initialization has no root token", a.body().length() + " bytes",
          "check the Vault servers' logs (journalctl -u vault)");
    }
    ObjectNode saved = JSON.createObjectNode();
    saved.set("recovery_keys_base64", init.path("recovery_keys_base64"));
    saved.put("recovery_threshold", RECOVERY_THRESHOLD);
    try {
      SecretFiles.write(keys, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(saved) + "\n");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    SecretFiles.write(root, token + "\n");
    return "initialized: root token in " + ROOT_TOKEN + ", " + init.path("recovery_keys_base64").size() + " recovery keys (any "
        + RECOVERY_THRESHOLD + " of them) in " + RECOVERY_KEYS + " (0600): move the recovery keys offline";
  }

  private record Answer(int status, String body) {}

  private static final Duration INIT_TIMEOUT = Duration.ofMinutes(5);

  private Answer send(String method, JsonNode body, Duration requestTimeout) {
    try {
      HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + "/v1/sys/init")).timeout(requestTimeout);
      r.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
          : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8));
      HttpResponse<String> response = http.send(r.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new BitteException("cannot reach Vault at " + base, e.toString(), "check that the servers are up and the SSH tunnel works (bitte info)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BitteException("interrupted while talking to Vault", e.toString(), "run the step again");
    }
  }

  private static JsonNode read(Answer a, String what) {
    if (a.status() != 200) {
      throw new BitteException("Vault refused to " + what + " (HTTP " + a.status() + ")", a.body().strip(),
          "check the Vault servers (journalctl -u vault) and run the step again");
    }
    try {
      return JSON.readTree(a.body());
    } catch (IOException e) {
      throw new BitteException("Vault answered something that is not JSON", a.body(), "check VAULT_ADDR points at Vault");
    }
  }
}
