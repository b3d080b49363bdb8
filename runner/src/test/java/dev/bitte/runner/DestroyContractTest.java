package dev.bitte.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
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
 * CONTRACT tests of {@code bitte destroy}, with the same recording fakes as {@link ApplyContractTest}
 * (terraform, ssh, aws first on PATH) and the in-process Nomad API of {@link FakeCluster}: the exact
 * commands and their order, what needs --yes, the journal after a destroy (a rerun skips what is
 * gone, the next apply rebuilds it) and the messages. Real terraform cannot run here.
 */
class DestroyContractTest {
  @TempDir Path tmp;
  Path log;
  FakeCluster cluster;
  Map<String, String> env;

  @BeforeEach
  void setUp() throws IOException {
    Fixture.write(tmp.resolve("build/test-fleet"));
    Path bin = FakeTools.installAll(tmp.resolve("fakebin"));
    log = tmp.resolve("fake.log");
    cluster = new FakeCluster();
    env = Cli.env(bin, log);
    env.put("CONSUL_HTTP_ADDR", cluster.base() + "/consul");
    env.put("NOMAD_ADDR", cluster.base() + "/nomad");
    env.put("VAULT_ADDR", cluster.base() + "/vault");
    // As the processor's manifest says: the clients workspace needs the flake reference.
    Path m = tmp.resolve("build/test-fleet/manifest.json");
    ObjectMapper json = new ObjectMapper();
    var root = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(m.toFile());
    root.putObject("terraform").putArray("workspaces").addObject().put("name", "clients").putArray("variables").addObject()
        .put("name", "nixos_flake").put("description", "flake reference of the nixos folder");
    Files.writeString(m, json.writeValueAsString(root));
  }

  @AfterEach
  void tearDown() {
    cluster.close();
  }

  Cli.Result run(String verb, String... extra) {
    List<String> args = new ArrayList<>(List.of(verb, "build/test-fleet", "--poll", "0.01", "--nomad-timeout", "5"));
    if (verb.equals("apply")) {
      args.addAll(List.of("--health-interval", "0.01", "--health-timeout", "1"));
    }
    args.addAll(List.of(extra));
    return Cli.run(tmp, env, args.toArray(String[]::new));
  }

  List<String> commands() throws IOException {
    if (!Files.exists(log)) {
      return List.of();
    }
    return Files.readAllLines(log).stream().map(this::normal).toList();
  }

  private String normal(String l) {
    return l.replace(tmp.toString(), "<tmp>").replace(cluster.base(), "<fake>").replace(cluster.base().replaceFirst("^https?://", ""), "<fake-host>");
  }

  static List<String> destroy(String ws, String vars) {
    String d = "-chdir=.bitte/test-fleet/terraform/" + ws;
    return List.of("terraform " + d + " init -input=false",
        "terraform " + d + " plan -destroy -input=false -detailed-exitcode -out=bitte.tfplan" + vars,
        "terraform " + d + " apply -input=false bitte.tfplan");
  }

  static List<String> fullDestroy() {
    List<String> all = new ArrayList<>();
    all.addAll(destroy("hydrate", ApplyContractTest.HYDRATE_ADDRESSES));
    // Terraform needs the clients' variable set; destroying does not use it.
    all.addAll(destroy("clients", " -var nixos_flake=unused-by-destroy"));
    all.addAll(destroy("core", ""));
    all.addAll(destroy("network", ""));
    return all;
  }

  private JsonNode journal() throws IOException {
    return new ObjectMapper().readTree(tmp.resolve(".bitte/test-fleet/journal.json").toFile());
  }

  /** A fleet applied with its jobs registered in the fake Nomad; the fakes' logs emptied. */
  private void applied() throws IOException {
    Cli.Result a = run("apply", "--var", "nixos_flake=github:acme/fleet");
    assertEquals(0, a.code(), a.all());
    assertEquals(2, cluster.jobs.size(), "the fixture's two jobs are registered");
    Files.delete(log);
    cluster.requests.clear();
  }

  @Test
  void contract_aFleetNeverAppliedFromThisStateFolderIsRefusedBeforeAnythingRuns() throws IOException {
    Cli.Result r = run("destroy", "--yes");
    assertEquals(2, r.code(), r.all());
    assertTrue(r.err().contains("nothing of test-fleet was applied from .bitte/test-fleet") && r.err().contains("--state-dir"), r.err());
    assertEquals(List.of(), commands());
    assertTrue(cluster.requests.isEmpty(), cluster.requests.toString());
  }

