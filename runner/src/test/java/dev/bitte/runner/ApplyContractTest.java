package dev.bitte.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * CONTRACT tests of {@code bitte apply}: real terraform, nixos-rebuild and SSH cannot run here, so
 * recording fakes first on PATH log every command; the assertions are on the exact commands,
 * their order, the journal's resume behaviour after a failure at each step, and the messages.
 */
class ApplyContractTest {
  @TempDir Path tmp;
  Path log;
  Path bin;
  FakeCluster cluster;
  Map<String, String> env;

  static final String[] FAST = {"--health-interval", "0.01", "--health-timeout", "1", "--poll", "0.01", "--nomad-timeout", "5"};

  @BeforeEach
  void setUp() throws IOException {
    Fixture.write(tmp.resolve("build/test-fleet"));
    bin = FakeTools.installAll(tmp.resolve("fakebin"));
    log = tmp.resolve("fake.log");
    cluster = new FakeCluster();
    env = Cli.env(bin, log);
    env.put("CONSUL_HTTP_ADDR", cluster.base() + "/consul");
    env.put("NOMAD_ADDR", cluster.base() + "/nomad");
    env.put("VAULT_ADDR", cluster.base() + "/vault");
  }

  @AfterEach
  void tearDown() {
    cluster.close();
  }

  Cli.Result apply(String... extra) {
    List<String> args = new ArrayList<>(List.of("apply", "build/test-fleet"));
    args.addAll(List.of(FAST));
    args.addAll(List.of(extra));
    return Cli.run(tmp, env, args.toArray(String[]::new));
  }

  List<String> commands() throws IOException {
    if (!Files.exists(log)) {
      return List.of();
    }
    return Files.readAllLines(log).stream().map(l -> l.replace(tmp.toString(), "<tmp>").replace(cluster.base(), "<fake>")
        .replace(cluster.base().replaceFirst("^https?://", ""), "<fake-host>")).toList();
  }

  /**
   * Where hydrate's providers are told to reach Consul, Nomad and Vault: the test's CONSUL_HTTP_ADDR,
   * NOMAD_ADDR and VAULT_ADDR (the fake cluster; Consul's as host:port), as commands() shows them.
   */
  static final String HYDRATE_ADDRESSES = " -var consul_address=<fake-host>/consul -var nomad_address=<fake>/nomad -var vault_address=<fake>/vault";

  static List<String> terraform(String ws) {
    String d = "-chdir=.bitte/test-fleet/terraform/" + ws;
    return List.of("terraform " + d + " init -input=false", "terraform " + d + " plan -input=false -detailed-exitcode -out=bitte.tfplan"
            + (ws.equals("hydrate") ? HYDRATE_ADDRESSES : ""),
        "terraform " + d + " apply -input=false bitte.tfplan", "terraform " + d + " output -json");
  }

  static List<String> deploy(String node, String addr, boolean server) {
    String h = ".bitte/test-fleet/secrets/hosts/" + node + "/";
    String r = "root@" + addr + ":/var/lib/bitte/secrets/";
    String scp = "scp -p -q -o BatchMode=yes ";
    List<String> out = new ArrayList<>();
    if (server) {
      out.add("ssh -o BatchMode=yes root@" + addr + " install -d -m 0711 /var/lib/bitte/secrets /var/lib/bitte/secrets/consul"
          + " /var/lib/bitte/secrets/nomad /var/lib/bitte/secrets/tls /var/lib/bitte/secrets/vault");
      out.add(scp + h + "consul/secrets.json " + r + "consul/");
      out.add(scp + h + "nomad/secrets.hcl " + r + "nomad/");
      out.add(scp + h + "tls/ca.pem " + h + "tls/consul-key.pem " + h + "tls/consul.pem " + h + "tls/nomad-key.pem " + h + "tls/nomad.pem "
          + h + "tls/vault-key.pem " + h + "tls/vault.pem " + r + "tls/");
      out.add(scp + h + "vault/vault.env " + r + "vault/");
    } else {
      out.add("ssh -o BatchMode=yes root@" + addr + " install -d -m 0711 /var/lib/bitte/secrets /var/lib/bitte/secrets/consul /var/lib/bitte/secrets/tls");
      out.add(scp + h + "consul/secrets.json " + r + "consul/");
      out.add(scp + h + "tls/ca.pem " + h + "tls/consul-key.pem " + h + "tls/consul.pem " + h + "tls/ingress.pem " + r + "tls/");
    }
    out.add("nixos-rebuild switch --flake path:<tmp>/.bitte/test-fleet/nixos#" + node + " --target-host root@" + addr);
    return out;
  }

  /** The clients step first puts the group's secrets where its instances fetch them at boot. */
  static final String UPLOAD_CLIENTS_EU = "aws s3 sync --delete --only-show-errors --region eu-central-1 "
      + ".bitte/test-fleet/secrets/group-hosts/clients-eu/ s3://test-fleet-bitte-state/bitte/test-fleet/secrets/clients-eu/";

  static List<String> fullRun() {
    List<String> all = new ArrayList<>();
    all.addAll(terraform("bootstrap"));
    all.addAll(terraform("network"));
    all.addAll(terraform("core"));
    all.addAll(deploy("core-1", "127.0.0.1", true)); // public_ips output of the core workspace
    all.addAll(deploy("core-2", "10.0.16.11", true)); // no public IP: the private one
    all.addAll(deploy("core-3", "10.0.32.12", true));
    all.addAll(deploy("routing", "10.0.0.13", false));
    all.add(UPLOAD_CLIENTS_EU);
    all.addAll(terraform("clients"));
    all.addAll(terraform("hydrate"));
    return all;
  }

