package dev.bitte.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An in-process stand-in for a cluster's HTTP APIs, behaving as their documentation says:
 * Consul under /consul, Vault under /vault, Nomad under /nomad (status endpoints plus the job
 * API: parse, plan with Diff, register with EnforceIndex, evaluations, deployments, read, stop).
 * Knobs make it fail the documented ways: 403 without the token, 409/500 index conflicts, 500s,
 * slow answers, failed deployments, placement failures, a sealed Vault, a missing leader.
 */
final class FakeCluster implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  static {
    // Without TCP_NODELAY every response waits ~40 ms for a delayed ACK (Nagle): tests would crawl.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  final HttpServer server;
  final List<String> requests = Collections.synchronizedList(new ArrayList<>());
  /** Job ids that have allocations, running for {@link #allocationPolls} more GET /v1/allocations, then complete. */
  final List<String> runningAllocs = Collections.synchronizedList(new ArrayList<>());
  final java.util.concurrent.atomic.AtomicInteger allocationPolls = new java.util.concurrent.atomic.AtomicInteger();
  final Map<String, JsonNode> bodies = new ConcurrentHashMap<>();
  final List<JsonNode> registerBodies = Collections.synchronizedList(new ArrayList<>());
  final List<String> tokens = Collections.synchronizedList(new ArrayList<>());

  // Nomad state: job id -> stored job and its modify index
  final Map<String, JsonNode> jobs = new ConcurrentHashMap<>();
  final Map<String, Long> jobIndex = new ConcurrentHashMap<>();
  final Map<String, Long> deploymentIndex = new ConcurrentHashMap<>();
  final AtomicLong index = new AtomicLong(100);
  final AtomicInteger evalPolls = new AtomicInteger();
  final AtomicInteger deploymentPolls = new AtomicInteger();

  volatile String requiredToken;
  volatile String aclBootstrapSecret;
  volatile int registerConflictStatus; // 0: honour EnforceIndex normally
  volatile int planStatus = 200;
  volatile long delayMillis;
  volatile String deploymentFinal = "successful";
  volatile boolean placementFailure;
  /** Runs after a plan was answered: a teammate's change landing between plan and register. */
  volatile Runnable afterPlan;
  volatile int vaultStatus = 200;
  volatile String consulLeader = "\"10.0.0.10:8300\"";
  volatile List<String> serverIps = List.of("10.0.0.10", "10.0.16.11", "10.0.32.12");