  @Test
  void contract_aPartlyBuiltFleetIsDestroyedWithoutItsJobsAndHydrate() throws IOException {
    // Applied up to network (no core, no jobs, no hydrate): nothing to purge, hydrate never applied.
    env.remove("NOMAD_ADDR");
    assertEquals(0, run("apply", "--only", "bootstrap").code());
    assertEquals(0, run("apply", "--only", "network").code());
    Files.delete(log);
    Cli.Result r = run("destroy", "--yes");
    assertEquals(0, r.code(), r.all());
    assertTrue(r.out().contains("skip: core has no saved outputs"), r.out());
    assertTrue(r.out().contains("skip: hydrate was never applied from this state folder"), r.out());
    List<String> expected = new ArrayList<>(destroy("clients", " -var nixos_flake=unused-by-destroy"));
    expected.addAll(destroy("core", ""));
    expected.addAll(destroy("network", ""));
    assertEquals(expected, commands());
    assertTrue(cluster.requests.isEmpty(), "no Nomad to talk to: " + cluster.requests);

    // With Nomad's address given (a jobs-only folder, say), the jobs are purged there all the same.
    env.put("NOMAD_ADDR", cluster.base() + "/nomad");
    Cli.Result jobs = run("destroy", "--yes", "--only", "jobs");
    assertEquals(0, jobs.code(), jobs.all());
    assertTrue(cluster.requests.contains("DELETE /nomad/v1/job/web?purge=true&namespace=apps"), cluster.requests.toString());
  }

  @Test
  void contract_withoutYesNothingRunsAndTheMessageSaysWhatWouldGo() throws IOException {
    Cli.Result r = run("destroy");
    assertEquals(2, r.code(), r.all());
    assertTrue(r.err().contains("`bitte destroy` deletes test-fleet's jobs, hydrate, clients, core, network and needs --yes"), r.err());
    assertTrue(r.err().contains("--dry-run"), r.err());
    assertEquals(List.of(), commands());
    assertTrue(cluster.requests.isEmpty(), cluster.requests.toString());
  }

  @Test
  void contract_destroyPurgesTheJobsThenDestroysTheWorkspacesInReverseAndKeepsBootstrap() throws IOException {
    applied();
    Path outputs = tmp.resolve(".bitte/test-fleet/outputs");
    assertTrue(Files.exists(outputs.resolve("core.json")) && Files.exists(outputs.resolve("bootstrap.json")));

    Cli.Result r = run("destroy", "--yes");
    assertEquals(0, r.code(), r.all());
    assertEquals(fullDestroy(), commands());
    List<String> deletes = cluster.requests.stream().filter(q -> q.startsWith("DELETE ")).toList();
    assertEquals(List.of("DELETE /nomad/v1/job/web?purge=true&namespace=apps", "DELETE /nomad/v1/job/report?purge=true&namespace=batch"),
        deletes);
    assertTrue(cluster.jobs.isEmpty(), "purged: " + cluster.jobs.keySet());
    // Then it checks each namespace until nothing of these jobs runs (before hydrate deletes the namespaces).
    int lastAllocations = cluster.requests.lastIndexOf("GET /nomad/v1/allocations?namespace=batch");
    assertTrue(lastAllocations > cluster.requests.indexOf("DELETE /nomad/v1/job/report?purge=true&namespace=batch"), cluster.requests.toString());
    assertTrue(cluster.requests.contains("GET /nomad/v1/allocations?namespace=apps"), cluster.requests.toString());
    for (String step : List.of("jobs", "hydrate", "clients", "core", "network")) {
      assertEquals("destroyed", journal().path("steps").path(step).path("status").asText(), step);
      assertTrue(r.out().contains("] destroy " + step + "\n"), r.out());
    }
    assertEquals("ok", journal().path("steps").path("bootstrap").path("status").asText());
    // The destroyed workspaces' addresses are gone; bootstrap's stay.
    assertFalse(Files.exists(outputs.resolve("core.json")));
    assertFalse(Files.exists(outputs.resolve("network.json")));
    assertTrue(Files.exists(outputs.resolve("bootstrap.json")));
    assertTrue(r.out().contains("kept: bootstrap"), r.out());
    assertTrue(r.out().contains("secrets folder .bitte/test-fleet/secrets"), r.out());

    // A second destroy has nothing left to do.
    Files.delete(log);
    Cli.Result again = run("destroy", "--yes");
    assertEquals(0, again.code(), again.all());
    assertEquals(List.of(), commands());
    assertTrue(again.out().contains("already destroyed"), again.out());

    // The next apply rebuilds from the first destroyed step; bootstrap is still there, and the
    // new core's Vault is initialized afresh (the old one's root token was moved away).
    cluster.vaultInitialized = false;
    Cli.Result rebuild = run("apply", "--var", "nixos_flake=github:acme/fleet");
    assertEquals(0, rebuild.code(), rebuild.all());
    assertTrue(rebuild.out().contains("resuming at network"), rebuild.out());
    assertTrue(commands().get(0).equals("terraform -chdir=.bitte/test-fleet/terraform/network init -input=false"), commands().toString());
    assertFalse(commands().stream().anyMatch(c -> c.contains("terraform/bootstrap")), commands().toString());
    assertTrue(cluster.vaultInitialized, "deploy-core initialized the new Vault");
    assertTrue(Files.exists(tmp.resolve(".bitte/test-fleet/secrets/vault-root.token")));
  }

