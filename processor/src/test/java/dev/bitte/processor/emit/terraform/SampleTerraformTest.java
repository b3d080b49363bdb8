package dev.bitte.processor.emit.terraform;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.testing.compile.Compilation;
import dev.bitte.processor.Golden;
import dev.bitte.processor.emit.Json;
import dev.bitte.processor.plan.FleetPlan;
import dev.bitte.processor.testing.AwsProviderSchema;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sample fleet's five workspaces, compiled with the real processor from the sample module's
 * source: checked against the AWS provider's schema, every reference resolved, the plan carried
 * over exactly, golden files, determinism. Secure defaults: {@link SecureDefaultsTest}.
 */
class SampleTerraformTest {
  static Compilation compilation;
  static Map<String, JsonNode> workspaces;
  static JsonNode manifest;

  @BeforeAll
  static void compileSample() {
    compilation = FleetCompiler.compile(FleetCompiler.sampleSource());
    workspaces = FleetCompiler.workspaces(compilation, FleetCompiler.SAMPLE);
    manifest = Json.read(FleetCompiler.file(compilation, FleetCompiler.SAMPLE, "manifest.json"));
  }

  static Map<String, String> stateKeys(Map<String, JsonNode> docs) {
    Map<String, String> keys = new HashMap<>();
    docs.forEach((ws, doc) -> {
      JsonNode s3 = doc.path("terraform").path("backend").path("s3");
      if (!s3.isMissingNode()) {
        keys.put(s3.path("key").asText(), ws);
      }
    });
    return keys;
  }

  @Test
  void everyWorkspaceIsWrittenAndListedInTheManifest() {
    Set<String> listed = new TreeSet<>();
    manifest.path("artifacts").forEach(a -> listed.add(a.path("path").asText()));
    for (String ws : FleetPlan.WORKSPACES) {
      assertThat(listed).contains("terraform/" + ws + "/main.tf.json");
    }
  }

  @Test
  void theManifestTellsTheRunnerHowToApplyEachWorkspace() {
    JsonNode tf = manifest.path("terraform");
    assertThat(tf.path("stateBucket").asText()).isEqualTo("my-testnet-bitte-state");
    List<String> names = new ArrayList<>();
    for (JsonNode w : tf.path("workspaces")) {
      String ws = w.path("name").asText();
      names.add(ws);
      JsonNode doc = workspaces.get(ws);
      assertThat(w.path("path").asText()).isEqualTo(TerraformWriter.path(ws));
      assertThat(doc.path("terraform").path("backend").has(w.path("backend").asText())).isTrue();
      if (w.has("stateKey")) {
        assertThat(doc.path("terraform").path("backend").path("s3").path("key").asText()).isEqualTo(w.path("stateKey").asText());
      }
      // Exactly the variables without a default, which terraform would otherwise prompt for.
      Set<String> required = new TreeSet<>();
      doc.path("variable").fields().forEachRemaining(v -> {
        if (!v.getValue().has("default")) {
          required.add(v.getKey());
        }
      });
      Set<String> listed = new TreeSet<>();
      w.path("variables").forEach(v -> listed.add(v.path("name").asText()));
      assertWithMessage(ws).that(listed).isEqualTo(required);
    }
    assertThat(names).containsExactlyElementsIn(FleetPlan.WORKSPACES).inOrder();
  }

  @Test
  void fitsTheAwsProviderSchema() {
    AwsProviderSchema schema = AwsProviderSchema.load();
    int blocks = 0;
    for (Map.Entry<String, JsonNode> e : workspaces.entrySet()) {
      assertWithMessage("workspace %s", e.getKey()).that(schema.check(e.getValue())).isEmpty();
      for (String section : List.of("resource", "data")) {
        for (JsonNode byType : e.getValue().path(section)) {
          blocks += byType.size();
        }
      }
    }
    assertThat(blocks).isGreaterThan(100);
  }

  @Test
  void everyReferenceResolves() {
    assertThat(TerraformReferences.check(workspaces, stateKeys(workspaces))).isEmpty();
  }

