package dev.bitte.processor.emit.nixos;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bitte.processor.plan.FleetPlan;
import dev.bitte.processor.testing.NixTool;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sample fleet's NixOS artifacts, checked with the real Nix: every file parses, and the
 * modules, applied to stub arguments ({@code stub.nix}), evaluate to the values the plan (as
 * recorded in the manifest, which the Terraform writer reads from the same plan) demands.
 */
class NixosWriterTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  static SortedMap<String, byte[]> artifacts;
  static JsonNode manifest;
  static Path dir;

  @BeforeAll
  static void render() throws IOException {
    artifacts = SampleFleet.artifacts();
    dir = SampleFleet.directory();
    manifest = MAPPER.readTree(artifacts.get("manifest.json"));
  }

  /** Evaluates an expression in nixos/, where {@code s} is the stub set ({@code stub.nix}). */
  static JsonNode eval(String expression) {
    return NixTool.evalJson("let s = import ./stub.nix; in " + expression, SampleFleet.directory().resolve("nixos"));
  }

  /** A host module applied to stub arguments. */
  static String host(String name) {
    return "(import ./hosts/" + name + ".nix (s.args { }))";
  }

  /** A role module applied to stub arguments, with the host's bitte.node as its config. */
  static String module(String module, String host) {
    return "(import ./modules/" + module + ".nix (s.args { bitte.node = " + host(host) + ".bitte.node; bitte.ingress.services = [ ]; }))";
  }

  /** systemd's copy of a root-only secret file for a service's user: the path its module must name. */
  static String credential(String unit, String id) {
    return SecretFiles.CREDENTIALS_DIR + "/" + unit + ".service/" + id;
  }

  /**
   * The services that run as their own user (Consul, Vault, Grafana, HAProxy) cannot open the
   * root-only files under the secrets dir: every credential path a module names is one its
   * service loads (LoadCredential, as Nix evaluates it, with the file the runner places), and no
   * such file is named any other way.
   */
  @Test
  void serviceUsersReadSecretsOnlyThroughTheirCredentials() throws IOException {
    Pattern credentialPath = Pattern.compile(Pattern.quote(SecretFiles.CREDENTIALS_DIR) + "/([a-z]+)\\.service/([A-Za-z]+)((?:\\.[a-z]+)?)");
    Map<String, SecretFiles> byKey = new java.util.HashMap<>();
    SecretFiles.ALL.forEach(f -> byKey.put(f.key(), f));
    Set<String> loaded = new TreeSet<>();
    for (String[] m : new String[][] {{"consul-server", "core-1"}, {"consul-client", "clients-us"}, {"vault-server", "core-1"},
        {"monitoring", "monitoring"}, {"routing", "routing"}}) {
      String text = Files.readString(dir.resolve("nixos/modules/" + m[0] + ".nix"));
      Matcher named = credentialPath.matcher(text);
      Set<String> units = new TreeSet<>();
      while (named.find()) {
        SecretFiles f = byKey.get(named.group(2));
        assertWithMessage("%s names credential %s", m[0], named.group()).that(f).isNotNull();
        assertWithMessage("%s: %s is read by", m[0], f.key()).that(f.reader()).isEqualTo(named.group(1));
        assertWithMessage("%s: %s keeps its file's extension", m[0], named.group()).that(named.group(2) + named.group(3)).isEqualTo(f.credentialId());
        assertWithMessage("%s: extension of %s", m[0], f.path()).that(f.path().endsWith(named.group(3))).isTrue();
        units.add(named.group(1));
      }
      assertWithMessage("%s names no credential", m[0]).that(units).isNotEmpty();
      for (String unit : units) {
        List<String> entries = strings(eval("(let m = " + module(m[0], m[1]) + "; c = if m ? systemd then m else m.config; in "
            + "c.systemd.services." + unit + ".serviceConfig.LoadCredential)"));
        List<String> expected = SecretFiles.ALL.stream().filter(f -> f.reader().equals(unit)).map(f -> f.credentialId() + ":" + f.path()).toList();
        assertWithMessage("%s: LoadCredential of %s.service", m[0], unit).that(entries).containsExactlyElementsIn(expected).inOrder();
        loaded.addAll(entries);
      }
      for (SecretFiles f : SecretFiles.ALL) {
        if (f.reader().isEmpty()) {
          continue;
        }
        // The file itself appears only as the source of its credential.
        assertWithMessage("%s names %s outside LoadCredential", m[0], f.path())
            .that(text.replace("\"" + f.credentialId() + ":" + f.path() + "\"", "")).doesNotContain(f.path());
      }
    }
    // Every file a service user reads is loaded by some module of the sample.
    assertThat(loaded).containsExactlyElementsIn(SecretFiles.ALL.stream().filter(f -> !f.reader().isEmpty()).map(f -> f.credentialId() + ":" + f.path()).toList());
  }

  static List<String> serverIps() {
    List<String> ips = new ArrayList<>();
    SampleFleet.manifest().get("coreNodes").forEach(n -> {
      if (n.get("role").asText().equals("server")) {
        ips.add(n.get("privateIp").asText());
      }
    });
    return ips;
  }

  static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(e -> out.add(e.asText()));
    return out;
  }

  static List<String> nixFiles() {
    return artifacts.keySet().stream().filter(p -> p.startsWith("nixos/") && p.endsWith(".nix")).toList();
  }

  @Test
  void writesTheFlakeRoleModulesAndOneModulePerNodeAndGroup() {
    Set<String> expected = new TreeSet<>(List.of("nixos/flake.nix", "nixos/config/alloy.alloy", "nixos/secrets.json"));
    for (String m : List.of("common", "consul-server", "consul-client", "vault-server", "nomad-server", "nomad-client", "monitoring", "routing")) {
      expected.add("nixos/modules/" + m + ".nix");
    }
    for (String h : List.of("core-1", "core-2", "core-3", "monitoring", "routing", "clients-eu", "clients-us")) {
      expected.add("nixos/hosts/" + h + ".nix");
    }
    Set<String> actual = new TreeSet<>(artifacts.keySet());
    actual.removeIf(p -> !p.startsWith("nixos/"));
    assertThat(actual).containsExactlyElementsIn(expected);
  }

  @Test
  void everyNixFileParses() {
    List<String> files = nixFiles();
    assertThat(files).isNotEmpty();
    NixTool.parseAll(files.stream().map(dir::resolve).toList());
  }

  @Test
  void consulJoinsTheServersOfThePlanInOneDatacenter() {
    List<String> servers = serverIps();
    assertThat(servers).hasSize(3);
    for (String[] m : new String[][] {{"consul-server", "core-2"}, {"consul-client", "clients-us"}, {"consul-client", "monitoring"}}) {
      JsonNode c = eval(module(m[0], m[1]) + ".services.consul");
      JsonNode x = c.get("extraConfig");
      assertThat(x.get("datacenter").asText()).isEqualTo("eu-central-1");
      List<String> join = strings(x.get("retry_join"));
      assertWithMessage(m[0]).that(join.subList(0, join.size() - 1)).containsExactlyElementsIn(servers).inOrder();
      assertThat(join.get(join.size() - 1)).isEqualTo("provider=aws region=eu-central-1 tag_key=bitte-join tag_value=my-testnet-server");
      assertThat(x.get("acl").get("default_policy").asText()).isEqualTo("deny");
      assertThat(x.get("connect").get("enabled").asBoolean()).isTrue();
      assertThat(x.get("tls").get("defaults").get("verify_incoming").asBoolean()).isTrue();
      assertThat(x.get("tls").get("defaults").get("verify_outgoing").asBoolean()).isTrue();
      assertThat(x.get("tls").get("internal_rpc").get("verify_server_hostname").asBoolean()).isTrue();
      assertThat(x.get("client_addr").asText()).isEqualTo("127.0.0.1");
      assertThat(x.get("ports").get("https").asInt()).isEqualTo(8501);
      assertThat(x.get("ports").get("grpc_tls").asInt()).isEqualTo(8503);
      assertThat(x.has("encrypt")).isFalse();
      // Consul reads a config file by its extension: the credential keeps the file's .json.
      assertThat(strings(c.get("extraConfigFiles"))).containsExactly(credential("consul", "consulSecrets.json"));
      assertThat(x.has("bootstrap_expect")).isEqualTo(m[0].equals("consul-server"));
    }
    JsonNode server = eval(module("consul-server", "core-2") + ".services.consul.extraConfig");
    assertThat(server.get("bootstrap_expect").asInt()).isEqualTo(3);
    assertThat(server.get("node_name").asText()).isEqualTo("core-2");
  }

  @Test
  void nomadServersExpectTheQuorumAndClientsTakeTheirGroupsIdentity() {
    JsonNode server = eval(module("nomad-server", "core-1") + ".services.nomad.settings");
    assertThat(server.get("server").get("bootstrap_expect").asInt()).isEqualTo(3);
    // the algorithm the compile-time placement used (the sample keeps the default)
    assertThat(server.get("server").get("default_scheduler_config").get("scheduler_algorithm").asText()).isEqualTo("binpack");
    assertThat(strings(server.get("server").get("server_join").get("retry_join"))).containsExactlyElementsIn(serverIps()).inOrder();
    assertThat(server.get("advertise").get("rpc").asText()).isEqualTo(serverIps().get(0));
    assertThat(server.get("acl").get("enabled").asBoolean()).isTrue();
    assertThat(server.get("tls").get("verify_server_hostname").asBoolean()).isTrue();
    // Vault identities: the audience and the workload-id claim the hydrate workspace's roles expect
    // (NomadHclParseTest checks the roles' side).
    JsonNode identity = server.get("vault").get("default_identity");
    assertThat(strings(identity.get("aud"))).containsExactly("vault.io");
    assertThat(identity.get("extra_claims").get("nomad_workload_id").asText())
        .isEqualTo("${job.region}:${job.namespace}:${job.id}");
    // Consul identities for services and tasks: the audience Consul's auth method accepts
    // (NomadHclParseTest checks the method's side); clients keep the default auth method names.
    JsonNode consul = server.get("consul");
    for (String kind : List.of("service_identity", "task_identity")) {
      assertWithMessage(kind).that(strings(consul.get(kind).get("aud"))).containsExactly("consul.io");
      assertWithMessage(kind).that(consul.get(kind).get("ttl").asText()).isEqualTo("1h");
    }
    assertThat(consul.has("service_auth_method")).isFalse();
    assertThat(consul.has("task_auth_method")).isFalse();

    for (JsonNode g : manifest.get("clientGroups")) {
      String name = g.get("name").asText();
      JsonNode settings = eval(module("nomad-client", name) + ".services.nomad.settings");
      assertThat(settings.get("datacenter").asText()).isEqualTo(g.get("region").asText());
      assertThat(settings.get("client").get("node_class").asText()).isEqualTo(g.get("nodeClass").asText());
      // Terminated instances (instance refresh, scale-in) hand their allocations over first.
      assertThat(settings.get("client").get("drain_on_shutdown").get("deadline").asText()).isEqualTo("1m");
      assertThat(settings.get("leave_on_terminate").asBoolean()).isTrue();
      assertThat(settings.get("leave_on_interrupt").asBoolean()).isTrue();
      assertThat(strings(settings.get("client").get("server_join").get("retry_join"))).containsExactlyElementsIn(serverIps()).inOrder();
      assertThat(settings.get("client").get("cni_path").asText()).endsWith("-cni-plugins-1.6.2/bin");
    }
    JsonNode eu = eval(host("clients-eu") + ".services.nomad.settings.client");
    assertThat(eu.get("meta").get("tier").asText()).isEqualTo("apps");
    assertThat(eu.get("host_volume").get("pg-data").get("path").asText()).isEqualTo("/var/lib/pg-data");
    assertThat(eu.get("host_volume").get("pg-data").get("read_only").asBoolean()).isFalse();
    // The client reserves exactly what the placement planner subtracts from every node.
    assertThat(eu.get("reserved").get("cpu").asInt()).isEqualTo(dev.bitte.processor.schedule.NomadReserve.CPU_MHZ);
    assertThat(eu.get("reserved").get("memory").asInt()).isEqualTo(dev.bitte.processor.schedule.NomadReserve.MEMORY_MIB);
    JsonNode docker = eval(module("nomad-client", "clients-eu") + ".virtualisation.docker.enable");
    assertThat(docker.asBoolean()).isTrue();
  }

  @Test
  void vaultJoinsTheOtherServersAndUnsealsWithKmsFromARuntimeFile() {
    List<String> servers = serverIps();
    JsonNode v = eval(module("vault-server", "core-1"));
    JsonNode vault = v.get("services").get("vault");
    assertThat(vault.get("storageBackend").asText()).isEqualTo("raft");
    List<String> joined = new ArrayList<>();
    Matcher m = Pattern.compile("leader_api_addr = \"https://([0-9.]+):8200\"").matcher(vault.get("storageConfig").asText());
    while (m.find()) {
      joined.add(m.group(1));
    }
    assertThat(joined).containsExactlyElementsIn(servers.subList(1, 3)).inOrder();
    assertThat(vault.get("storageConfig").asText()).contains("node_id = \"core-1\"");
    assertThat(vault.get("extraConfig").asText()).contains("api_addr = \"https://" + servers.get(0) + ":8200\"");
    assertThat(vault.get("extraConfig").asText()).contains("seal \"awskms\"");
    assertThat(vault.get("extraConfig").asText()).doesNotContain("kms_key_id");
    assertThat(vault.get("tlsKeyFile").asText()).isEqualTo(credential("vault", "vaultKey.pem"));
    assertThat(v.get("systemd").get("services").get("vault").get("serviceConfig").get("EnvironmentFile").asText())
        .isEqualTo(FleetPlan.SECRETS_DIR + "/vault/vault.env");
  }

  /** Each host's firewall, as Nix evaluates it, opens exactly the ports of its rules in the plan. */
  @Test
  void firewallsOpenExactlyThePlansPorts() {
    List<JsonNode> hosts = new ArrayList<>();
    manifest.get("coreNodes").forEach(hosts::add);
    manifest.get("clientGroups").forEach(hosts::add);
    assertThat(hosts).hasSize(7);
    for (JsonNode h : hosts) {
      String name = h.get("name").asText();
      Set<String> planned = new TreeSet<>();
      boolean ping = false;
      for (JsonNode r : h.get("ingress")) {
        if (r.get("protocol").asText().equals("icmp")) {
          ping = true;
        } else {
          planned.add(r.get("protocol").asText() + " " + r.get("fromPort").asInt() + "-" + r.get("toPort").asInt());
        }
      }
      JsonNode fw = eval(host(name) + ".networking.firewall");
      Set<String> open = new TreeSet<>();
      fw.get("allowedTCPPorts").forEach(p -> open.add("tcp " + p.asInt() + "-" + p.asInt()));
      fw.get("allowedUDPPorts").forEach(p -> open.add("udp " + p.asInt() + "-" + p.asInt()));
      fw.get("allowedTCPPortRanges").forEach(p -> open.add("tcp " + p.get("from").asInt() + "-" + p.get("to").asInt()));
      fw.get("allowedUDPPortRanges").forEach(p -> open.add("udp " + p.get("from").asInt() + "-" + p.get("to").asInt()));
      assertWithMessage(name).that(open).containsExactlyElementsIn(planned);
      assertWithMessage(name).that(fw.get("allowPing").asBoolean()).isEqualTo(ping);
    }
    // Consul's plain HTTP and DNS stay closed everywhere.
    assertThat(eval(host("core-1") + ".networking.firewall.allowedTCPPorts").toString()).doesNotContain("8500");
  }

  @Test
  void hostsImportTheirRolesAndSetTheirIdentity() {
    for (JsonNode n : manifest.get("coreNodes")) {
      String name = n.get("name").asText();
      JsonNode h = eval(host(name));
      assertThat(h.get("networking").get("hostName").asText()).isEqualTo(name);
      JsonNode node = h.get("bitte").get("node");
      assertThat(node.get("privateIp").asText()).isEqualTo(n.get("privateIp").asText());
      assertThat(node.get("region").asText()).isEqualTo(n.get("region").asText());
      assertThat(node.get("role").asText()).isEqualTo(n.get("role").asText());
      List<String> imports = new ArrayList<>();
      h.get("imports").forEach(i -> imports.add(i.asText().replaceAll("^/nix/store/[a-z0-9]{32}-", "")));
      List<String> roles = NixosWriter.roles(dev.bitte.Role.valueOf(n.get("role").asText().toUpperCase(java.util.Locale.ROOT)));
      assertThat(imports).containsExactlyElementsIn(roles.stream().map(r -> r + ".nix").toList()).inOrder();
    }
    JsonNode us = eval(host("clients-us"));
    assertThat(us.get("bitte").get("node").get("nodeClass").asText()).isEqualTo("general");
    assertThat(us.get("bitte").get("node").get("region").asText()).isEqualTo("us-east-2");
    assertThat(us.has("networking") && us.get("networking").has("hostName")).isFalse();
  }

  @Test
  void commonModuleInstallsTheAdminKeysAndShipsToTheMonitoringNode() {
    JsonNode c = eval("(import ./modules/common.nix (s.args { }))");
    assertThat(strings(c.get("imports"))).containsExactly("/stub/nixos/modules/virtualisation/amazon-image.nix");
    JsonNode config = c.get("config");
    List<String> keys = strings(config.get("users").get("users").get("root").get("openssh").get("authorizedKeys").get("keys"));
    assertThat(keys).hasSize(1);
    assertThat(keys.get(0)).startsWith("ssh-ed25519 ");
    assertThat(config.get("services").get("openssh").get("openFirewall").asBoolean()).isFalse();
    assertThat(config.get("services").get("alloy").get("enable").asBoolean()).isTrue();
    assertThat(config.get("services").get("chrony").get("enable").asBoolean()).isTrue();
    assertThat(strings(config.get("services").get("dnsmasq").get("settings").get("server"))).containsExactly("/consul/127.0.0.1#8600");
    assertThat(config.get("system").get("stateVersion").asText()).isEqualTo("26.05");

    String monitoring = null;
    for (JsonNode n : manifest.get("coreNodes")) {
      if (n.get("role").asText().equals("monitoring")) {
        monitoring = n.get("privateIp").asText();
      }
    }
    String alloy = new String(artifacts.get("nixos/config/alloy.alloy"), UTF_8);
    assertThat(alloy).contains("url = \"http://" + monitoring + ":3100/loki/api/v1/push\"");
    assertThat(alloy).contains("url = \"http://" + monitoring + ":8428/api/v1/write\"");
    assertThat(alloy).contains("loki.source.journal \"journal\"");
  }

  @Test
  void monitoringProvisionsBothDataSources() {
    JsonNode s = eval(module("monitoring", "monitoring") + ".services");
    assertThat(s.get("victoriametrics").get("listenAddress").asText()).isEqualTo(":8428");
    assertThat(s.get("loki").get("configuration").get("server").get("http_listen_port").asInt()).isEqualTo(3100);
    List<String> types = new ArrayList<>();
    s.get("grafana").get("provision").get("datasources").get("settings").get("datasources").forEach(d -> types.add(d.get("type").asText() + " " + d.get("url").asText()));
    assertThat(types).containsExactly("prometheus http://127.0.0.1:8428", "loki http://127.0.0.1:3100");
    assertThat(s.get("grafana").get("settings").get("security").get("admin_password").asText())
        .isEqualTo("$__file{" + credential("grafana", "grafanaAdminPassword") + "}");
  }

  @Test
  void routingFindsBackendsThroughConsulDns() {
    JsonNode none = eval(module("routing", "routing") + ".config.services.haproxy.config");
    assertThat(none.asText()).contains("bind :443 ssl crt " + credential("haproxy", "ingressCert.pem"));
    assertThat(none.asText()).contains("nameserver consul 127.0.0.1:8600");
    assertThat(none.asText()).doesNotContain("server-template");
    String web = eval("(import ./modules/routing.nix (s.args { bitte.ingress.services = [ \"web\" ]; })).config.services.haproxy.config").asText();
    assertThat(web).contains("use_backend web if { req.hdr(host),field(1,:) -i web.testnet.example.com }");
    assertThat(web).contains("server-template web 10 _web._tcp.service.consul resolvers consul");
  }

  @Test
  void flakeHasOneConfigurationPerNodeAndGroupAndAllowsExactlyTheBslPackages() {
    JsonNode f = eval("let f = import ./flake.nix; o = f.outputs { self = { }; nixpkgs = { lib = s.lib; }; };"
        + " pred = (builtins.head o.nixosConfigurations.core-1.modules).nixpkgs.config.allowUnfreePredicate; in {"
        + " url = f.inputs.nixpkgs.url;"
        + " systems = builtins.mapAttrs (n: c: (builtins.elemAt c.modules 1).nixpkgs.hostPlatform) o.nixosConfigurations;"
        + " hosts = builtins.mapAttrs (n: c: builtins.elemAt c.modules 2) o.nixosConfigurations;"
        + " allowed = builtins.filter (p: pred { pname = p; }) [ \"consul\" \"nomad\" \"vault\" \"terraform\" \"grafana\""
        + " \"consul-template\" \"vault-bin\" \"terraform-providers\" \"packer\" \"boundary\" ];"
        + " byName = builtins.filter (n: pred { name = n; }) [ \"nomad-1.9.7\" \"vault-1.18.4\" \"levant-0.3.3\" ]; }");
    assertThat(f.get("url").asText()).isEqualTo("github:NixOS/nixpkgs/nixos-26.05");
    Map<String, String> systems = new TreeMap<>();
    f.get("systems").fields().forEachRemaining(e -> systems.put(e.getKey(), e.getValue().asText()));
    assertThat(systems).containsExactly("clients-eu", "x86_64-linux", "clients-us", "x86_64-linux", "core-1", "x86_64-linux",
        "core-2", "x86_64-linux", "core-3", "x86_64-linux", "monitoring", "x86_64-linux", "routing", "x86_64-linux");
    f.get("hosts").fields().forEachRemaining(e -> assertThat(e.getValue().asText()).endsWith("-" + e.getKey() + ".nix"));
    assertThat(strings(f.get("allowed"))).containsExactly("consul", "nomad", "vault", "terraform");
    assertThat(strings(f.get("byName"))).containsExactly("nomad-1.9.7", "vault-1.18.4");
  }

  @Test
  void secretsJsonListsTheRuntimeFilesPerHost() throws IOException {
    JsonNode s = MAPPER.readTree(artifacts.get("nixos/secrets.json"));
    assertThat(s.get("dir").asText()).isEqualTo(FleetPlan.SECRETS_DIR);
    Map<String, List<String>> hosts = new TreeMap<>();
    s.get("files").forEach(f -> hosts.put(f.get("path").asText(), strings(f.get("hosts"))));
    assertThat(hosts.get(FleetPlan.SECRETS_DIR + "/vault/vault.env")).containsExactly("core-1", "core-2", "core-3");
    assertThat(hosts.get(FleetPlan.SECRETS_DIR + "/tls/ingress.pem")).containsExactly("routing");
    assertThat(hosts.get(FleetPlan.SECRETS_DIR + "/consul/secrets.json")).hasSize(7);
    // Every runtime path a module names is in the list, so the runner knows to place it.
    Pattern path = Pattern.compile(Pattern.quote(FleetPlan.SECRETS_DIR) + "/[A-Za-z0-9./_-]+[A-Za-z0-9]");
    for (String file : nixFiles()) {
      Matcher m = path.matcher(new String(artifacts.get(file), UTF_8));
      while (m.find()) {
        assertWithMessage(file).that(hosts).containsKey(m.group());
      }
    }
  }
}