  @Test
  void contract_aFailedStepStopsThereAndTheRerunSkipsWhatIsGone() throws IOException {
    applied();
    env.put("BITTE_FAKE_FAIL", "terraform/core apply");
    Cli.Result r = run("destroy", "--yes");
    assertEquals(2, r.code(), r.all());
    assertTrue(r.err().contains("destroy step core failed"), r.err());
    assertTrue(r.err().contains("rerun `bitte destroy build/test-fleet --yes` (it skips what is already destroyed)"), r.err());
    assertFalse(commands().stream().anyMatch(c -> c.contains("terraform/network")), "nothing after the failed step: " + commands());
    assertEquals("destroyed", journal().path("steps").path("clients").path("status").asText());
    // Half destroyed: no longer ok, so an apply now would rebuild from core, not skip it.
    assertEquals("failed", journal().path("steps").path("core").path("status").asText());
    assertEquals("ok", journal().path("steps").path("network").path("status").asText());

    env.remove("BITTE_FAKE_FAIL");
    Files.delete(log);
    Cli.Result rerun = run("destroy", "--yes");
    assertEquals(0, rerun.code(), rerun.all());
    List<String> expected = new ArrayList<>(destroy("core", ""));
    expected.addAll(destroy("network", ""));
    assertEquals(expected, commands());
    assertTrue(rerun.out().contains("destroyed core, network in"), rerun.out());
  }

  @Test
  void contract_theNextApplyAfterAFailedDestroyRebuildsTheHalfDestroyedStep() throws IOException {
    applied();
    env.put("BITTE_FAKE_FAIL", "terraform/hydrate apply");
    assertEquals(2, run("destroy", "--yes").code());
    env.remove("BITTE_FAKE_FAIL");
    Files.delete(log);
    Cli.Result a = run("apply", "--var", "nixos_flake=github:acme/fleet");
    assertEquals(0, a.code(), a.all());
    assertTrue(a.out().contains("resuming at hydrate"), a.out());
    assertEquals("terraform -chdir=.bitte/test-fleet/terraform/hydrate init -input=false", commands().get(0), commands().toString());
    assertEquals(2, cluster.jobs.size(), "the purged jobs are registered again: " + cluster.jobs.keySet());
  }

