package dev.bitte.runner.nomad;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bitte.runner.BitteException;
import dev.bitte.runner.Env;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/**
 * The few Nomad HTTP API calls the runner needs (https://developer.hashicorp.com/nomad/api-docs):
 * parse, plan, register with EnforceIndex, evaluations, deployments, read and stop a job. Every
 * failure becomes a {@link BitteException} that names the address and the endpoint.
 */
public final class NomadClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final NomadConfig config;
  private final HttpClient http;

  public NomadClient(Env env, NomadConfig config) {
    this.config = config;
    HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(config.timeout()).followRedirects(HttpClient.Redirect.NEVER);
    SSLContext ssl = config.sslContext(env);
    if (ssl != null) {
      b.sslContext(ssl);
    }
    this.http = b.build();
  }

  public NomadConfig config() {
    return config;
  }

  /** A register refused because the job changed since it was planned. */
  public static final class IndexConflict extends BitteException {
    public IndexConflict(String what, String why, String next) {
      super(what, why, next);
    }
  }

  /** POST /v1/jobs/parse: HCL2 to the job's JSON, canonicalized (defaults filled in). */
  public JsonNode parse(String hcl, String artifact) {
    ObjectNode body = JSON.createObjectNode();
    body.put("JobHCL", hcl);
    body.put("Canonicalize", true);
    return send("POST", "/v1/jobs/parse", null, body, "parse " + artifact);
  }

  /** POST /v1/job/:id/plan with Diff=true: what registering would change; carries JobModifyIndex. */
  public JsonNode plan(JsonNode job, String namespace) {
    ObjectNode body = JSON.createObjectNode();
    body.set("Job", job);
    body.put("Diff", true);
    body.put("PolicyOverride", false);
    return send("POST", "/v1/job/" + enc(job.path("ID").asText()) + "/plan", namespace, body, "plan job " + job.path("ID").asText());
  }

  /**
   * POST /v1/jobs with EnforceIndex: registers only if the job's modify index is still the one
   * the plan saw (0 = the job must not exist yet), so a concurrent change is never overwritten.
   */
  public JsonNode register(JsonNode job, String namespace, long jobModifyIndex) {
    ObjectNode body = JSON.createObjectNode();
    body.set("Job", job);
    body.put("EnforceIndex", true);
    body.put("JobModifyIndex", jobModifyIndex);
    String id = job.path("ID").asText();
    try {
      return send("POST", "/v1/jobs", namespace, body, "register job " + id);
    } catch (HttpError e) {
      if (e.status == 409 || (e.body.toLowerCase(Locale.ROOT).contains("modify index"))) {
        throw new IndexConflict("job " + id + " changed on the cluster since it was planned; nothing was registered",
            "Nomad refused the register at index " + jobModifyIndex + " (" + e.status + ": " + e.body.strip() + ")",
            "run `bitte jobs plan " + id + "` to see the current difference, then `bitte jobs run " + id
                + "` again; bitte never overwrites a concurrent change");
      }
      throw e;
    }
  }

  public JsonNode evaluation(String id) {
    return send("GET", "/v1/evaluation/" + enc(id), null, null, "read evaluation " + id);
  }

  /** GET /v1/job/:id/deployment: the latest deployment, or null (batch and system jobs have none). */
  public JsonNode latestDeployment(String jobId, String namespace) {
    JsonNode d = send("GET", "/v1/job/" + enc(jobId) + "/deployment", namespace, null, "read deployment of job " + jobId);
    return d == null || d.isNull() || d.isMissingNode() ? null : d;
  }

  /** GET /v1/job/:id, or null when there is no such job. */
  public JsonNode job(String jobId, String namespace) {
    try {
      return send("GET", "/v1/job/" + enc(jobId), namespace, null, "read job " + jobId);
    } catch (HttpError e) {
      if (e.status == 404) {
        return null;
      }
      throw e;
    }
  }

  /** DELETE /v1/job/:id: stops (does not purge) the job; returns the evaluation. */
  public JsonNode stop(String jobId, String namespace) {
    return send("DELETE", "/v1/job/" + enc(jobId), namespace, null, "stop job " + jobId);
  }

  /**
   * DELETE /v1/job/:id?purge=true: stops the job and removes it from Nomad's state (its namespace
   * can then go). Nomad answers a job it does not know with an empty {@code EvalID} and no
   * {@code JobModifyIndex}.
   */
  public JsonNode purge(String jobId, String namespace) {
    return send("DELETE", "/v1/job/" + enc(jobId) + "?purge=true", namespace, null, "purge job " + jobId);
  }

  /** GET /v1/jobs?prefix=: the jobs whose id starts with the prefix (a periodic or parameterized job's children: "<id>/"). */
  public JsonNode jobsWithPrefix(String prefix, String namespace) {
    return send("GET", "/v1/jobs?prefix=" + enc(prefix), namespace, null, "list jobs " + prefix + "*");
  }

  /** GET /v1/allocations: the namespace's allocations (stubs with JobID and ClientStatus). */
  public JsonNode allocations(String namespace) {
    return send("GET", "/v1/allocations", namespace, null, "list allocations");
  }

  /**
   * POST /v1/acl/bootstrap with BootstrapSecret: makes the token the runner generated Nomad's
   * management token. Idempotent for the runner: "already done" and "ACL support disabled" are
   * answers, not failures.
   *
   * @return "bootstrapped", "already bootstrapped" or "ACLs disabled"
   */
  public String aclBootstrap(String secret) {
    ObjectNode body = JSON.createObjectNode();
    body.put("BootstrapSecret", secret);
    try {
      send("POST", "/v1/acl/bootstrap", null, body, "bootstrap the ACL system");
      return "bootstrapped";
    } catch (HttpError e) {
      String text = e.body.toLowerCase(Locale.ROOT);
      if (text.contains("already done")) {
        return "already bootstrapped";
      }
      if (text.contains("acl support disabled")) {
        return "ACLs disabled";
      }
      throw e;
    }
  }

  private static final class HttpError extends BitteException {
    final int status;
    final String body;

    HttpError(String what, String why, String next, int status, String body) {
      super(what, why, next);
      this.status = status;
      this.body = body;
    }
  }

  private JsonNode send(String method, String path, String namespace, JsonNode body, String doing) {
    String query = namespace == null ? "" : (path.contains("?") ? "&" : "?") + "namespace=" + enc(namespace);
    URI uri;
    try {
      uri = URI.create(config.address() + path + query);
    } catch (IllegalArgumentException e) {
      throw new BitteException("bad Nomad address \"" + config.address() + "\"", e.getMessage(), "set NOMAD_ADDR (or --nomad-addr) to a URL like https://10.0.0.1:4646");
    }
    HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(config.timeout()).header("Accept", "application/json");
    if (config.token() != null) {
      req.header("X-Nomad-Token", config.token());
    }
    try {
      if (body != null) {
        req.header("Content-Type", "application/json");
        req.method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
      } else {
        req.method(method, HttpRequest.BodyPublishers.noBody());
      }
      HttpResponse<String> resp = http.send(req.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      int status = resp.statusCode();
      String text = resp.body() == null ? "" : resp.body();
      if (status / 100 == 2) {
        return text.isBlank() ? null : JSON.readTree(text);
      }
      String where = "Nomad at " + config.address() + " answered " + status + " to " + method + " " + path + query + " (" + doing + ")";
      if (status == 403) {
        throw new HttpError(where, "permission denied: " + text.strip(),
            config.token() == null
                ? "set NOMAD_TOKEN to an ACL token allowed to " + doing.split(" ")[0] + " jobs in namespace " + (namespace == null ? config.namespace() : namespace)
                : "the token (from " + config.tokenSource() + ") lacks the capability: use one with a policy that allows it",
            status, text);
      }
      throw new HttpError(where, text.isBlank() ? "no message" : text.strip(),
          status >= 500 ? "check the Nomad servers' logs (journalctl -u nomad) and retry" : "check the request: the artifact may not match this Nomad version",
          status, text);
    } catch (HttpConnectTimeoutException e) {
      throw unreachable(e, "the connection timed out after " + dev.bitte.runner.Console.elapsed(config.timeout()));
    } catch (HttpTimeoutException e) {
      throw new BitteException("Nomad at " + config.address() + " did not answer " + method + " " + path + " (" + doing + ") within "
          + dev.bitte.runner.Console.elapsed(config.timeout()), "the request timed out", "check the Nomad servers' load and logs; raise --nomad-timeout if they are just slow");
    } catch (ConnectException e) {
      throw unreachable(e, "connection refused");
    } catch (SSLException e) {
      throw new BitteException("TLS with Nomad at " + config.address() + " failed", e.getMessage(),
          "set NOMAD_CACERT to the cluster CA (" + "<state>/secrets/ca.pem" + ") and, if Nomad verifies clients, NOMAD_CLIENT_CERT/NOMAD_CLIENT_KEY");
    } catch (IOException e) {
      throw unreachable(e, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BitteException("interrupted while talking to Nomad at " + config.address(), "the runner was stopped", "rerun the command");
    }
  }

  private BitteException unreachable(Exception e, String why) {
    return new BitteException("cannot reach Nomad at " + config.address(), why,
        "check NOMAD_ADDR (tried " + config.address() + "), that Nomad is running and that this machine can reach it (VPN, security groups)", e);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