  @Test
  void contract_fullApplyRunsEveryStepInOrderWithExactCommands() throws IOException {
    Cli.Result r = apply();
    assertEquals(0, r.code(), r.all());
    assertEquals(fullRun(), commands());
    for (String step : List.of("bootstrap", "network", "core", "secrets", "deploy-core", "clients", "hydrate", "jobs")) {
      assertTrue(r.out().matches("(?s).*\\[\\d/8\\] " + step + "\n.*  ok " + step + " \\(\\d+\\.\\ds\\).*"), step + " progress:\n" + r.out());
    }
    JsonNode journal = new ObjectMapper().readTree(tmp.resolve(".bitte/test-fleet/journal.json").toFile());
    journal.path("steps").forEach(s -> assertEquals("ok", s.path("status").asText()));
    assertEquals(8, journal.path("steps").size());
    // terraform outputs were saved and fed the deploy (core-1 at its public IP)
    assertTrue(Files.readString(tmp.resolve(".bitte/test-fleet/outputs/core.json")).contains("127.0.0.1"));
    // the working copies hold the verified artifacts; the artifact folder got nothing new
    assertEquals(Fixture.files().get("terraform/core/main.tf.json"), Files.readString(tmp.resolve(".bitte/test-fleet/terraform/core/main.tf.json")));
    try (var walk = Files.walk(tmp.resolve("build/test-fleet"))) {
      assertEquals(Fixture.files().size() + 1, walk.filter(Files::isRegularFile).count());
    }
    // what each host got: rendered from the secrets folder and the bootstrap outputs, modes kept for scp -p
    Path core1 = tmp.resolve(".bitte/test-fleet/secrets/hosts/core-1");
    Path secrets = tmp.resolve(".bitte/test-fleet/secrets");
    String consulToken = Files.readString(secrets.resolve("consul-acl-bootstrap.token")).strip();
    String vaultToken = Files.readString(secrets.resolve("consul-vault.token")).strip();
    String gossip = Files.readString(secrets.resolve("consul-gossip.key")).strip();
    assertEquals("VAULT_AWSKMS_SEAL_KEY_ID=arn:aws:kms:eu-central-1:111122223333:key/test\nAWS_REGION=eu-central-1\nCONSUL_HTTP_TOKEN=" + vaultToken + "\n",
        Files.readString(core1.resolve("vault/vault.env")));
    JsonNode consul = new ObjectMapper().readTree(core1.resolve("consul/secrets.json").toFile());
    assertEquals(gossip, consul.path("encrypt").asText());
    assertEquals(consulToken, consul.path("acl").path("tokens").path("initial_management").asText());
    assertEquals(Files.readString(secrets.resolve("consul-agent/core-1.token")).strip(), consul.path("acl").path("tokens").path("agent").asText());
    assertEquals(Files.readString(secrets.resolve("consul-dns.token")).strip(), consul.path("acl").path("tokens").path("default").asText());
    JsonNode routingConsul = new ObjectMapper().readTree(tmp.resolve(".bitte/test-fleet/secrets/hosts/routing/consul/secrets.json").toFile());
    assertTrue(routingConsul.path("acl").path("tokens").path("initial_management").isMissingNode(), "only servers bootstrap the ACLs");
    assertEquals(Files.readString(secrets.resolve("consul-agent/routing.token")).strip(), routingConsul.path("acl").path("tokens").path("agent").asText());
    // The management token is on the servers as the initial one, and nowhere else on any host.
    try (var walk = Files.walk(tmp.resolve(".bitte/test-fleet/secrets/hosts"))) {
      for (Path f : walk.filter(Files::isRegularFile).toList()) {
        String text = Files.readString(f);
        boolean server = !f.toString().contains("/routing/");
        long uses = text.split(java.util.regex.Pattern.quote(consulToken), -1).length - 1;
        assertEquals(server && f.endsWith("consul/secrets.json") ? 1 : 0, uses, f + " holds the management token");
      }
    }
    assertEquals("consul {\n  token = \"" + Files.readString(secrets.resolve("consul-nomad.token")).strip() + "\"\n}\n",
        Files.readString(core1.resolve("nomad/secrets.hcl")).replaceFirst("(?s)^server \\{.*?\\}\n", ""));
    // deploy-core made Consul's policies and a token per agent and service, with those SecretIDs
    assertEquals(consulToken, cluster.consulManagement, "the ACL calls use the management token");
    assertEquals(java.util.Set.of("bitte-dns", "bitte-nomad", "bitte-vault", "bitte-client-agent", "bitte-nomad-client"),
        cluster.consulPolicies.values().stream().map(p -> p.path("Name").asText()).collect(java.util.stream.Collectors.toSet()));
    for (String node : List.of("core-1", "core-2", "core-3", "routing")) {
      JsonNode t = cluster.consulTokens.get(Files.readString(secrets.resolve("consul-agent/" + node + ".token")).strip());
      assertTrue(t != null, "agent token of " + node + " in " + cluster.consulTokens.keySet());
      assertEquals(node, t.path("NodeIdentities").path(0).path("NodeName").asText());
      assertEquals("eu-central-1", t.path("NodeIdentities").path(0).path("Datacenter").asText());
      assertEquals(0, t.path("Policies").size(), "a node identity, no policy");
    }
    assertEquals("bitte-vault", cluster.consulTokens.get(vaultToken).path("Policies").path(0).path("Name").asText());
    assertEquals(9, cluster.consulTokens.size());
    assertTrue(r.out().contains("consul ACLs: 14 created, 0 updated (5 policies, 9 tokens)"), r.out());
    // the client group's files, uploaded before the clients workspace: its own certificate and
    // the client tokens, no server gossip key, no management token
    Path group = secrets.resolve("group-hosts/clients-eu");
    String clientAgent = Files.readString(secrets.resolve("consul-client-agent.token")).strip();
    JsonNode groupConsul = new ObjectMapper().readTree(group.resolve("consul/secrets.json").toFile());
    assertEquals(clientAgent, groupConsul.path("acl").path("tokens").path("agent").asText());
    assertEquals(gossip, groupConsul.path("encrypt").asText());
    assertTrue(groupConsul.path("acl").path("tokens").path("initial_management").isMissingNode());
    assertEquals("consul {\n  token = \"" + Files.readString(secrets.resolve("consul-nomad-client.token")).strip() + "\"\n}\n",
        Files.readString(group.resolve("nomad/secrets.hcl")));
    assertEquals(Files.readString(secrets.resolve("groups/clients-eu.pem")), Files.readString(group.resolve("tls/nomad.pem")));
    assertEquals(List.of("consul/secrets.json", "nomad/secrets.hcl", "tls/ca.pem", "tls/consul-key.pem", "tls/consul.pem", "tls/nomad-key.pem", "tls/nomad.pem"),
        listFiles(group));
    assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(group.resolve("tls/nomad-key.pem"))));
    assertEquals("bitte-client-agent", cluster.consulTokens.get(clientAgent).path("Policies").path(0).path("Name").asText());
    // deploy-core initialized Vault (recovery keys: the awskms seal unseals itself) and kept what it answered
    assertEquals(1, cluster.vaultInits.get());
    assertEquals(5, cluster.vaultInitBody.path("recovery_shares").asInt());
    assertEquals(3, cluster.vaultInitBody.path("recovery_threshold").asInt());
    assertEquals(FakeCluster.VAULT_ROOT + "\n", Files.readString(secrets.resolve("vault-root.token")));
    assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets.resolve("vault-root.token"))));
    JsonNode recovery = new ObjectMapper().readTree(secrets.resolve("vault-recovery-keys.json").toFile());
    assertEquals(5, recovery.path("recovery_keys_base64").size());
    assertEquals(3, recovery.path("recovery_threshold").asInt());
    assertTrue(r.out().contains("vault: initialized: root token in vault-root.token, 5 recovery keys (any 3 of them)"), r.out());
    assertFalse(r.all().contains(FakeCluster.VAULT_ROOT) || r.all().contains("recovery-key-0"), "a Vault secret was printed");
    assertTrue(Files.readString(core1.resolve("nomad/secrets.hcl")).startsWith("server {\n  encrypt = \""));
    assertFalse(Files.readString(tmp.resolve(".bitte/test-fleet/secrets/hosts/routing/tls/ingress.pem")).isEmpty());
    assertEquals(Files.readString(tmp.resolve(".bitte/test-fleet/secrets/nodes/core-1.pem")), Files.readString(core1.resolve("tls/vault.pem")));
    assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(core1.resolve("tls/ca.pem"))));
    assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(core1.resolve("tls/vault-key.pem"))));
    // jobs: web (service) and report (batch), parsed, planned and registered with EnforceIndex
    assertEquals(2, cluster.registerBodies.size());
    cluster.registerBodies.forEach(b -> assertTrue(b.path("EnforceIndex").asBoolean()));
    assertTrue(cluster.requests.contains("GET /nomad/v1/job/web/deployment?namespace=apps"), cluster.requests.toString());
    // without NOMAD_TOKEN, apply uses the ACL bootstrap token it generated
    String token = Files.readString(tmp.resolve(".bitte/test-fleet/secrets/nomad-acl-bootstrap.token")).strip();
    assertTrue(cluster.tokens.contains(token));
    assertEquals(token, cluster.aclBootstrapSecret, "deploy-core made the generated token Nomad's management token");
    assertTrue(r.out().contains("nomad ACLs: bootstrapped"), r.out());
    assertFalse(r.all().contains(token), "a token was printed");
  }

  @ParameterizedTest(name = "contract: failure in {0} resumes at {0}")
  @CsvSource({
      "bootstrap, terraform/bootstrap apply, logs/bootstrap.log",
      "network, terraform/network plan, logs/network.log",
      "core, terraform/core init, logs/core.log",
      "deploy-core, '#core-2 ', logs/deploy-core-2.log",
      "clients, terraform/clients apply, logs/clients.log",
      "hydrate, terraform/hydrate output, logs/hydrate.log",
      "jobs, NOMAD_PLAN_500, logs/jobs.log"})
  void contract_resumeAfterFailureAtEachStep(String step, String failOn, String logFile) throws IOException {
    if (failOn.equals("NOMAD_PLAN_500")) {
      cluster.planStatus = 500;
    } else {
      env.put("BITTE_FAKE_FAIL", failOn);
    }
    Cli.Result first = apply();
    assertEquals(2, first.code(), first.all());
    assertTrue(first.err().contains("error: step " + step + " failed"), first.err());
    assertTrue(first.err().contains("resume with `bitte apply build/test-fleet` (it continues at " + step + ")"), first.err());
    if (!step.equals("jobs")) {
      assertTrue(first.err().contains("log: .bitte/test-fleet/" + logFile), first.err());
      assertTrue(Files.readString(tmp.resolve(".bitte/test-fleet/" + logFile)).contains("simulated failure"));
      assertTrue(first.err().contains("simulated failure"), "the log's tail is shown:\n" + first.err());
    } else {
      assertTrue(first.err().contains("Nomad at " + cluster.base() + "/nomad answered 500"), first.err());
    }
    JsonNode journal = new ObjectMapper().readTree(tmp.resolve(".bitte/test-fleet/journal.json").toFile());
    assertEquals("failed", journal.path("steps").path(step).path("status").asText());

    // the rerun continues at the failed step: nothing of the earlier steps runs again
    env.remove("BITTE_FAKE_FAIL");
    cluster.planStatus = 200;
    Files.deleteIfExists(log);
    Cli.Result second = apply();
    assertEquals(0, second.code(), second.all());
    assertTrue(second.out().contains("resuming at " + step), second.out());
    List<String> full = fullRun();
    List<String> expected = switch (step) {
      case "deploy-core" -> full.subList(full.indexOf(deploy("core-1", "127.0.0.1", true).get(0)), full.size());
      case "jobs" -> List.of();
      case "clients" -> full.subList(full.indexOf(UPLOAD_CLIENTS_EU), full.size());
      default -> full.subList(full.indexOf(terraform(step).get(0)), full.size());
    };
    assertEquals(expected, commands());
    assertEquals(2, cluster.registerBodies.size(), "each job registered once");
  }

  static List<String> listFiles(Path dir) throws IOException {
    try (var walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
    }
  }

  @Test
  void contract_missingAwsCliStopsTheClientsStepBeforeTerraformAndNamesThePackage() throws IOException {
    Files.delete(bin.resolve("aws"));

    Cli.Result r = apply();

    assertEquals(2, r.code(), r.all());
    assertTrue(r.err().contains("step clients failed"), r.err());
    assertTrue(r.err().contains("awscli"), r.err());
    assertFalse(commands().stream().anyMatch(c -> c.contains("terraform/clients")), "the clients workspace must not run without the group's secrets");
  }

  @Test
  void contract_aFolderWithoutTheClientsWorkspaceUploadsNoGroupSecrets() throws IOException {
    // The artifacts of jobs compiled in another module than their cluster: no infrastructure.
    Map<String, String> files = new java.util.TreeMap<>(Fixture.files());
    files.remove("terraform/clients/main.tf.json");
    Fixture.write(tmp.resolve("jobs-only/test-fleet"), files);
    assertEquals(0, Cli.run(tmp, env, "apply", "jobs-only/test-fleet", "--only", "secrets").code());

    Cli.Result r = Cli.run(tmp, env, "apply", "jobs-only/test-fleet", "--only", "clients");

    assertEquals(0, r.code(), r.all());
    assertTrue(r.out().contains("skip the client groups' secrets"), r.out());
    assertFalse(commands().stream().anyMatch(c -> c.startsWith("aws ")), commands().toString());
  }

  @Test
  void contract_aFailedUploadStopsTheClientsStepAndResumesThere() throws IOException {
    env.put("BITTE_FAKE_FAIL", "aws s3 sync");
    Cli.Result r = apply();
    assertEquals(2, r.code(), r.all());
    assertTrue(r.err().contains("uploading the secrets of client group clients-eu failed"), r.err());
    assertFalse(commands().stream().anyMatch(c -> c.contains("terraform/clients")));

    env.remove("BITTE_FAKE_FAIL");
    Cli.Result again = apply();
    assertEquals(0, again.code(), again.all());
    assertTrue(again.out().contains("resuming at clients"), again.out());
  }

  static final String REFRESH_CLIENTS_EU = "aws autoscaling start-instance-refresh --region eu-central-1 --auto-scaling-group-name test-fleet-clients-eu"
      + " --preferences MinHealthyPercentage=100,MaxHealthyPercentage=150";

  @Test
  void contract_aGroupWhoseSecretsChangedGetsARollingRefreshAfterTheClientsWorkspace() throws IOException {
    assertEquals(0, apply().code());
    assertFalse(commands().contains(REFRESH_CLIENTS_EU), "a first upload: the instances are new: " + commands());
    Files.delete(log);
    assertEquals(0, apply("--only", "clients").code());
    assertFalse(commands().contains(REFRESH_CLIENTS_EU), "nothing changed: " + commands());

    // New certificates: the group's running instances must come back with them.
    assertEquals(0, Cli.run(tmp, env, "secrets", "build/test-fleet", "--reissue").code());
    Files.delete(log);
    env.put("BITTE_FAKE_FAIL", "aws autoscaling");
    Cli.Result failed = apply("--only", "clients");
    assertEquals(2, failed.code(), failed.all());
    assertTrue(failed.err().contains("starting the instance refresh of client group clients-eu (aws exited with status 1")
        && failed.err().contains("describe-instance-refreshes --region eu-central-1"), failed.err());

    // The rerun still refreshes: what was uploaded is recorded only once the step is through.
    env.remove("BITTE_FAKE_FAIL");
    Files.delete(log);
    Cli.Result r = apply("--only", "clients");
    assertEquals(0, r.code(), r.all());
    List<String> cmds = commands();
    assertEquals(List.of(UPLOAD_CLIENTS_EU), cmds.subList(0, 1));
    assertEquals(REFRESH_CLIENTS_EU, cmds.get(cmds.size() - 1), "after the clients workspace: " + cmds);
    assertTrue(cmds.indexOf(REFRESH_CLIENTS_EU) > cmds.indexOf(terraform("clients").get(terraform("clients").size() - 1)), cmds.toString());
    assertTrue(r.out().contains("client group clients-eu: its secrets changed since the last upload"), r.out());
    assertTrue(r.out().contains("refresh 08b91cf7-8fa6-48af-b6a6-d227f40f1b9b started; follow it with `aws autoscaling"
        + " describe-instance-refreshes --region eu-central-1 --auto-scaling-group-name test-fleet-clients-eu`"), r.out());
    Path record = tmp.resolve(".bitte/test-fleet/secrets/group-hosts/clients-eu.sha256");
    assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(record)));

    Files.delete(log);
    assertEquals(0, apply("--only", "clients").code());
    assertFalse(commands().contains(REFRESH_CLIENTS_EU), "refreshed once: " + commands());

    // A full apply (which reruns the secrets step, keeping what exists) refreshes nothing either.
    Files.delete(log);
    assertEquals(0, apply("--from", "secrets").code());
    assertFalse(commands().contains(REFRESH_CLIENTS_EU), commands().toString());
  }

  @Test
  void contract_aRefusedRefreshIsRetriedAloneAndEachGroupInItsRegion() throws IOException {
    // The fixture with a second group, in another region.
    Map<String, String> files = new java.util.TreeMap<>(Fixture.files());
    files.put("nixos/secrets.json", files.get("nixos/secrets.json").replace("\"clients-eu\"]", "\"clients-eu\", \"clients-us\"]"));
    Fixture.write(tmp.resolve("build/test-fleet"), files);
    Path m = tmp.resolve("build/test-fleet/manifest.json");
    ObjectMapper json = new ObjectMapper();
    var root = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(m.toFile());
    ((com.fasterxml.jackson.databind.node.ArrayNode) root.get("clientGroups")).addObject().put("name", "clients-us").put("region", "us-east-2")
        .put("instanceType", "m5.large").put("nodeClass", "general").put("min", 1).put("desired", 1).put("max", 2)
        .put("secretsPrefix", "bitte/test-fleet/secrets/clients-us/").put("autoscalingGroup", "test-fleet-clients-us");
    Files.writeString(m, json.writeValueAsString(root));
    String refreshUs = "aws autoscaling start-instance-refresh --region us-east-2 --auto-scaling-group-name test-fleet-clients-us"
        + " --preferences MinHealthyPercentage=100,MaxHealthyPercentage=150";
    assertEquals(0, apply().code(), "first upload of both groups");
    assertEquals(0, Cli.run(tmp, env, "secrets", "build/test-fleet", "--reissue").code());

    // clients-eu's refresh is refused (one is running); clients-us's starts.
    env.put("BITTE_FAKE_FAIL", "test-fleet-clients-eu");
    Files.delete(log);
    Cli.Result refused = apply("--only", "clients");
    assertEquals(2, refused.code(), refused.all());
    assertTrue(commands().contains(REFRESH_CLIENTS_EU) && commands().contains(refreshUs), commands().toString());
    assertTrue(refused.err().contains("client group clients-eu (aws exited with status 1") && !refused.err().contains("clients-us ("),
        refused.err());

    // The rerun retries clients-eu only: clients-us is not rolled twice.
    env.remove("BITTE_FAKE_FAIL");
    Files.delete(log);
    assertEquals(0, apply("--only", "clients").code());
    assertTrue(commands().contains(REFRESH_CLIENTS_EU), commands().toString());
    assertFalse(commands().contains(refreshUs), commands().toString());
  }

  @Test
  void contract_aTerraformFailureAfterTheUploadStillRefreshesOnTheRerun() throws IOException {
    assertEquals(0, apply().code());
    assertEquals(0, Cli.run(tmp, env, "secrets", "build/test-fleet", "--reissue").code());
    env.put("BITTE_FAKE_FAIL", "terraform/clients apply");
    assertEquals(2, apply("--only", "clients").code());
    assertTrue(commands().contains(UPLOAD_CLIENTS_EU));
    assertFalse(commands().contains(REFRESH_CLIENTS_EU));

    env.remove("BITTE_FAKE_FAIL");
    Files.delete(log);
    assertEquals(0, apply("--only", "clients").code());
    assertEquals(REFRESH_CLIENTS_EU, commands().get(commands().size() - 1), commands().toString());
  }

  @Test
  void contract_anUnreadableRecordStopsTheStepAndARemovedGroupsRecordGoes() throws IOException {
    assertEquals(0, apply().code());
    Path groups = tmp.resolve(".bitte/test-fleet/secrets/group-hosts");
    Files.writeString(groups.resolve("retired-group.sha256"), "abc\n");
    Files.delete(log);
    assertEquals(0, apply("--only", "clients").code());
    assertFalse(Files.exists(groups.resolve("retired-group.sha256")), "a group no longer in the manifest is forgotten");

    Path record = groups.resolve("clients-eu.sha256");
    Files.delete(record);
    Files.createDirectories(record); // unreadable as a file
    Cli.Result r = apply("--only", "clients");
    assertEquals(2, r.code(), r.all());
    assertTrue(r.err().contains("cannot read .bitte/test-fleet/secrets/group-hosts/clients-eu.sha256") && r.err().contains("fix or delete"),
        r.err());
  }

  @Test
  void contract_servicesWhoseCredentialFilesChangedAreRestartedAfterTheSwitch() throws IOException {
    assertEquals(0, apply().code());
    assertFalse(commands().stream().anyMatch(c -> c.contains("try-restart")), "a first deploy starts the services fresh: " + commands());

    // Nothing changed: nothing restarted.
    Files.delete(log);
    assertEquals(0, apply("--only", "deploy-core").code());
    assertFalse(commands().stream().anyMatch(c -> c.contains("try-restart")), commands().toString());

    // New certificates: each node restarts the services that read them through credentials.
    assertEquals(0, Cli.run(tmp, env, "secrets", "build/test-fleet", "--reissue").code());
    Files.delete(log);
    Cli.Result r = apply("--only", "deploy-core");

    assertEquals(0, r.code(), r.all());
    List<String> cmds = commands();
    String core1 = "ssh -o BatchMode=yes root@127.0.0.1 systemctl try-restart consul.service vault.service";
    String routing = "ssh -o BatchMode=yes root@10.0.0.13 systemctl try-restart consul.service haproxy.service";
    assertTrue(cmds.contains(core1), cmds.toString());
    assertTrue(cmds.contains(routing), cmds.toString());
    // after the node's switch, before the next node
    assertEquals(cmds.indexOf("nixos-rebuild switch --flake path:<tmp>/.bitte/test-fleet/nixos#core-1 --target-host root@127.0.0.1") + 1,
        cmds.indexOf(core1));
    assertTrue(r.out().contains("restarting them (they read systemd credentials at start)"), r.out());
  }

  @Test
  void contract_theFirstAclCallWaitsForTheInitialManagementToken() throws IOException {
    cluster.consulAclNotReady.set(2); // right after the election: "ACL not found" twice

    Cli.Result r = apply();

    assertEquals(0, r.code(), r.all());
    assertTrue(r.out().contains("consul ACLs: 14 created"), r.out());
  }

  @Test
  void contract_anUninitializedVaultPassesTheRollingGateAndIsInitialized() throws IOException {
    // A rerun after a failure before Vault was initialized: Consul has a leader (rolling mode),
    // Vault answers 501 (not initialized) on every server.
    cluster.vaultStatus = 501;

    Cli.Result r = apply();

    assertEquals(0, r.code(), r.all());
    assertTrue(r.all().contains("vault: initialized"), r.all());
    assertEquals(1, cluster.vaultInits.get());
  }

  @Test
  void contract_consulTokensAreUpdatedNotDuplicatedOnTheNextDeploy() throws IOException {
    assertEquals(0, apply().code());
    Map<String, String> accessors = new java.util.TreeMap<>();
    cluster.consulTokens.forEach((secret, t) -> accessors.put(secret, t.path("AccessorID").asText()));

    Cli.Result again = apply("--only", "deploy-core");

    assertEquals(0, again.code(), again.all());
    assertTrue(again.out().contains("consul ACLs: 0 created, 14 updated (5 policies, 9 tokens)"), again.out());
    Map<String, String> after = new java.util.TreeMap<>();
    cluster.consulTokens.forEach((secret, t) -> after.put(secret, t.path("AccessorID").asText()));
    assertEquals(accessors, after, "the same tokens, kept");
    assertEquals(5, cluster.consulPolicies.size());
    assertTrue(again.out().contains("vault: already initialized"), again.out());
    assertEquals(1, cluster.vaultInits.get());
  }

  @Test
  void contract_aWrongManagementTokenStopsDeployCoreAndSaysWhichFile() throws IOException {
    cluster.consulManagement = "not-the-generated-token";

    Cli.Result r = apply();

    assertEquals(2, r.code(), r.all());
    assertTrue(r.all().contains("Consul refused to list the ACL policies (HTTP 403)"), r.all());
    assertTrue(r.all().contains("resume with"), r.all());
    assertFalse(commands().stream().anyMatch(c -> c.contains("#routing")), "no node after the servers is deployed without its token");
    assertTrue(r.all().contains("consul-acl-bootstrap.token"), r.all());
    assertTrue(cluster.consulTokens.isEmpty());
  }

  @Test
  void contract_onlyAndFromPickSteps() throws IOException {
    Cli.Result only = apply("--only", "network");
    assertEquals(0, only.code(), only.all());
    assertEquals(terraform("network"), commands());
    Files.delete(log);
    Cli.Result noSecrets = apply("--from", "clients");
    assertEquals(2, noSecrets.code(), noSecrets.all());
    assertTrue(noSecrets.err().contains("run `bitte secrets`"), "the client groups' secrets come from the secrets folder: " + noSecrets.err());
    assertEquals(0, apply("--only", "secrets").code());
    Files.deleteIfExists(log);
    Cli.Result from = apply("--from", "clients");
    assertEquals(0, from.code(), from.all());
    List<String> expected = new ArrayList<>(List.of(UPLOAD_CLIENTS_EU));
    expected.addAll(terraform("clients"));
    expected.addAll(terraform("hydrate"));
    assertEquals(expected, commands());
    Cli.Result bad = apply("--only", "nope");
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("no apply step \"nope\"") && bad.err().contains("bootstrap, network, core"), bad.err());
  }

  @Test
  void contract_noChangesSkipsTerraformApplyButSavesOutputs() throws IOException {
    env.put("BITTE_FAKE_NO_CHANGES", "1");
    Cli.Result r = apply("--only", "core");
    assertEquals(0, r.code(), r.all());
    List<String> tf = terraform("core");
    assertEquals(List.of(tf.get(0), tf.get(1), tf.get(3)), commands());
    assertTrue(r.out().contains("no changes"));
  }

  @Test
  void contract_hydrateGetsTheBootstrapTokensWithoutShowingThem() throws IOException {
    assertEquals(0, apply("--only", "secrets").code());
    env.put("BITTE_FAKE_ENV_NAMES", "CONSUL_HTTP_TOKEN NOMAD_TOKEN");
    Cli.Result r = apply("--only", "hydrate");
    assertEquals(0, r.code(), r.all());
    String consul = Files.readString(tmp.resolve(".bitte/test-fleet/secrets/consul-acl-bootstrap.token")).strip();
    String nomad = Files.readString(tmp.resolve(".bitte/test-fleet/secrets/nomad-acl-bootstrap.token")).strip();
    List<String> seen = Files.readAllLines(Path.of(log + ".env"));
    assertTrue(seen.contains("terraform CONSUL_HTTP_TOKEN=" + consul), seen.toString());
    assertTrue(seen.contains("terraform NOMAD_TOKEN=" + nomad), seen.toString());
    assertEquals(2 * 2, seen.size(), "only plan and apply of hydrate get the tokens: " + seen);
    assertTrue(r.out().contains("CONSUL_HTTP_TOKEN=<.bitte/test-fleet/secrets/consul-acl-bootstrap.token> ")
        && r.out().contains(" NOMAD_TOKEN=<.bitte/test-fleet/secrets/nomad-acl-bootstrap.token> ")
        && r.out().contains(" VAULT_CACERT=<.bitte/test-fleet/secrets/ca.pem> "), r.out());
    assertFalse(r.all().contains(consul) || r.all().contains(nomad));
    assertFalse(Files.readString(tmp.resolve(".bitte/test-fleet/logs/hydrate.log")).contains(consul), "token in the log");
  }

  @Test
  void contract_missingTerraformNamesWhatToInstall() throws IOException {
    Path onlyNix = FakeTools.install(tmp.resolve("nix-only"), List.of("nixos-rebuild", "ssh", "scp"));
    env.put("PATH", onlyNix + ":/usr/bin:/bin");
    Cli.Result r = apply("--only", "bootstrap");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("`terraform` or `tofu` not found"), r.err());
    assertTrue(r.err().contains("OpenTofu") && r.err().contains("--terraform-bin"), r.err());
    assertTrue(r.err().contains("resume with `bitte apply build/test-fleet`"), r.err());
  }

  @Test
  void contract_tofuIsUsedWhenTerraformIsAbsent() throws IOException {
    Path tofu = FakeTools.install(tmp.resolve("tofu-bin"), List.of("tofu"));
    env.put("PATH", tofu + ":/usr/bin:/bin");
    Cli.Result r = apply("--only", "network");
    assertEquals(0, r.code(), r.all());
    assertEquals(terraform("network").stream().map(l -> l.replace("terraform ", "tofu ")).toList(), commands());
    Files.delete(log);
    Cli.Result flag = apply("--only", "network", "--terraform-bin", tofu.resolve("tofu").toString());
    assertEquals(0, flag.code(), flag.all());
    assertEquals(4, commands().size());
  }

  @Test
  void contract_missingNixosRebuildNamesThePackage() throws IOException {
    Path tfOnly = FakeTools.install(tmp.resolve("tf-only"), List.of("terraform"));
    env.put("PATH", tfOnly + ":/nonexistent");
    assertEquals(0, apply("--only", "secrets").code());
    Cli.Result r = apply("--only", "deploy-core");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("`nixos-rebuild` not found") && r.err().contains("nixpkgs#nixos-rebuild"), r.err());
  }

  @Test
  void contract_healthGateStopsOnASealedVaultAndSaysHowToRollBack() throws IOException {
    cluster.vaultStatus = 503;
    Cli.Result r = apply();
    assertEquals(2, r.code(), r.all());
    assertTrue(r.err().contains("health gate failed after deploying core-1"), r.err());
    assertTrue(r.err().contains("vault NOT ok (sealed"), r.err());
    assertTrue(r.err().contains("nixos-rebuild switch --rollback --target-host root@127.0.0.1") || r.err().contains("resume with"), r.err());
    assertFalse(commands().stream().anyMatch(c -> c.contains("#core-2")), "core-2 must not be touched after core-1 failed its gate");
  }

  @Test
  void contract_bootstrapModeWaitsForTheQuorumOnlyAfterTheLastServer() throws IOException {
    cluster.consulLeader = "\"\""; // a fresh cluster: no leader until all servers are up
    assertEquals(0, apply("--only", "bootstrap").code());
    Cli.Result r = apply("--only", "secrets");
    assertEquals(0, r.code(), r.all());
    r = apply("--only", "deploy-core");
    assertEquals(2, r.code(), r.all());
    assertTrue(r.out().contains("bootstrap (no leader yet)"), r.out());
    assertTrue(r.err().contains("health gate failed after deploying core-3"), r.err());
    assertTrue(commands().stream().anyMatch(c -> c.contains("#core-3")));
    assertFalse(commands().stream().anyMatch(c -> c.contains("#routing")));
  }

  @Test
  void contract_tamperedArtifactIsRefusedBeforeAnythingRuns() throws IOException {
    Path flake = tmp.resolve("build/test-fleet/nixos/flake.nix");
    Files.writeString(flake, Files.readString(flake) + "# quick fix\n");
    for (String cmd : List.of("apply", "plan", "deploy", "secrets", "info")) {
      Cli.Result r = cmd.equals("deploy") ? Cli.run(tmp, env, "deploy", "-f", "build/test-fleet") : Cli.run(tmp, env, cmd, "build/test-fleet");
      assertEquals(2, r.code(), cmd);
      assertTrue(r.err().contains("artifact build/test-fleet/nixos/flake.nix was changed after it was generated"), r.err());
      assertTrue(r.err().contains("mvn compile") && r.err().contains("bitte export"), r.err());
    }
    assertFalse(Files.exists(log), "nothing ran");
    assertFalse(Files.exists(tmp.resolve(".bitte")), "nothing was written");
  }

  @Test
  void contract_missingArtifactAndNewerSchemaAreRefused() throws IOException {
    Files.delete(tmp.resolve("build/test-fleet/nomad/apps/web.nomad.hcl"));
    Cli.Result r = Cli.run(tmp, env, "show", "build/test-fleet");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("artifact build/test-fleet/nomad/apps/web.nomad.hcl is missing"), r.err());
    Path m = tmp.resolve("build/test-fleet/manifest.json");
    Files.writeString(m, Files.readString(m).replace("\"schema\" : 1", "\"schema\" : 2"));
    r = Cli.run(tmp, env, "show", "build/test-fleet");
    assertTrue(r.err().contains("has manifest schema 2") && r.err().contains("same version as the processor"), r.err());
  }

  @Test
  void contract_stateAndSecretsNeverGoIntoTheArtifactFolder() {
    Cli.Result r = Cli.run(tmp, env, "secrets", "build/test-fleet", "--secrets-dir", "build/test-fleet/secrets");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("refusing to keep runner state or secrets in the artifact folder build/test-fleet"), r.err());
    assertFalse(Files.exists(tmp.resolve("build/test-fleet/secrets")));
  }

  @Test
  void contract_deployLimitRunsNonServersInParallelAndServersOneByOne() throws IOException {
    assertEquals(0, apply("--only", "bootstrap").code());
    assertEquals(0, apply("--only", "secrets").code());
    Cli.Result r = Cli.run(tmp, env, "deploy", "-f", "build/test-fleet", "routing", "core-2", "--limit", "3",
        "--health-interval", "0.01", "--health-timeout", "1");
    assertEquals(0, r.code(), r.all());
    assertTrue(r.out().contains("nomad ACLs: bootstrapped"), r.out());
    Cli.Result again = Cli.run(tmp, env, "deploy", "-f", "build/test-fleet", "core-2", "--health-interval", "0.01", "--health-timeout", "1");
    assertTrue(again.out().contains("nomad ACLs: already bootstrapped"), again.out());
    List<String> c = commands();
    assertTrue(c.indexOf(deploy("core-2", "10.0.16.11", true).get(2)) < c.indexOf(deploy("routing", "10.0.0.13", false).get(2)),
        "servers first: " + c);
    Cli.Result group = Cli.run(tmp, env, "deploy", "-f", "build/test-fleet", "clients-eu");
    assertEquals(2, group.code());
    assertTrue(group.err().contains("\"clients-eu\" is a client group") && group.err().contains("instance refresh"), group.err());
  }

  @Test
  void contract_infoAndShowReadOutputsAndJournal() throws IOException {
    assertEquals(0, apply("--only", "core").code());
    Cli.Result info = Cli.run(tmp, env, "info", "build/test-fleet");
    assertEquals(0, info.code(), info.all());
    assertTrue(info.out().contains("core-1       server     private 10.0.0.10       ssh root@127.0.0.1"), info.out());
    assertTrue(info.out().contains("core.kms = (sensitive)") && !info.out().contains("secret-arn"), info.out());
    assertTrue(info.out().contains("core: ok") && info.out().contains("network: pending"), info.out());
    Cli.Result show = Cli.run(tmp, env, "show", "build/test-fleet");
    assertTrue(show.out().contains("apps/web  nomad/apps/web.nomad.hcl") && show.out().contains("public 127.0.0.1"), show.out());
    assertTrue(show.out().contains("apps/web  nomad/apps/web.nomad.hcl"), show.out());
    Cli.Result ssh = Cli.run(tmp, env, "ssh", "-f", "build/test-fleet", "--dry-run", "core-1", "uptime");
    assertEquals("  $ ssh root@127.0.0.1 uptime\n", ssh.out());
  }

  @Test
  void contract_deployWithoutTheBootstrapOutputsSaysWhatToRunFirst() {
    assertEquals(0, apply("--only", "secrets").code());
    Cli.Result r = apply("--only", "deploy-core");
    assertEquals(2, r.code(), r.all());
    assertTrue(r.err().contains("core-1 needs vault/vault.env, but the bootstrap workspace has no output vault_unseal_kms_key_arn"), r.err());
    assertTrue(r.err().contains("run `bitte apply --only bootstrap` first"), r.err());
  }

  @Test
  void contract_hydrateWithTheVaultProviderNeedsVaultToken() throws IOException {
    Map<String, String> files = new java.util.TreeMap<>(Fixture.files());
    files.put("terraform/hydrate/main.tf.json", "{\"provider\":{\"vault\":[{}]}}\n");
    Fixture.write(tmp.resolve("vaulted/test-fleet"), files);
    Cli.Result r = Cli.run(tmp, env, "apply", "vaulted/test-fleet", "--only", "hydrate");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("configures Vault but VAULT_TOKEN is not set") && r.err().contains("vault-root.token does not exist"), r.err());
    assertFalse(Files.exists(log), "terraform did not run");
    env.put("VAULT_TOKEN", "root");
    assertEquals(0, Cli.run(tmp, env, "apply", "vaulted/test-fleet", "--only", "hydrate").code());
  }

  @Test
  void contract_hydrateUsesTheRootTokenDeployCoreSavedWhenVaultTokenIsNotSet() throws IOException {
    Map<String, String> files = new java.util.TreeMap<>(Fixture.files());
    files.put("terraform/hydrate/main.tf.json", "{\"provider\":{\"vault\":[{}]}}\n");
    Fixture.write(tmp.resolve("vaulted/test-fleet"), files);
    env.put("BITTE_FAKE_ENV_NAMES", "VAULT_TOKEN");

    Cli.Result r = Cli.run(tmp, env, "apply", "vaulted/test-fleet");

    assertEquals(0, r.code(), r.all());
    assertTrue(Files.readAllLines(Path.of(log + ".env")).contains("terraform VAULT_TOKEN=" + FakeCluster.VAULT_ROOT));
    assertTrue(r.out().contains("VAULT_TOKEN=<.bitte/test-fleet/secrets/vault-root.token>"), r.out());
    assertFalse(r.all().contains(FakeCluster.VAULT_ROOT));
  }

  @Test
  void contract_vaultInitializedWithoutUsIsLeftAloneAndNothingIsOverwritten() throws IOException {
    cluster.vaultInitialized = true;
    assertEquals(0, apply().code());
    assertEquals(0, cluster.vaultInits.get());
    assertFalse(Files.exists(tmp.resolve(".bitte/test-fleet/secrets/vault-root.token")));
  }

  /** Makes the fixture's manifest say that {@code workspace} requires the variable {@code name}. */
  private void requireVariable(String workspace, String name, String description) throws IOException {
    Path m = tmp.resolve("build/test-fleet/manifest.json");
    ObjectMapper json = new ObjectMapper();
    var root = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(m.toFile());
    root.putObject("terraform").putArray("workspaces").addObject().put("name", workspace).putArray("variables").addObject()
        .put("name", name).put("description", description);
    Files.writeString(m, json.writeValueAsString(root));
  }

  @Test
  void contract_requiredVariablesComeFromVarOrTfVar() throws IOException {
    requireVariable("clients", "nixos_flake", "flake reference of the nixos folder");
    assertEquals(0, apply("--only", "secrets").code());
    Cli.Result missing = apply("--only", "clients");
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("workspace clients needs the variable nixos_flake") && missing.err().contains("--var nixos_flake="), missing.err());
    Cli.Result given = apply("--only", "clients", "--var", "nixos_flake=github:acme/infra?dir=infra/test-fleet/nixos");
    assertEquals(0, given.code(), given.all());
    assertTrue(commands().contains("terraform -chdir=.bitte/test-fleet/terraform/clients plan -input=false -detailed-exitcode -out=bitte.tfplan"
        + " -var nixos_flake=github:acme/infra?dir=infra/test-fleet/nixos"), commands().toString());
    Files.delete(log);
    env.put("TF_VAR_nixos_flake", "github:acme/infra");
    assertEquals(0, apply("--only", "clients").code());
    assertTrue(commands().get(2).endsWith("-out=bitte.tfplan"), "terraform reads TF_VAR_ itself: " + commands());
  }

  @Test
  void contract_hydrateGetsTheClusterCaFromTheSecretsFolderUnlessGiven() throws IOException {
    requireVariable("hydrate", "cluster_ca_file", "Path of the cluster CA certificate (PEM)");

    Cli.Result before = apply("--only", "hydrate");
    assertEquals(2, before.code(), before.all());
    assertTrue(before.err().contains("workspace hydrate needs the cluster CA certificate .bitte/test-fleet/secrets/ca.pem")
        && before.err().contains("run `bitte secrets` first"), before.err());
    assertFalse(commands().stream().anyMatch(c -> c.contains(" plan ")), "nothing planned without the CA: " + commands());

    assertEquals(0, apply("--only", "secrets").code());
    Files.deleteIfExists(log);
    assertEquals(0, apply("--only", "hydrate").code());
    String ca = "<tmp>/.bitte/test-fleet/secrets/ca.pem";
    assertTrue(commands().stream().anyMatch(c -> c.contains("terraform -chdir=.bitte/test-fleet/terraform/hydrate plan ")
        && c.endsWith(" -var cluster_ca_file=" + ca)), "absolute, since terraform resolves file() in -chdir's folder: " + commands());

    Files.delete(log);
    assertEquals(0, apply("--only", "hydrate", "--var", "cluster_ca_file=/etc/pki/bitte-ca.pem").code());
    assertTrue(commands().stream().anyMatch(c -> c.contains(" plan ") && c.endsWith(" -var cluster_ca_file=/etc/pki/bitte-ca.pem")),
        "--var wins: " + commands());
    Files.delete(log);
    assertEquals(0, apply("--only", "hydrate", "--var", "cluster_ca_file=pki/../pki/ca.pem").code());
    assertTrue(commands().stream().anyMatch(c -> c.contains(" plan ") && c.endsWith(" -var cluster_ca_file=<tmp>/pki/ca.pem")),
        "a relative path is made absolute against the folder bitte runs in: " + commands());
    Files.delete(log);
    env.put("TF_VAR_cluster_ca_file", "/etc/pki/bitte-ca.pem");
    assertEquals(0, apply("--only", "hydrate").code());
    assertTrue(commands().stream().noneMatch(c -> c.contains("cluster_ca_file")), "terraform reads TF_VAR_ itself: " + commands());
  }

  @Test
  void contract_oneApplyAtATimePerStateFolder() throws IOException {
    Path lockFile = tmp.resolve(".bitte/test-fleet/apply.lock");
    Files.createDirectories(lockFile.getParent());
    try (var ch = java.nio.channels.FileChannel.open(lockFile, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
         var held = ch.lock()) {
      Cli.Result r = apply("--only", "bootstrap");
      assertEquals(2, r.code());
      assertTrue(r.err().contains("another `bitte apply` or `bitte destroy` is running for test-fleet") && r.err().contains(".bitte/test-fleet/apply.lock is locked"), r.err());
    }
    assertFalse(Files.exists(log), "nothing ran");
    assertEquals(0, apply("--only", "bootstrap").code(), "the lock is released");
  }

  @Test
  void contract_planExitCodesAndAFailedWorkspaceNamesItsLog() throws IOException {
    Cli.Result changes = Cli.run(tmp, env, "plan", "build/test-fleet", "--no-jobs");
    assertEquals(1, changes.code(), changes.all());
    assertEquals(List.of("init", "plan"), commands().subList(0, 2).stream().map(l -> l.split(" ")[2]).toList());
    assertTrue(commands().stream().noneMatch(l -> l.contains(" apply ")), "plan never applies");
    env.put("BITTE_FAKE_NO_CHANGES", "1");
    assertEquals(0, Cli.run(tmp, env, "plan", "build/test-fleet", "--no-jobs").code());
    env.put("BITTE_FAKE_FAIL", "terraform/network plan");
    Cli.Result failed = Cli.run(tmp, env, "plan", "build/test-fleet", "--no-jobs");
    assertEquals(2, failed.code());
    assertTrue(failed.err().contains("terraform plan failed in workspace network") && failed.err().contains("log: .bitte/test-fleet/logs/plan-network.log"),
        failed.err());
    env.remove("BITTE_FAKE_FAIL");
    Cli.Result withJobs = Cli.run(tmp, env, "plan", "build/test-fleet");
    assertEquals(1, withJobs.code(), "the jobs are new: " + withJobs.all());
    assertTrue(withJobs.out().contains("job apps/web\n  diff: Added"), withJobs.out());
  }

  static String read(Path p) throws IOException {
    return Files.readString(p, StandardCharsets.UTF_8);
  }
}
