package dev.bitte.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CONTRACT tests of {@code bitte jobs} against an in-process server that implements Nomad's
 * documented job endpoints and their error cases (real Nomad cannot run here).
 */
class NomadClientContractTest {
  @TempDir Path tmp;
  FakeCluster nomad;
  Map<String, String> env;

  @BeforeEach
  void setUp() throws IOException {
    Fixture.write(tmp.resolve("build/test-fleet"));
    nomad = new FakeCluster();
    env = Cli.env(null, null);
    env.put("NOMAD_ADDR", nomad.base() + "/nomad");
  }

  @AfterEach
  void tearDown() {
    nomad.close();
  }

  Cli.Result jobs(String... args) {
    List<String> a = new ArrayList<>(List.of("jobs"));
    a.addAll(List.of(args));
    a.addAll(List.of("-f", "build/test-fleet", "--poll", "0.01", "--nomad-timeout", "5", "--wait", "5"));
    return Cli.run(tmp, env, a.toArray(String[]::new));
  }

  @Test
  void contract_runParsesPlansRegistersWithEnforceIndexAndFollowsTheDeployment() {
    env.put("NOMAD_TOKEN", "s3cr3t-token");
    env.put("NOMAD_NAMESPACE", "ignored-for-manifest-jobs");
    nomad.requiredToken = "s3cr3t-token";
    Cli.Result r = jobs("run", "web");
    assertEquals(0, r.code(), r.all());
    assertEquals(List.of("POST /nomad/v1/jobs/parse", "POST /nomad/v1/job/web/plan?namespace=apps", "POST /nomad/v1/jobs?namespace=apps",
        "GET /nomad/v1/evaluation/eval-101", "GET /nomad/v1/evaluation/eval-101", "GET /nomad/v1/job/web/deployment?namespace=apps",
        "GET /nomad/v1/job/web/deployment?namespace=apps"), nomad.requests);
    nomad.tokens.forEach(t -> assertEquals("s3cr3t-token", t));
    JsonNode reg = nomad.registerBodies.get(0);
    assertTrue(reg.path("EnforceIndex").asBoolean());
    assertEquals(0, reg.path("JobModifyIndex").asLong(), "a new job is registered only if it does not exist yet");
    assertEquals(Fixture.WEB_HCL, reg.path("Job").path("Spec").asText(), "the verified artifact is what gets parsed");
    assertTrue(r.out().contains("deployment dep-101: successful"), r.out());
    assertFalse(r.all().contains("s3cr3t-token"));

    // unchanged: planned, not registered again
    nomad.requests.clear();
    Cli.Result again = jobs("run", "web");
    assertEquals(0, again.code(), again.all());
    assertTrue(again.out().contains("up to date, nothing to register"), again.out());
    assertEquals(List.of("POST /nomad/v1/jobs/parse", "POST /nomad/v1/job/web/plan?namespace=apps"), nomad.requests);
  }

  @Test
  void contract_aChangeBetweenPlanAndRegisterIsNeverOverwritten() throws IOException {
    nomad.registerConcurrently("web", FakeCluster.JSON.readTree("{\"ID\":\"web\",\"Spec\":\"v1\"}"));
    long planned = nomad.jobIndex.get("web");
    JsonNode teammates = FakeCluster.JSON.readTree("{\"ID\":\"web\",\"Spec\":\"a teammate's v2\"}");
    nomad.afterPlan = () -> nomad.registerConcurrently("web", teammates);
    Cli.Result r = jobs("run", "web");
    assertEquals(2, r.code(), r.all());
    assertTrue(r.err().contains("job web changed on the cluster since it was planned; nothing was registered"), r.err());
    assertTrue(r.err().contains("conflicting job modify index"), r.err());
    assertTrue(r.err().contains("bitte never overwrites a concurrent change") && r.err().contains("bitte jobs plan web"), r.err());
    assertEquals(1, nomad.registerBodies.size(), "no retry that could overwrite");
    assertEquals(planned, nomad.registerBodies.get(0).path("JobModifyIndex").asLong(), "registered against the index the plan saw");
    assertEquals(teammates, nomad.jobs.get("web"), "the teammate's version is still there");
  }