  @Test
  void backendsUseOneKeyPerWorkspaceAndBootstrapIsLocal() {
    assertThat(workspaces.get("bootstrap").path("terraform").path("backend").has("local")).isTrue();
    Map<String, String> keys = stateKeys(workspaces);
    assertThat(new TreeSet<>(keys.values())).containsExactly("network", "core", "clients", "hydrate");
    for (String ws : List.of("network", "core", "clients", "hydrate")) {
      JsonNode tf = workspaces.get(ws).path("terraform");
      assertThat(tf.path("required_version").asText()).isEqualTo(">= 1.10.0");
      JsonNode s3 = tf.path("backend").path("s3");
      assertThat(s3.path("bucket").asText()).isEqualTo("my-testnet-bitte-state");
      assertThat(s3.path("region").asText()).isEqualTo("eu-central-1");
      assertThat(s3.path("encrypt").asBoolean()).isTrue();
      assertThat(s3.path("use_lockfile").asBoolean()).isTrue();
      // The backend names the key bootstrap creates.
      assertThat(s3.path("kms_key_id").asText()).isEqualTo(workspaces.get("bootstrap").path("resource").path("aws_kms_alias").path("state").path("name").asText());
    }
    for (String ws : List.of("bootstrap", "network", "core", "clients")) {
      JsonNode aws = workspaces.get(ws).path("terraform").path("required_providers").path("aws");
      assertThat(aws.path("source").asText()).isEqualTo("hashicorp/aws");
      assertThat(aws.path("version").asText()).startsWith("~> 6.");
    }
    assertThat(workspaces.get("bootstrap").path("resource").path("aws_s3_bucket").path("state").path("bucket").asText())
        .isEqualTo("my-testnet-bitte-state");
    JsonNode hydrate = workspaces.get("hydrate").path("terraform").path("required_providers");
    assertThat(hydrate.path("vault").path("source").asText()).isEqualTo("hashicorp/vault");
    assertThat(hydrate.path("consul").path("source").asText()).isEqualTo("hashicorp/consul");
    assertThat(hydrate.path("nomad").path("source").asText()).isEqualTo("hashicorp/nomad");
  }

  @Test
  void networkIsThePlannedAddressPlanWithAFullPeeringMesh() {
    JsonNode net = workspaces.get("network").path("resource");
    List<String> vpcs = new ArrayList<>();
    for (JsonNode r : manifest.path("regions")) {
      String alias = r.path("name").asText().replace('-', '_');
      JsonNode vpc = net.path("aws_vpc").path(alias);
      assertThat(vpc.path("cidr_block").asText()).isEqualTo(r.path("cidr").asText());
      assertThat(vpc.path("provider").asText()).isEqualTo("aws." + alias);
      vpcs.add(alias);
      for (JsonNode s : r.path("subnets")) {
        JsonNode subnet = net.path("aws_subnet").path(s.path("az").asText().replace('-', '_'));
        assertThat(subnet.path("cidr_block").asText()).isEqualTo(s.path("cidr").asText());
        assertThat(subnet.path("availability_zone").asText()).isEqualTo(s.path("az").asText());
        assertThat(subnet.path("vpc_id").asText()).isEqualTo("${aws_vpc." + alias + ".id}");
      }
    }
    assertThat(vpcs).containsExactly("eu_central_1", "us_east_2").inOrder();
    assertThat(net.path("aws_subnet").size()).isEqualTo(6);
    assertThat(net.path("aws_route_table_association").size()).isEqualTo(6);
    // One connection per pair, accepted in the peer's region, routed both ways.
    assertThat(net.path("aws_vpc_peering_connection").size()).isEqualTo(1);
    JsonNode pcx = net.path("aws_vpc_peering_connection").path("eu_central_1_to_us_east_2");
    assertThat(pcx.path("peer_region").asText()).isEqualTo("us-east-2");
    assertThat(net.path("aws_vpc_peering_connection_accepter").path("eu_central_1_to_us_east_2").path("provider").asText()).isEqualTo("aws.us_east_2");
    Set<String> routes = new TreeSet<>();
    net.path("aws_route").forEach(r -> {
      if (r.has("vpc_peering_connection_id")) {
        routes.add(r.path("route_table_id").asText() + " -> " + r.path("destination_cidr_block").asText());
      }
    });
    assertThat(routes).containsExactly(
        "${aws_route_table.eu_central_1.id} -> " + manifest.path("regions").get(1).path("cidr").asText(),
        "${aws_route_table.us_east_2.id} -> " + manifest.path("regions").get(0).path("cidr").asText());
  }