  FakeCluster() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", this::handle);
    server.start();
  }

  String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Another job version on the cluster, as if a teammate registered it concurrently. */
  void registerConcurrently(String id, JsonNode job) {
    jobs.put(id, job);
    jobIndex.put(id, index.incrementAndGet());
  }

  @Override
  public void close() {
    server.stop(0);
    https.forEach(h -> h.stop(0));
  }

  private final List<HttpServer> https = new ArrayList<>();

  /**
   * The same APIs over TLS on a port of their own, as a node serves them: {@code prefix} is the
   * service ("/consul", "/nomad", "/vault"). With {@code needClientAuth}, clients must present a
   * certificate the context trusts (mutual TLS, as Nomad's verify_https_client).
   */
  int https(String prefix, javax.net.ssl.SSLContext ctx, boolean needClientAuth) throws IOException {
    com.sun.net.httpserver.HttpsServer s = com.sun.net.httpserver.HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    s.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(ctx) {
      @Override
      public void configure(com.sun.net.httpserver.HttpsParameters params) {
        javax.net.ssl.SSLParameters p = ctx.getDefaultSSLParameters();
        p.setNeedClientAuth(needClientAuth);
        params.setSSLParameters(p);
      }
    });
    s.setExecutor(Executors.newCachedThreadPool());
    s.createContext("/", ex -> handle(ex, prefix));
    s.start();
    https.add(s);
    return s.getAddress().getPort();
  }

  private void handle(HttpExchange ex) throws IOException {
    handle(ex, "");
  }

  private void handle(HttpExchange ex, String prefix) throws IOException {
    try {
      String method = ex.getRequestMethod();
      String path = prefix + ex.getRequestURI().getPath();
      String query = ex.getRequestURI().getRawQuery();
      requests.add(method + " " + path + (query == null ? "" : "?" + query));
      String token = ex.getRequestHeaders().getFirst("X-Nomad-Token");
      tokens.add(token == null ? "" : token);
      byte[] in = ex.getRequestBody().readAllBytes();
      JsonNode body = in.length == 0 ? null : JSON.readTree(in);
      if (delayMillis > 0) {
        Thread.sleep(delayMillis);
      }
      if (path.startsWith("/consul/")) {
        consul(ex, method, path.substring("/consul".length()), body, ex.getRequestHeaders().getFirst("X-Consul-Token"));
      } else if (path.equals("/vault/v1/sys/init")) {
        vaultInit(ex, method, body);
      } else if (path.startsWith("/vault/")) {
        send(ex, vaultStatus, "{\"sealed\":" + (vaultStatus == 503) + "}");
      } else if (path.startsWith("/nomad/")) {
        nomad(ex, method, path.substring("/nomad".length()), body, token);
      } else {
        send(ex, 404, "no such endpoint");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // the client went away (timeout tests)
    } finally {
      ex.close();
    }
  }

  // Vault: initialized once (PUT /v1/sys/init), as documented for an auto-unseal (awskms) seal.
  volatile boolean vaultInitialized;
  volatile JsonNode vaultInitBody;
  final AtomicInteger vaultInits = new AtomicInteger();
  static final String VAULT_ROOT = "hvs.fake-root-token";

  private synchronized void vaultInit(HttpExchange ex, String method, JsonNode body) throws IOException {
    if (method.equals("GET")) {
      send(ex, 200, "{\"initialized\":" + vaultInitialized + "}");
      return;
    }
    if (vaultInitialized) {
      send(ex, 400, "{\"errors\":[\"Vault is already initialized\"]}");
      return;
    }
    if (body == null || !body.has("recovery_shares") || body.has("secret_shares")) {
      send(ex, 400, "{\"errors\":[\"parameters secret_shares,secret_threshold not applicable to seal type awskms\"]}");
      return;
    }
    vaultInitialized = true;
    vaultInitBody = body;
    vaultInits.incrementAndGet();
    ObjectNode r = JSON.createObjectNode();
    r.putArray("keys");
    r.putArray("keys_base64");
    var hex = r.putArray("recovery_keys");
    var b64 = r.putArray("recovery_keys_base64");
    for (int i = 0; i < body.path("recovery_shares").asInt(); i++) {
      hex.add("0" + i);
      b64.add("recovery-key-" + i);
    }
    r.put("root_token", VAULT_ROOT);
    send(ex, 200, JSON.writeValueAsString(r));
  }

  // Consul ACL state: the management token (adopted from the first ACL call when not set, as the
  // servers take it from acl.tokens.initial_management), policies by ID, tokens by SecretID.
  volatile String consulManagement;
  final Map<String, ObjectNode> consulPolicies = new ConcurrentHashMap<>();
  final Map<String, ObjectNode> consulTokens = new ConcurrentHashMap<>();
  final AtomicInteger consulIds = new AtomicInteger();

  private void consul(HttpExchange ex, String method, String path, JsonNode body, String token) throws IOException {
    switch (path) {
      case "/v1/status/leader" -> send(ex, 200, consulLeader);
      case "/v1/status/peers" -> send(ex, 200, JSON.writeValueAsString(serverIps.stream().map(i -> i + ":8300").toList()));
      default -> {
        if (path.startsWith("/v1/acl/")) {
          consulAcl(ex, method, path, body, token);
        } else {
          send(ex, 404, "");
        }
      }
    }
  }

  /** Consul's ACL API as documented: policies and tokens, 403 "ACL not found" for an unknown token. */
  /** How many ACL calls answer 403 before the servers "have created" the initial management token. */
  final AtomicInteger consulAclNotReady = new AtomicInteger();

  private synchronized void consulAcl(HttpExchange ex, String method, String path, JsonNode body, String token) throws IOException {
    if (consulAclNotReady.getAndDecrement() > 0) {
      send(ex, 403, "ACL not found");
      return;
    }
    if (method.equals("GET") && path.equals("/v1/acl/token/self")) {
      ObjectNode t = token == null ? null : consulTokens.get(token);
      if (t == null && token != null && token.equals(consulManagement)) {
        send(ex, 200, "{\"AccessorID\":\"management\",\"SecretID\":\"" + token + "\"}");
      } else if (t == null) {
        send(ex, 403, "ACL not found");
      } else {
        send(ex, 200, JSON.writeValueAsString(t));
      }
      return;
    }
    if (consulManagement == null) {
      consulManagement = token;
    }
    if (token == null || !token.equals(consulManagement)) {
      send(ex, 403, "Permission denied: token with AccessorID '...' lacks permission 'acl:write'");
      return;
    }
    Matcher m;
    if (method.equals("GET") && path.equals("/v1/acl/policies")) {
      send(ex, 200, JSON.writeValueAsString(consulPolicies.values().stream()
          .map(p -> JSON.createObjectNode().put("ID", p.path("ID").asText()).put("Name", p.path("Name").asText())).toList()));
    } else if (method.equals("PUT") && path.equals("/v1/acl/policy")) {
      String name = body.path("Name").asText();
      if (consulPolicies.values().stream().anyMatch(p -> p.path("Name").asText().equals(name))) {
        send(ex, 500, "Invalid Policy: A Policy with Name \"" + name + "\" already exists");
        return;
      }
      ObjectNode p = body.deepCopy();
      p.put("ID", "policy-" + consulIds.incrementAndGet());
      consulPolicies.put(p.path("ID").asText(), p);
      send(ex, 200, JSON.writeValueAsString(p));
    } else if (method.equals("PUT") && (m = Pattern.compile("/v1/acl/policy/([^/]+)").matcher(path)).matches()) {
      if (!consulPolicies.containsKey(m.group(1)) || !body.path("ID").asText(m.group(1)).equals(m.group(1))) {
        send(ex, 400, "Invalid Policy: ID does not exist");
        return;
      }
      ObjectNode p = body.deepCopy();
      p.put("ID", m.group(1));
      consulPolicies.put(m.group(1), p);
      send(ex, 200, JSON.writeValueAsString(p));
    } else if (method.equals("PUT") && path.equals("/v1/acl/token")) {
      String secret = body.path("SecretID").asText();
      if (consulTokens.containsKey(secret) || secret.equals(consulManagement)) {
        send(ex, 500, "Invalid Token: SecretID is already in use");
        return;
      }
      for (JsonNode link : body.path("Policies")) {
        if (consulPolicies.values().stream().noneMatch(p -> p.path("Name").asText().equals(link.path("Name").asText()))) {
          send(ex, 400, "Invalid Policy: No such policy with name \"" + link.path("Name").asText() + "\"");
          return;
        }
      }
      ObjectNode t = body.deepCopy();
      t.put("AccessorID", "accessor-" + consulIds.incrementAndGet());
      consulTokens.put(secret, t);
      send(ex, 200, JSON.writeValueAsString(t));
    } else if (method.equals("PUT") && (m = Pattern.compile("/v1/acl/token/([^/]+)").matcher(path)).matches()) {
      String accessor = m.group(1);
      ObjectNode existing = consulTokens.values().stream().filter(t -> t.path("AccessorID").asText().equals(accessor)).findFirst().orElse(null);
      if (existing == null) {
        send(ex, 403, "ACL not found");
        return;
      }
      if (body.has("SecretID") && !body.path("SecretID").asText().equals(existing.path("SecretID").asText())) {
        send(ex, 400, "Cannot change a token's SecretID");
        return;
      }
      ObjectNode t = body.deepCopy();
      t.put("AccessorID", accessor).put("SecretID", existing.path("SecretID").asText());
      consulTokens.put(existing.path("SecretID").asText(), t);
      send(ex, 200, JSON.writeValueAsString(t));
    } else {
      send(ex, 404, "no such ACL endpoint");
    }
  }

  private static final Pattern JOB_NAME = Pattern.compile("job\\s+\"([^\"]+)\"");
  private static final Pattern TYPE = Pattern.compile("type\\s*=\\s*\"([^\"]+)\"");
  private static final Pattern NS = Pattern.compile("namespace\\s*=\\s*\"([^\"]+)\"");

  private void nomad(HttpExchange ex, String method, String path, JsonNode body, String token) throws IOException {
    if (path.equals("/v1/status/leader")) {
      send(ex, 200, "\"10.0.0.10:4647\"");
      return;
    }
    if (path.equals("/v1/status/peers")) {
      send(ex, 200, JSON.writeValueAsString(serverIps.stream().map(i -> i + ":4647").toList()));
      return;
    }
    if (method.equals("POST") && path.equals("/v1/acl/bootstrap")) {
      if (aclBootstrapSecret != null) {
        send(ex, 400, "ACL bootstrap already done (reset index: 7)");
      } else {
        aclBootstrapSecret = body.path("BootstrapSecret").asText();
        send(ex, 200, "{\"AccessorID\":\"a\",\"SecretID\":\"" + aclBootstrapSecret + "\",\"Type\":\"management\"}");
      }
      return;
    }
    if (requiredToken != null && !requiredToken.equals(token)) {
      send(ex, 403, "Permission denied");
      return;
    }
    Matcher m;
    if (method.equals("POST") && path.equals("/v1/jobs/parse")) {
      String hcl = body.path("JobHCL").asText();
      Matcher name = JOB_NAME.matcher(hcl);
      if (!name.find()) {
        send(ex, 400, "error parsing: no job block");
        return;
      }
      Matcher type = TYPE.matcher(hcl);
      Matcher ns = NS.matcher(hcl);
      ObjectNode job = JSON.createObjectNode();
      job.put("ID", name.group(1)).put("Name", name.group(1)).put("Type", type.find() ? type.group(1) : "service")
          .put("Namespace", ns.find() ? ns.group(1) : "default").put("Spec", hcl);
      send(ex, 200, JSON.writeValueAsString(job));
    } else if (method.equals("POST") && (m = Pattern.compile("/v1/job/([^/]+)/plan").matcher(path)).matches()) {
      if (planStatus != 200) {
        send(ex, planStatus, "rpc error: plan failed");
        return;
      }
      String id = m.group(1);
      JsonNode current = jobs.get(id);
      String type = current == null ? "Added" : current.equals(body.path("Job")) ? "None" : "Edited";
      ObjectNode plan = JSON.createObjectNode();
      plan.put("JobModifyIndex", jobIndex.getOrDefault(id, 0L));
      ObjectNode diff = plan.putObject("Diff");
      diff.put("Type", type).put("ID", id);
      if (!type.equals("None")) {
        diff.putArray("TaskGroups").addObject().put("Name", "frontend").put("Type", type).putObject("Updates").put("create", 2);
        plan.putObject("Annotations").putObject("DesiredTGUpdates").putObject("frontend").put("Place", 2).put("Stop", 0);
      }
      if (placementFailure) {
        plan.putObject("FailedTGAllocs").putObject("frontend").put("NodesEvaluated", 3).putObject("DimensionExhausted").put("memory", 3);
      }
      send(ex, 200, JSON.writeValueAsString(plan));
      Runnable hook = afterPlan;
      if (hook != null) {
        hook.run();
      }
    } else if (method.equals("POST") && path.equals("/v1/jobs")) {
      registerBodies.add(body);
      String id = body.path("Job").path("ID").asText();
      if (registerConflictStatus != 0) {
        send(ex, registerConflictStatus, "Enforcing job modify index " + body.path("JobModifyIndex").asLong()
            + ": job exists with conflicting job modify index: " + jobIndex.getOrDefault(id, 0L));
        return;
      }
      long have = jobIndex.getOrDefault(id, 0L);
      if (body.path("EnforceIndex").asBoolean() && body.path("JobModifyIndex").asLong() != have) {
        send(ex, 500, "Enforcing job modify index " + body.path("JobModifyIndex").asLong() + ": job exists with conflicting job modify index: " + have);
        return;
      }
      long idx = index.incrementAndGet();
      jobs.put(id, body.path("Job"));
      jobIndex.put(id, idx);
      deploymentIndex.put(id, idx);
      send(ex, 200, "{\"EvalID\":\"eval-" + idx + "\",\"JobModifyIndex\":" + idx + ",\"Warnings\":\"\"}");
    } else if (method.equals("GET") && (m = Pattern.compile("/v1/evaluation/([^/]+)").matcher(path)).matches()) {
      int n = evalPolls.incrementAndGet();
      ObjectNode ev = JSON.createObjectNode();
      ev.put("ID", m.group(1)).put("Status", n % 2 == 1 ? "pending" : "complete");
      if (placementFailure && n % 2 == 0) {
        ev.putObject("FailedTGAllocs").putObject("frontend").putObject("DimensionExhausted").put("memory", 3);
      }
      send(ex, 200, JSON.writeValueAsString(ev));
    } else if (method.equals("GET") && (m = Pattern.compile("/v1/job/([^/]+)/deployment").matcher(path)).matches()) {
      String id = m.group(1);
      if (!deploymentIndex.containsKey(id)) {
        send(ex, 200, "null");
        return;
      }
      int n = deploymentPolls.incrementAndGet();
      ObjectNode d = JSON.createObjectNode();
      d.put("ID", "dep-" + deploymentIndex.get(id)).put("JobID", id).put("JobModifyIndex", deploymentIndex.get(id));
      boolean done = n % 2 == 0;
      d.put("Status", done ? deploymentFinal : "running");
      d.put("StatusDescription", done ? (deploymentFinal.equals("failed") ? "Failed due to unhealthy allocations" : "Deployment completed successfully")
          : "Deployment is running");
      send(ex, 200, JSON.writeValueAsString(d));
    } else if (method.equals("GET") && (m = Pattern.compile("/v1/job/([^/]+)").matcher(path)).matches()) {
      JsonNode j = jobs.get(m.group(1));
      if (j == null) {
        send(ex, 404, "job not found");
        return;
      }
      ObjectNode out = j.deepCopy();
      out.put("Status", "running").put("Version", 0).put("JobModifyIndex", jobIndex.get(m.group(1)));
      send(ex, 200, JSON.writeValueAsString(out));
    } else if (method.equals("GET") && path.equals("/v1/jobs")) {
      String query = ex.getRequestURI().getQuery();
      String prefix = "";
      for (String kv : query == null ? new String[0] : query.split("&")) {
        if (kv.startsWith("prefix=")) {
          prefix = kv.substring("prefix=".length());
        }
      }
      List<String> out = new ArrayList<>();
      for (String id : new java.util.TreeSet<>(jobs.keySet())) {
        if (id.startsWith(prefix)) {
          out.add("{\"ID\":" + JSON.writeValueAsString(id) + "}");
        }
      }
      send(ex, 200, "[" + String.join(",", out) + "]");
    } else if (method.equals("GET") && path.equals("/v1/allocations")) {
      // The allocations of runningAllocs (job ids) run for allocationPolls more reads, then are complete.
      boolean running = allocationPolls.getAndDecrement() > 0;
      List<String> out = new ArrayList<>();
      for (String job : runningAllocs) {
        out.add("{\"ID\":\"0123456789abcdef\",\"JobID\":" + JSON.writeValueAsString(job) + ",\"ClientStatus\":\""
            + (running ? "running" : "complete") + "\"}");
      }
      send(ex, 200, "[" + String.join(",", out) + "]");
    } else if (method.equals("DELETE") && (m = Pattern.compile("/v1/job/(.+)").matcher(path)).matches()) {
      // As Nomad (job_endpoint.go Deregister): an unknown job is no error, just no evaluation;
      // ?purge=true also forgets the job.
      if (!jobs.containsKey(m.group(1))) {
        send(ex, 200, "{\"EvalID\":\"\",\"JobModifyIndex\":0}");
        return;
      }
      String query = ex.getRequestURI().getRawQuery();
      // A periodic (or parameterized) parent has no allocations of its own: no evaluation.
      boolean parent = jobs.get(m.group(1)).hasNonNull("Periodic");
      if (query != null && java.util.Arrays.asList(query.split("&")).contains("purge=true")) {
        jobs.remove(m.group(1));
      }
      if (parent) {
        send(ex, 200, "{\"EvalID\":\"\",\"JobModifyIndex\":" + index.incrementAndGet() + "}");
        return;
      }
      long idx = index.incrementAndGet();
      send(ex, 200, "{\"EvalID\":\"eval-" + idx + "\",\"JobModifyIndex\":" + idx + "}");
    } else {
      send(ex, 404, "no such endpoint " + method + " " + path);
    }
  }

  private static void send(HttpExchange ex, int status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
    if (b.length > 0) {
      try (OutputStream o = ex.getResponseBody()) {
        o.write(b);
      }
    }
  }
}
