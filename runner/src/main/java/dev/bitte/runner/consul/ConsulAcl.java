package dev.bitte.runner.consul;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bitte.runner.BitteException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * The Consul ACL policies and tokens of a fleet, made through Consul's HTTP API with the
 * management token once the servers have a leader. Tokens keep the SecretIDs the runner generated
 * into the secrets folder (the hosts already hold them), so a token is created once and updated
 * on later runs; policies are found by name and updated to the rules below.
 *
 * <ul>
 *   <li>each core node's agent token: a node identity (node:write for that node, service:read);
 *   <li>{@code bitte-dns}: the agents' default token, so Consul DNS (HAProxy's service lookups)
 *       answers under {@code default_policy = "deny"};
 *   <li>{@code bitte-nomad}: the Nomad servers' Consul token, as Nomad's documentation lists it
 *       (agent read; node and service write; {@code acl = "write"}; {@code mesh = "write"} for
 *       mesh config entries); job services, their Connect sidecars and Consul-reading tasks log
 *       in with workload identities instead (the hydrate workspace's auth method);
 *   <li>{@code bitte-vault}: Vault's service registration;
 *   <li>with client groups, {@code bitte-client-agent} (their agents: node write on any node
 *       name, since auto-scaled instances' names are not known in advance; service read) and
 *       {@code bitte-nomad-client} (what Nomad's documentation lists for clients: agent read,
 *       node and service write — job services register with their workload identities' tokens,
 *       Nomad deregisters them with this one — and key read for templates that carry no
 *       workload identity).
 * </ul>
 */
public final class ConsulAcl {
  public record Policy(String name, String description, String rules) {}

  /** A token to exist with this SecretID: linked to policies by name, or a node identity. */
  public record Token(String secretId, String description, List<String> policies, String nodeName, String datacenter) {}

  public static final Policy DNS = new Policy("bitte-dns", "Consul DNS and anonymous reads of the catalog (the agents' default token)",
      "node_prefix \"\" {\n  policy = \"read\"\n}\nservice_prefix \"\" {\n  policy = \"read\"\n}\nquery_prefix \"\" {\n  policy = \"read\"\n}\n");
  /** What Nomad's documentation lists for the agents' own Consul token (servers also write mesh config entries). */
  public static final Policy NOMAD = new Policy("bitte-nomad", "Nomad servers: register themselves and their services, write mesh config entries",
      "agent_prefix \"\" {\n  policy = \"read\"\n}\nnode_prefix \"\" {\n  policy = \"write\"\n}\nservice_prefix \"\" {\n  policy = \"write\"\n}\nacl = \"write\"\nmesh = \"write\"\n");
  public static final Policy VAULT = new Policy("bitte-vault", "Vault: register the vault service and its health checks",
      "service \"vault\" {\n  policy = \"write\"\n}\nagent_prefix \"\" {\n  policy = \"read\"\n}\n");
  public static final Policy CLIENT_AGENT = new Policy("bitte-client-agent",
      "Consul agents of the client groups: auto-scaled instances, whose node names are not known in advance",
      "node_prefix \"\" {\n  policy = \"write\"\n}\nservice_prefix \"\" {\n  policy = \"read\"\n}\n");
  public static final Policy NOMAD_CLIENT = new Policy("bitte-nomad-client", "Nomad clients: register themselves, deregister job services and checks, read keys",
      "agent_prefix \"\" {\n  policy = \"read\"\n}\nnode_prefix \"\" {\n  policy = \"write\"\n}\nservice_prefix \"\" {\n  policy = \"write\"\n}\nkey_prefix \"\" {\n  policy = \"read\"\n}\n");
  public static final List<Policy> POLICIES = List.of(DNS, NOMAD, VAULT);
  /** With client groups: also their agents' and Nomad clients' policies. */
  public static final List<Policy> POLICIES_WITH_CLIENTS = List.of(DNS, NOMAD, VAULT, CLIENT_AGENT, NOMAD_CLIENT);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String base;
  private final String managementToken;
  private final HttpClient http;
  private final Duration timeout;
  private final Duration patience;
  private final Duration interval;

  /**
   * @param patience how long a 403 on the first call is retried: right after the leader election
   *     the servers may not have created the initial management token yet
   */
  public ConsulAcl(String base, String managementToken, SSLContext ssl, Duration timeout, Duration patience, Duration interval) {
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.managementToken = managementToken;
    this.patience = patience;
    this.interval = interval;
    HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout);
    if (ssl != null) {
      b.sslContext(ssl);
    }
    this.http = b.build();
    this.timeout = timeout;
  }

  /** Makes every policy, then every token, exist as given; returns one line saying what changed. */
  public String ensure(List<Policy> policies, List<Token> tokens) {
    int created = 0;
    int updated = 0;
    JsonNode existing = firstCall();
    for (Policy p : policies) {
      ObjectNode body = JSON.createObjectNode().put("Name", p.name()).put("Description", p.description()).put("Rules", p.rules());
      String id = null;
      for (JsonNode e : existing) {
        if (e.path("Name").asText().equals(p.name())) {
          id = e.path("ID").asText();
        }
      }
      if (id == null) {
        call("PUT", "/v1/acl/policy", managementToken, body, "create the ACL policy " + p.name());
        created++;
      } else {
        call("PUT", "/v1/acl/policy/" + id, managementToken, body.put("ID", id), "update the ACL policy " + p.name());
        updated++;
      }
    }
    for (Token t : tokens) {
      ObjectNode body = JSON.createObjectNode().put("SecretID", t.secretId()).put("Description", t.description());
      ArrayNode links = body.putArray("Policies");
      t.policies().forEach(name -> links.addObject().put("Name", name));
      if (t.nodeName() != null) {
        body.putArray("NodeIdentities").addObject().put("NodeName", t.nodeName()).put("Datacenter", t.datacenter());
      }
      // A token reads itself: 200 when it exists, 403 "ACL not found" when it does not yet.
      Answer self = send("GET", "/v1/acl/token/self", t.secretId(), null);
      if (self.status() == 200) {
        String accessor = read(self.body()).path("AccessorID").asText();
        call("PUT", "/v1/acl/token/" + accessor, managementToken, body.put("AccessorID", accessor), "update the token " + t.description());
        updated++;
      } else if (self.status() == 403 || self.status() == 404) {
        call("PUT", "/v1/acl/token", managementToken, body, "create the token " + t.description());
        created++;
      } else {
        throw failure("look up the token " + t.description(), self);
      }
    }
    return created + " created, " + updated + " updated (" + policies.size() + " policies, " + tokens.size() + " tokens)";
  }

  /** GET /v1/acl/policies, retried on 403 for {@code patience} (the management token may not exist yet). */
  private JsonNode firstCall() {
    long deadline = System.nanoTime() + patience.toNanos();
    while (true) {
      Answer a = send("GET", "/v1/acl/policies", managementToken, null);
      if (a.status() == 200) {
        return read(a.body());
      }
      if (a.status() != 403 || System.nanoTime() >= deadline) {
        throw failure("list the ACL policies", a);
      }
      try {
        Thread.sleep(Math.max(1, interval.toMillis()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw failure("list the ACL policies", a);
      }
    }
  }

  private record Answer(int status, String body) {}

  private JsonNode call(String method, String path, String token, JsonNode body, String what) {
    Answer a = send(method, path, token, body);
    if (a.status() != 200) {
      throw failure(what, a);
    }
    return read(a.body());
  }

  private BitteException failure(String what, Answer a) {
    String hint = a.status() == 403
        ? "the management token in the secrets folder (consul-acl-bootstrap.token) is not the one the servers bootstrapped with; check acl.tokens.initial_management on the servers"
        : "check the Consul servers (journalctl -u consul) and run the step again";
    return new BitteException("Consul refused to " + what + " (HTTP " + a.status() + ")", a.body().strip(), hint);
  }

  private Answer send(String method, String path, String token, JsonNode body) {
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout).header("X-Consul-Token", token);
    try {
      r.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
      HttpResponse<String> response = http.send(r.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new BitteException("cannot reach Consul at " + base, e.toString(), "check that the servers are up and the SSH tunnel works (bitte info)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BitteException("interrupted while talking to Consul", e.toString(), "run the step again");
    }
  }

  private static JsonNode read(String body) {
    try {
      return body == null || body.isBlank() ? JSON.nullNode() : JSON.readTree(body);
    } catch (IOException e) {
      throw new BitteException("Consul answered something that is not JSON", body, "check CONSUL_HTTP_ADDR points at Consul");
    }
  }
}