  /** (protocol from-to cidr) of every ingress rule of a security group. */
  static Set<String> ingressOf(JsonNode doc, String sg) {
    Set<String> out = new TreeSet<>();
    doc.path("resource").path("aws_vpc_security_group_ingress_rule").forEach(r -> {
      if (r.path("security_group_id").asText().equals("${aws_security_group." + sg + ".id}")) {
        out.add(r.path("ip_protocol").asText() + " " + r.path("from_port").asInt() + "-" + r.path("to_port").asInt() + " " + r.path("cidr_ipv4").asText());
      }
    });
    return out;
  }

  static Set<String> planned(JsonNode ingress) {
    Set<String> out = new TreeSet<>();
    for (JsonNode p : ingress) {
      for (JsonNode c : p.path("cidrs")) {
        out.add(p.path("protocol").asText() + " " + p.path("fromPort").asInt() + "-" + p.path("toPort").asInt() + " " + c.asText());
      }
    }
    return out;
  }

  @Test
  void securityGroupsOpenExactlyThePlannedPorts() {
    JsonNode core = workspaces.get("core");
    Map<String, String> sgOfNode = Map.of("core-1", "core", "core-2", "core", "core-3", "core", "monitoring", "monitoring", "routing", "routing");
    for (JsonNode n : manifest.path("coreNodes")) {
      String sg = sgOfNode.get(n.path("name").asText());
      assertWithMessage("node %s", n.path("name").asText()).that(ingressOf(core, sg)).isEqualTo(planned(n.path("ingress")));
    }
    assertThat(core.path("resource").path("aws_security_group").size()).isEqualTo(3);
    JsonNode clients = workspaces.get("clients");
    for (JsonNode g : manifest.path("clientGroups")) {
      String sg = g.path("name").asText().replace('-', '_');
      Set<String> rules = ingressOf(clients, sg);
      assertThat(rules).isEqualTo(planned(g.path("ingress")));
      assertThat(rules).contains("tcp 20000-32000 " + manifest.path("regions").get(0).path("cidr").asText());
    }
    // Every group allows its outbound traffic.
    for (JsonNode doc : List.of(core, clients)) {
      doc.path("resource").path("aws_security_group").fieldNames().forEachRemaining(sg ->
          assertThat(doc.path("resource").path("aws_vpc_security_group_egress_rule").has(sg + "_all")).isTrue());
    }
  }

  @Test
  void coreNodesGetTheirPlannedAddressesAndTags() {
    JsonNode core = workspaces.get("core").path("resource");
    for (JsonNode n : manifest.path("coreNodes")) {
      String id = n.path("name").asText().replace('-', '_');
      JsonNode eni = core.path("aws_network_interface").path(id);
      assertThat(eni.path("private_ips").get(0).asText()).isEqualTo(n.path("privateIp").asText());
      assertThat(eni.path("subnet_id").asText())
          .isEqualTo("${data.terraform_remote_state.network.outputs.subnet_id_" + n.path("az").asText().replace('-', '_') + "}");
      JsonNode vm = core.path("aws_instance").path(id);
      assertThat(vm.path("instance_type").asText()).isEqualTo(n.path("instanceType").asText());
      assertThat(vm.path("root_block_device").path("volume_size").asInt()).isEqualTo(n.path("volumeSize").asInt());
      assertThat(vm.path("tags").path("bitte-join").asText()).isEqualTo("my-testnet-" + n.path("role").asText());
      assertThat(vm.path("tags").path("Name").asText()).isEqualTo("my-testnet-" + n.path("name").asText());
    }
    // Vault's unseal key only for servers.
    assertThat(workspaces.get("core").path("data").path("aws_iam_policy_document").path("core_instance").toString()).contains("kms:Decrypt");
    assertThat(workspaces.get("core").path("data").path("aws_iam_policy_document").path("routing_instance").toString()).doesNotContain("kms:");
    // Ingress DNS points at the routing node's Elastic IP; the service names at the servers.
    JsonNode records = core.path("aws_route53_record");
    assertThat(records.path("ingress_wildcard").path("name").asText()).isEqualTo("*.testnet.example.com");
    assertThat(records.path("ingress_wildcard").path("records").get(0).asText()).isEqualTo("${aws_eip.routing.public_ip}");
    List<String> servers = new ArrayList<>();
    for (JsonNode n : manifest.path("coreNodes")) {
      if (n.path("role").asText().equals("server")) {
        servers.add(n.path("privateIp").asText());
      }
    }
    for (String s : List.of("consul", "nomad", "vault")) {
      List<String> values = new ArrayList<>();
      records.path(s).path("records").forEach(v -> values.add(v.asText()));
      assertThat(values).containsExactlyElementsIn(servers).inOrder();
      assertThat(records.path(s).path("name").asText()).isEqualTo(s + ".testnet.example.com");
    }
  }

