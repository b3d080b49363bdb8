package dev.bitte.runner.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bitte.runner.Console;
import dev.bitte.runner.StepFailure;
import dev.bitte.runner.artifacts.Manifest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.StreamSupport;

/**
 * The gate between two core nodes of a rolling deploy, through the services' own HTTP APIs:
 * Consul ({@code /v1/status/leader}, {@code /v1/status/peers}), Nomad (the same two, Raft port
 * 4647) and Vault ({@code /v1/sys/health}: 200 active, 429 standby, 473 performance standby).
 *
 * <p>On a cluster that had a leader before the deploy ("rolling"), every server must be back
 * among the Raft peers with a leader elected and Vault unsealed before the next node goes. On a
 * fresh cluster ("bootstrap"), servers wait for each other (bootstrap_expect), so a server only
 * has to answer until the last one, after which the full quorum must form; an uninitialized
 * Vault is accepted then (it is initialized once, by the operator, with KMS auto-unseal).
 */
public final class HealthGate {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<Integer> VAULT_UNSEALED = Set.of(200, 429, 472, 473);

  /** Where each service of a node answers. */
  public record Endpoints(String consul, String nomad, String vault) {}

  public enum Mode { ROLLING, BOOTSTRAP }

  /** One check's outcome. */
  public record Check(String service, boolean ok, String detail) {}

  private final Console console;
  private final Function<Manifest.CoreNode, Endpoints> endpoints;
  private final HttpClient http;
  private final Duration requestTimeout;
  private final Duration timeout;
  private final Duration interval;

  public HealthGate(Console console, Function<Manifest.CoreNode, Endpoints> endpoints, javax.net.ssl.SSLContext ssl,
      Duration requestTimeout, Duration timeout, Duration interval) {
    this.console = console;
    this.endpoints = endpoints;
    HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(requestTimeout);
    if (ssl != null) {
      b.sslContext(ssl);
    }
    this.http = console.dryRun() ? null : b.build();
    this.requestTimeout = requestTimeout;
    this.timeout = timeout;
    this.interval = interval;
  }

  /** Rolling when Consul already has a leader (asked through the first server). */
  public Mode mode(Manifest.CoreNode firstServer) {
    if (console.dryRun()) {
      return Mode.ROLLING;
    }
    try {
      Response r = get(endpoints.apply(firstServer).consul() + "/v1/status/leader");
      return r.status == 200 && !JSON.readTree(r.body).asText("").isEmpty() ? Mode.ROLLING : Mode.BOOTSTRAP;
    } catch (IOException | RuntimeException e) {
      return Mode.BOOTSTRAP;
    }
  }