  @Test
  void contract_a409ConflictIsAlsoNeverOverwritten() throws IOException {
    JsonNode teammates = FakeCluster.JSON.readTree("{\"ID\":\"web\",\"Spec\":\"theirs\"}");
    nomad.registerConcurrently("web", teammates);
    nomad.registerConflictStatus = 409;
    Cli.Result r = jobs("run", "web");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("changed on the cluster since it was planned"), r.err());
    assertEquals(1, nomad.registerBodies.size());
    assertEquals(teammates, nomad.jobs.get("web"));
  }

  @Test
  void contract_realEnforceIndexSemanticsOfTheFakeRejectAStaleIndex() throws IOException {
    // the fake itself honours EnforceIndex: a stale index is refused, so the runner's index matters
    nomad.registerConcurrently("web", FakeCluster.JSON.readTree("{\"ID\":\"web\",\"Spec\":\"v1\"}"));
    Cli.Result ok = jobs("run", "web");
    assertEquals(0, ok.code(), ok.all());
    assertEquals(Fixture.WEB_HCL, nomad.jobs.get("web").path("Spec").asText(), "registered over v1 with v1's index");
  }

  @Test
  void contract_forbiddenWithoutTokenSaysToSetNomadToken() {
    nomad.requiredToken = "needed";
    Cli.Result r = jobs("plan", "web");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("Nomad at " + nomad.base() + "/nomad answered 403 to POST /v1/jobs/parse"), r.err());
    assertTrue(r.err().contains("set NOMAD_TOKEN"), r.err());
    env.put("NOMAD_TOKEN", "wrong");
    r = jobs("plan", "web");
    assertTrue(r.err().contains("the token (from NOMAD_TOKEN) lacks the capability"), r.err());
  }

  @Test
  void contract_serverErrorIsReportedWithAddressAndEndpoint() {
    nomad.planStatus = 500;
    Cli.Result r = jobs("plan");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("answered 500 to POST /v1/job/web/plan?namespace=apps"), r.err());
    assertTrue(r.err().contains("rpc error: plan failed") && r.err().contains("journalctl -u nomad"), r.err());
  }

  @Test
  void contract_slowNomadTimesOutWithAClearMessage() {
    nomad.delayMillis = 3000;
    long t0 = System.nanoTime();
    Cli.Result r = Cli.run(tmp, env, "jobs", "status", "web", "-f", "build/test-fleet", "--nomad-timeout", "0.3");
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertEquals(2, r.code(), r.all());
    assertTrue(r.err().contains("Nomad at " + nomad.base() + "/nomad did not answer GET /v1/job/web (read job web) within 0.3s"), r.err());
    assertTrue(r.err().contains("--nomad-timeout"), r.err());
    assertTrue(ms < 2500, "gave up after " + ms + "ms");
  }

  @Test
  void contract_unreachableNomadNamesTheAddressTried() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    env.put("NOMAD_ADDR", "http://127.0.0.1:" + port);
    Cli.Result r = jobs("status");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("cannot reach Nomad at http://127.0.0.1:" + port), r.err());
    assertTrue(r.err().contains("check NOMAD_ADDR (tried http://127.0.0.1:" + port + ")"), r.err());
  }

  @Test
  void contract_failedDeploymentIsReportedAsFailed() {
    nomad.deploymentFinal = "failed";
    Cli.Result r = jobs("run", "web");
    assertEquals(2, r.code(), r.all());
    assertTrue(r.err().contains("deployment of job apps/web failed"), r.err());
    assertTrue(r.err().contains("Failed due to unhealthy allocations") && r.err().contains("nomad deployment status dep-101"), r.err());
  }

  @Test
  void contract_placementFailureIsReportedAsFailed() {
    nomad.placementFailure = true;
    Cli.Result r = jobs("run", "web");
    assertEquals(2, r.code(), r.all());
    assertTrue(r.err().contains("group frontend could not be placed: memory exhausted on 3 nodes"), r.err());
    assertTrue(r.err().contains("job apps/web could not be placed"), r.err());
  }

  @Test
  void contract_batchJobHasNoDeploymentToFollow() {
    Cli.Result r = jobs("run", "batch/report");
    assertEquals(0, r.code(), r.all());
    assertFalse(nomad.requests.stream().anyMatch(q -> q.contains("/deployment")), nomad.requests.toString());
  }

  @Test
  void contract_statusAndStop() {
    assertEquals(0, jobs("run", "web").code());
    Cli.Result st = jobs("status", "web");
    assertEquals(0, st.code(), st.all());
    assertTrue(st.out().contains("status running, type service"), st.out());
    Cli.Result notThere = jobs("status", "report");
    assertTrue(notThere.out().contains("not registered"), notThere.out());
    Cli.Result stop = jobs("stop", "web");
    assertEquals(0, stop.code(), stop.all());
    assertTrue(nomad.requests.contains("DELETE /nomad/v1/job/web?namespace=apps"), nomad.requests.toString());
    Cli.Result none = jobs("stop");
    assertEquals(2, none.code());
    Cli.Result unknown = jobs("plan", "nope");
    assertTrue(unknown.err().contains("no job \"nope\"") && unknown.err().contains("apps/web, batch/report"), unknown.err());
  }

  @Test
  void contract_theManifestsJobsSectionGivesTheOrder() throws IOException {
    Path m = tmp.resolve("build/test-fleet/manifest.json");
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    var root = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(m.toFile());
    var jobs = root.putArray("jobs");
    jobs.addObject().put("id", "report").put("namespace", "batch").put("type", "batch").put("path", "nomad/batch/report.nomad.hcl");
    jobs.addObject().put("id", "web").put("namespace", "apps").put("type", "service").put("path", "nomad/apps/web.nomad.hcl");
    Files.writeString(m, json.writeValueAsString(root));
    Cli.Result r = jobs("run");
    assertEquals(0, r.code(), r.all());
    assertTrue(r.out().indexOf("job batch/report") < r.out().indexOf("job apps/web"), r.out());
    jobs.addObject().put("id", "ghost").put("namespace", "apps").put("path", "nomad/apps/ghost.nomad.hcl");
    Files.writeString(m, json.writeValueAsString(root));
    Cli.Result ghost = jobs("plan", "ghost");
    assertEquals(2, ghost.code());
    assertTrue(ghost.err().contains("nomad/apps/ghost.nomad.hcl, which is not among its artifacts"), ghost.err());
  }

  @Test
  void contract_dryRunSendsNothing() {
    Cli.Result r = jobs("run", "--dry-run");
    assertEquals(0, r.code(), r.all());
    assertTrue(nomad.requests.isEmpty());
    assertTrue(r.out().contains("POST " + nomad.base() + "/nomad/v1/jobs?namespace=apps (EnforceIndex=true"), r.out());
    assertNotNull(r.out());
  }
}