  @Test
  void clientGroupsScaleOverTheirSubnetsAndBootTheirConfiguration() {
    JsonNode clients = workspaces.get("clients");
    for (JsonNode g : manifest.path("clientGroups")) {
      String name = g.path("name").asText();
      String id = name.replace('-', '_');
      JsonNode asg = clients.path("resource").path("aws_autoscaling_group").path(id);
      assertThat(asg.path("min_size").asInt()).isEqualTo(g.path("min").asInt());
      assertThat(asg.path("desired_capacity").asInt()).isEqualTo(g.path("desired").asInt());
      assertThat(asg.path("max_size").asInt()).isEqualTo(g.path("max").asInt());
      assertThat(asg.path("provider").asText()).isEqualTo("aws." + g.path("region").asText().replace('-', '_'));
      List<String> subnets = new ArrayList<>();
      asg.path("vpc_zone_identifier").forEach(s -> subnets.add(s.asText()));
      List<String> expected = new ArrayList<>();
      g.path("azs").forEach(az -> expected.add("${data.terraform_remote_state.network.outputs.subnet_id_" + az.asText().replace('-', '_') + "}"));
      assertThat(subnets).containsExactlyElementsIn(expected);
      Map<String, String> tags = new HashMap<>();
      asg.path("tag").forEach(t -> {
        assertThat(t.path("propagate_at_launch").asBoolean()).isTrue();
        tags.put(t.path("key").asText(), t.path("value").asText());
      });
      assertThat(tags).containsEntry("bitte-node-class", g.path("nodeClass").asText());
      assertThat(tags).containsEntry("bitte-group", name);
      assertThat(tags).containsEntry("Cluster", "my-testnet");
      assertThat(tags).containsEntry("team", "infra");
      String userData = clients.path("locals").path("user_data_" + id).asText();
      assertThat(userData).startsWith("#!");
      assertThat(userData).contains("nixos-rebuild switch --refresh --flake '${var.nixos_flake}#" + name + "'");
      JsonNode lt = clients.path("resource").path("aws_launch_template").path(id);
      assertThat(lt.path("user_data").asText()).isEqualTo("${base64encode(local.user_data_" + id + ")}");
      assertThat(lt.path("instance_type").asText()).isEqualTo(g.path("instanceType").asText());
    }
    assertThat(clients.path("variable").path("nixos_flake").path("type").asText()).isEqualTo("string");
  }