  /**
   * Blocks until {@code node} passes, or throws a {@link StepFailure} with the last results.
   *
   * @param servers every server of the fleet; {@code deployedServers} how many are deployed now
   */
  public void await(Manifest.CoreNode node, Mode mode, List<Manifest.CoreNode> servers, int deployedServers, Path log) {
    Endpoints e = endpoints.apply(node);
    if (console.dryRun()) {
      String what = node.server()
          ? "GET " + e.consul() + "/v1/status/leader + /v1/status/peers, " + e.nomad() + "/v1/status/leader + /v1/status/peers, "
              + e.vault() + "/v1/sys/health"
          : "GET " + e.consul() + "/v1/status/leader (a leader is still elected; skipped while the cluster bootstraps)";
      console.action("health gate after " + node.name() + ": " + what + " every " + interval.toSeconds() + "s for up to " + timeout.toSeconds() + "s");
      return;
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Check> checks;
    while (true) {
      checks = probe(node, mode, servers, deployedServers);
      if (checks.stream().allMatch(Check::ok)) {
        console.note("healthy: " + summary(checks));
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new StepFailure("health gate failed after deploying " + node.name(),
            "not healthy within " + dev.bitte.runner.Console.elapsed(timeout) + ": " + summary(checks), log);
      }
      try {
        Thread.sleep(interval.toMillis());
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        throw new StepFailure("interrupted while waiting for " + node.name() + " to become healthy", summary(checks), log);
      }
    }
  }

  public List<Check> probe(Manifest.CoreNode node, Mode mode, List<Manifest.CoreNode> servers, int deployedServers) {
    Endpoints e = endpoints.apply(node);
    List<Check> out = new ArrayList<>();
    boolean quorumExpected = mode == Mode.ROLLING || deployedServers >= servers.size();
    if (!node.server()) {
      if (mode == Mode.ROLLING) {
        out.add(leader("consul", e.consul()));
      }
      return out;
    }
    List<String> consulPeers = quorumExpected ? servers.stream().limit(mode == Mode.ROLLING ? servers.size() : deployedServers)
        .map(s -> s.privateIp() + ":8300").toList() : List.of();
    List<String> nomadPeers = consulPeers.stream().map(p -> p.replace(":8300", ":4647")).toList();
    if (quorumExpected) {
      out.add(raft("consul", e.consul(), mode == Mode.ROLLING ? List.of(node.privateIp() + ":8300") : consulPeers));
      out.add(raft("nomad", e.nomad(), mode == Mode.ROLLING ? List.of(node.privateIp() + ":4647") : nomadPeers));
    } else {
      out.add(answers("consul", e.consul() + "/v1/status/leader"));
      out.add(answers("nomad", e.nomad() + "/v1/status/leader"));
    }
    // Not initialized is fine in either mode: deploy-core initializes Vault once the servers pass
    // (and a rerun after a failure before that must get there again).
    out.add(vault(e.vault(), true));
    return out;
  }

  private Check leader(String service, String base) {
    try {
      Response r = get(base + "/v1/status/leader");
      String leader = r.status == 200 ? JSON.readTree(r.body).asText("") : "";
      return new Check(service, !leader.isEmpty(), leader.isEmpty() ? "no leader (" + r.status + ")" : "leader " + leader);
    } catch (IOException | RuntimeException ex) {
      return new Check(service, false, "unreachable at " + base + " (" + ex.getClass().getSimpleName() + ")");
    }
  }

  private Check raft(String service, String base, List<String> mustBePeers) {
    Check leader = leader(service, base);
    if (!leader.ok()) {
      return leader;
    }
    try {
      Response r = get(base + "/v1/status/peers");
      JsonNode peers = JSON.readTree(r.body);
      List<String> have = peers.isArray() ? StreamSupport.stream(peers.spliterator(), false).map(JsonNode::asText).toList() : List.of();
      List<String> missing = mustBePeers.stream().filter(p -> !have.contains(p)).toList();
      return new Check(service, missing.isEmpty(), leader.detail() + ", peers " + have.size() + (missing.isEmpty() ? "" : ", missing " + missing));
    } catch (IOException | RuntimeException ex) {
      return new Check(service, false, "peers unreadable at " + base + " (" + ex.getClass().getSimpleName() + ")");
    }
  }

  private Check answers(String service, String url) {
    try {
      Response r = get(url);
      return new Check(service, true, "answers (" + r.status + ")");
    } catch (IOException | RuntimeException ex) {
      return new Check(service, false, "unreachable at " + url + " (" + ex.getClass().getSimpleName() + ")");
    }
  }

  private Check vault(String base, boolean acceptUninitialized) {
    try {
      Response r = get(base + "/v1/sys/health");
      if (VAULT_UNSEALED.contains(r.status)) {
        return new Check("vault", true, r.status == 200 ? "active" : "standby, unsealed");
      }
      if (r.status == 501) {
        return new Check("vault", acceptUninitialized, "not initialized yet (deploy-core initializes it after the servers)");
      }
      if (r.status == 503) {
        return new Check("vault", false, "sealed (check the KMS auto-unseal key and its IAM permissions)");
      }
      return new Check("vault", false, "unexpected status " + r.status);
    } catch (IOException | RuntimeException ex) {
      return new Check("vault", false, "unreachable at " + base + " (" + ex.getClass().getSimpleName() + ")");
    }
  }

  private static String summary(List<Check> checks) {
    if (checks.isEmpty()) {
      return "no checks for this node in bootstrap mode";
    }
    return String.join("; ", checks.stream().map(c -> c.service() + " " + (c.ok() ? "ok" : "NOT ok") + " (" + c.detail() + ")").toList());
  }

  private record Response(int status, String body) {}

  private Response get(String url) throws IOException {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(requestTimeout).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
