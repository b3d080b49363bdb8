package dev.bitte.runner;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bitte.runner.artifacts.ArtifactFolder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small artifact folder shaped like the processor's output (manifest schema 1 with the
 * sha256 of every file), with terraform, nixos and nomad files at the paths the writers use.
 */
final class Fixture {
  static final String CLUSTER = "test-fleet";
  static final List<String> SERVERS = List.of("core-1", "core-2", "core-3");
  static final Map<String, String> IPS = Map.of("core-1", "10.0.0.10", "core-2", "10.0.16.11", "core-3", "10.0.32.12", "routing", "10.0.0.13");
  static final String WEB_HCL = "job \"web\" {\n  namespace = \"apps\"\n  datacenters = [\"eu-central-1\"]\n  group \"frontend\" {\n    count = 2\n  }\n}\n";
  static final String REPORT_HCL = "job \"report\" {\n  namespace = \"batch\"\n  type = \"batch\"\n  datacenters = [\"eu-central-1\"]\n}\n";

  /** Shaped like the NixOS writer's nixos/secrets.json: each runtime file and the hosts that read it. */
  static final String SECRETS_SPEC = """
      {
        "dir": "/var/lib/bitte/secrets",
        "files": [
          {"path": "/var/lib/bitte/secrets/tls/ca.pem", "hosts": ["core-1", "core-2", "core-3", "routing", "clients-eu"], "readBy": "root"},
          {"path": "/var/lib/bitte/secrets/tls/consul.pem", "hosts": ["core-1", "core-2", "core-3", "routing", "clients-eu"], "readBy": "consul.service"},
          {"path": "/var/lib/bitte/secrets/tls/consul-key.pem", "hosts": ["core-1", "core-2", "core-3", "routing", "clients-eu"], "readBy": "consul.service"},
          {"path": "/var/lib/bitte/secrets/consul/secrets.json", "hosts": ["core-1", "core-2", "core-3", "routing", "clients-eu"], "readBy": "consul.service"},
          {"path": "/var/lib/bitte/secrets/tls/nomad.pem", "hosts": ["core-1", "core-2", "core-3", "clients-eu"]},
          {"path": "/var/lib/bitte/secrets/tls/nomad-key.pem", "hosts": ["core-1", "core-2", "core-3", "clients-eu"]},
          {"path": "/var/lib/bitte/secrets/nomad/secrets.hcl", "hosts": ["core-1", "core-2", "core-3", "clients-eu"]},
          {"path": "/var/lib/bitte/secrets/tls/vault.pem", "hosts": ["core-1", "core-2", "core-3"], "readBy": "vault.service"},
          {"path": "/var/lib/bitte/secrets/tls/vault-key.pem", "hosts": ["core-1", "core-2", "core-3"], "readBy": "vault.service"},
          {"path": "/var/lib/bitte/secrets/vault/vault.env", "hosts": ["core-1", "core-2", "core-3"]},
          {"path": "/var/lib/bitte/secrets/tls/ingress.pem", "hosts": ["routing"], "readBy": "haproxy.service"}
        ]
      }
      """;

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private Fixture() {}

  static Map<String, String> files() {
    Map<String, String> f = new TreeMap<>();
    for (String ws : List.of("bootstrap", "network", "core", "clients", "hydrate")) {
      f.put("terraform/" + ws + "/main.tf.json", "{\n  \"output\": {\n    \"workspace\": {\n      \"value\": \"" + ws + "\"\n    }\n  }\n}\n");
    }
    f.put("nixos/flake.nix", "{\n  outputs = { self, nixpkgs }: { nixosConfigurations = { }; };\n}\n");
    f.put("nixos/modules/common.nix", "{ ... }: { services.openssh.enable = true; }\n");
    f.put("nixos/hosts/core-1.nix", "{ ... }: { networking.hostName = \"core-1\"; }\n");
    f.put("nixos/secrets.json", SECRETS_SPEC);
    f.put("nomad/apps/web.nomad.hcl", WEB_HCL);
    f.put("nomad/batch/report.nomad.hcl", REPORT_HCL);
    return f;
  }

  /** Writes the fixture to {@code dir} (the folder named after the cluster) and returns it. */
  static Path write(Path dir) throws IOException {
    return write(dir, files());
  }

  static Path write(Path dir, Map<String, String> files) throws IOException {
    Files.createDirectories(dir);
    ObjectNode root = JSON.createObjectNode();
    root.put("schema", 1);
    root.put("generator", "bitte-processor");
    ObjectNode cluster = root.putObject("cluster");
    cluster.put("name", CLUSTER);
    cluster.put("domain", "test.example.com");
    cluster.put("primaryRegion", "eu-central-1");
    cluster.put("javaType", "com.example.TestFleet");
    cluster.put("stateBucket", "test-fleet-bitte-state");
    cluster.put("vpcCidr", "10.0.0.0/16");
    ArrayNode regions = root.putArray("regions");
    ObjectNode r = regions.addObject();
    r.put("name", "eu-central-1").put("cidr", "10.0.0.0/16").put("primary", true);
    r.putArray("subnets").addObject().put("az", "eu-central-1a").put("cidr", "10.0.0.0/20");
    ArrayNode nodes = root.putArray("coreNodes");
    String[] azs = {"eu-central-1a", "eu-central-1b", "eu-central-1c"};
    for (int i = 0; i < 3; i++) {
      String n = SERVERS.get(i);
      nodes.addObject().put("name", n).put("role", "server").put("instanceType", "t3a.medium").put("region", "eu-central-1")
          .put("az", azs[i]).put("subnet", "10.0.0.0/20").put("privateIp", IPS.get(n)).put("volumeSize", 40).putArray("ingress");
    }
    nodes.addObject().put("name", "routing").put("role", "routing").put("instanceType", "t3a.small").put("region", "eu-central-1")
        .put("az", "eu-central-1a").put("subnet", "10.0.0.0/20").put("privateIp", IPS.get("routing")).put("volumeSize", 40).putArray("ingress");
    root.putArray("clientGroups").addObject().put("name", "clients-eu").put("region", "eu-central-1").put("instanceType", "m5.large")
        .put("nodeClass", "general").put("min", 1).put("desired", 2).put("max", 4).put("futureField", "ignored")
        .put("secretsPrefix", "bitte/test-fleet/secrets/clients-eu/").put("autoscalingGroup", "test-fleet-clients-eu");
    ArrayNode ws = root.putArray("workspaces");
    List.of("bootstrap", "network", "core", "clients", "hydrate").forEach(ws::add);
    ArrayNode order = root.putArray("applyOrder");
    List.of("bootstrap", "network", "core", "secrets", "deploy-core", "clients", "hydrate", "jobs").forEach(order::add);
    root.put("secretsDir", "/var/lib/bitte/secrets");
    root.putObject("capacity").put("note", "a section this runner does not know");
    ArrayNode arts = root.putArray("artifacts");
    for (Map.Entry<String, String> e : files.entrySet()) {
      byte[] b = e.getValue().getBytes(StandardCharsets.UTF_8);
      Path p = dir.resolve(e.getKey());
      Files.createDirectories(p.getParent());
      Files.write(p, b);
      arts.addObject().put("path", e.getKey()).put("sha256", ArtifactFolder.sha256(b)).put("size", b.length);
    }
    Files.writeString(dir.resolve("manifest.json"), JSON.writeValueAsString(root) + "\n");
    return dir;
  }
}