  @Test
  void amisAreNixosOfTheInstanceArchitecture() {
    for (String ws : List.of("core", "clients")) {
      JsonNode amis = workspaces.get(ws).path("data").path("aws_ami");
      assertThat(amis.size()).isAtLeast(1);
      amis.fields().forEachRemaining(e -> {
        JsonNode ami = e.getValue();
        assertThat(ami.path("owners").get(0).asText()).isEqualTo("427812963091");
        assertThat(ami.path("most_recent").asBoolean()).isTrue();
        assertThat(ami.path("filter").get(0).path("values").get(0).asText()).isEqualTo("nixos/26.05*");
        assertThat(ami.path("filter").get(1).path("name").asText()).isEqualTo("architecture");
        assertThat(e.getKey()).endsWith("_" + ami.path("filter").get(1).path("values").get(0).asText());
      });
    }
    // Clients in two regions: one lookup per region (AMI ids are regional).
    assertThat(workspaces.get("clients").path("data").path("aws_ami").has("nixos_eu_central_1_x86_64")).isTrue();
    assertThat(workspaces.get("clients").path("data").path("aws_ami").has("nixos_us_east_2_x86_64")).isTrue();
  }

  @Test
  void everyNameStartsWithTheClusterName() {
    Set<String> named = Set.of("aws_security_group", "aws_iam_role", "aws_iam_role_policy", "aws_iam_instance_profile", "aws_launch_template",
        "aws_autoscaling_group", "aws_key_pair", "aws_s3_bucket", "aws_kms_alias");
    for (Map.Entry<String, JsonNode> ws : workspaces.entrySet()) {
      ws.getValue().path("resource").fields().forEachRemaining(type -> type.getValue().fields().forEachRemaining(block -> {
        JsonNode b = block.getValue();
        for (String key : List.of("name", "bucket", "key_name")) {
          if (named.contains(type.getKey()) && b.has(key) && !b.get(key).asText().startsWith("${")) {
            assertWithMessage("%s.%s.%s", type.getKey(), block.getKey(), key).that(b.get(key).asText())
                .containsMatch("^(alias/)?my-testnet-");
          }
        }
        if (b.has("tags") && b.get("tags").has("Name")) {
          assertWithMessage("%s.%s Name", type.getKey(), block.getKey()).that(b.get("tags").get("Name").asText()).startsWith("my-testnet-");
        }
      }));
      for (JsonNode p : ws.getValue().path("provider").path("aws")) {
        assertThat(p.path("default_tags").get(0).path("tags").path("Cluster").asText()).isEqualTo("my-testnet");
        assertThat(p.path("default_tags").get(0).path("tags").path("bitte-cluster").asText()).isEqualTo("my-testnet");
      }
    }
  }

  @Test
  void matchesTheGoldenFiles() {
    // processor/src/test/resources/golden/my-testnet/terraform/<workspace>/main.tf.json;
    // -Dbitte.updateGolden=true rewrites them.
    for (String ws : FleetPlan.WORKSPACES) {
      String path = TerraformWriter.path(ws);
      Golden.assertMatches(FleetCompiler.SAMPLE + "/" + path, FleetCompiler.file(compilation, FleetCompiler.SAMPLE, path));
    }
  }

  @Test
  void theModelBuiltDirectlyRendersTheSameBytes() {
    dev.bitte.processor.emit.Artifacts out = new dev.bitte.processor.emit.Artifacts();
    new TerraformWriter().write(SampleFleetPlan.plan(), out);
    for (String ws : FleetPlan.WORKSPACES) {
      String path = TerraformWriter.path(ws);
      assertWithMessage(path).that(new String(out.files().get(path), StandardCharsets.UTF_8))
          .isEqualTo(new String(FleetCompiler.file(compilation, FleetCompiler.SAMPLE, path), StandardCharsets.UTF_8));
    }
  }

  @Test
  void isDeterministic() {
    Compilation again = FleetCompiler.compile(FleetCompiler.sampleSource());
    Set<String> compared = new HashSet<>();
    for (String ws : FleetPlan.WORKSPACES) {
      String path = TerraformWriter.path(ws);
      byte[] first = FleetCompiler.file(compilation, FleetCompiler.SAMPLE, path);
      byte[] second = FleetCompiler.file(again, FleetCompiler.SAMPLE, path);
      assertWithMessage(path).that(second).isEqualTo(first);
      assertThat(new String(first, StandardCharsets.UTF_8)).doesNotContain("\r");
      assertThat(new String(first, StandardCharsets.UTF_8)).endsWith("}\n");
      compared.add(path);
    }
    assertThat(compared).hasSize(5);
  }
}