  @Test
  void contract_childrenOfPeriodicJobsArePurgedAndRunningAllocationsAwaited() throws IOException {
    applied();
    cluster.jobs.put("report/periodic-1700000000", cluster.jobs.get("report").deepCopy());
    ((com.fasterxml.jackson.databind.node.ObjectNode) cluster.jobs.get("report")).putObject("Periodic").put("Spec", "@daily");
    cluster.runningAllocs.add("report/periodic-1700000000");
    cluster.allocationPolls.set(3);
    Cli.Result r = run("destroy", "--yes", "--only", "jobs");
    assertEquals(0, r.code(), r.all());
    assertTrue(cluster.requests.contains("GET /nomad/v1/jobs?prefix=report%2F&namespace=batch"), cluster.requests.toString());
    assertTrue(cluster.requests.contains("DELETE /nomad/v1/job/report/periodic-1700000000?purge=true&namespace=batch"), cluster.requests.toString());
    assertTrue(cluster.jobs.isEmpty(), cluster.jobs.keySet().toString());
    // The periodic parent is purged without an evaluation: still purged, not "not registered".
    assertTrue(r.out().contains("report: stopped and purged\n"), r.out());
    assertTrue(r.out().contains("report/periodic-1700000000: stopped and purged, evaluation eval-"), r.out());
    assertTrue(r.out().contains("namespace batch: 1 allocation(s) still stopping"), r.out());
    // apps is read once (the shared counter then stands at 2): batch twice while running, once more when done.
    assertEquals(3, cluster.requests.stream().filter(q -> q.equals("GET /nomad/v1/allocations?namespace=batch")).count(),
        cluster.requests.toString());

    // An allocation that never stops: the step fails after --wait, naming it.
    cluster.jobs.put("web", cluster.jobs.getOrDefault("web", new ObjectMapper().createObjectNode()));
    cluster.runningAllocs.clear();
    cluster.runningAllocs.add("web");
    cluster.allocationPolls.set(1_000_000);
    Cli.Result stuck = run("destroy", "--yes", "--only", "jobs", "--wait", "0.05");
    assertEquals(2, stuck.code(), stuck.all());
    assertTrue(stuck.err().contains("allocation(s) of the purged jobs still run in namespace apps") && stuck.err().contains("web 01234567"),
        stuck.err());
    // Purging a job Nomad no longer knows is no error.
    cluster.allocationPolls.set(0);
    Cli.Result again = run("destroy", "--yes", "--only", "jobs");
    assertEquals(0, again.code(), again.all());
    assertTrue(again.out().contains("web: not registered (nothing to purge)"), again.out());
  }

  @Test
  void contract_destroyingCoreRetiresTheDestroyedVaultsRootTokenAndRecoveryKeys() throws IOException {
    applied();
    Path secrets = tmp.resolve(".bitte/test-fleet/secrets");
    assertTrue(Files.exists(secrets.resolve("vault-root.token")), "deploy-core initialized the fake Vault");
    Cli.Result r = run("destroy", "--yes");
    assertEquals(0, r.code(), r.all());
    assertFalse(Files.exists(secrets.resolve("vault-root.token")));
    assertFalse(Files.exists(secrets.resolve("vault-recovery-keys.json")));
    try (var dirs = Files.list(secrets)) {
      Path retired = dirs.filter(d -> d.getFileName().toString().startsWith("retired-")).findFirst().orElseThrow();
      assertTrue(Files.exists(retired.resolve("vault-root.token")) && Files.exists(retired.resolve("vault-recovery-keys.json")));
    }
    assertTrue(r.out().contains("moved vault-root.token of the destroyed Vault to"), r.out());
  }

  @Test
  void contract_onlyPicksOneStepEvenADestroyedOneButNeverBootstrap() throws IOException {
    assertEquals(0, run("apply", "--only", "bootstrap").code());
    Files.delete(log);
    Cli.Result one = run("destroy", "--yes", "--only", "clients");
    assertEquals(0, one.code(), one.all());
    assertEquals(destroy("clients", " -var nixos_flake=unused-by-destroy"), commands());
    Files.delete(log);
    Cli.Result again = run("destroy", "--yes", "--only", "clients");
    assertEquals(0, again.code(), again.all());
    assertEquals(destroy("clients", " -var nixos_flake=unused-by-destroy"), commands(), "named with --only: run again");

    Cli.Result boot = run("destroy", "--yes", "--only", "bootstrap");
    assertEquals(2, boot.code());
    assertTrue(boot.err().contains("no destroy step \"bootstrap\"") && boot.err().contains("bootstrap is kept"), boot.err());
    // A variable given on the command line is used, not the placeholder.
    Files.delete(log);
    assertEquals(0, run("destroy", "--yes", "--only", "clients", "--var", "nixos_flake=github:acme/fleet").code());
    assertTrue(commands().get(1).endsWith(" -var nixos_flake=github:acme/fleet"), commands().toString());
  }

  @Test
  void contract_dryRunShowsEveryCommandAndChangesNothing() throws IOException {
    Cli.Result r = run("destroy", "--dry-run");
    assertEquals(0, r.code(), r.all());
    assertEquals(List.of(), commands());
    assertTrue(cluster.requests.isEmpty(), cluster.requests.toString());
    assertTrue(r.out().contains("DELETE " + cluster.base() + "/nomad/v1/job/web?purge=true&namespace=apps"), r.out());
    for (String c : fullDestroy()) {
      // hydrate's commands show the environment they get first (tokens as file names)
      assertTrue(r.out().lines().map(this::normal).anyMatch(l -> l.startsWith("  $ ") && l.endsWith(" " + c)), c + "\n" + r.out());
    }
    assertFalse(Files.exists(tmp.resolve(".bitte/test-fleet/journal.json")));
  }
}
