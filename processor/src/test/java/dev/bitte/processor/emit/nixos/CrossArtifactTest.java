package dev.bitte.processor.emit.nixos;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Terraform and NixOS agree on the sample, read from the artifacts themselves (Terraform JSON
 * parsed, NixOS values as Nix evaluates them), not from the plan they both come from.
 */
class CrossArtifactTest {
  static JsonNode core;
  static JsonNode clients;

  @BeforeAll
  static void read() throws IOException {
    ObjectMapper m = new ObjectMapper();
    core = m.readTree(SampleFleet.artifacts().get("terraform/core/main.tf.json"));
    clients = m.readTree(SampleFleet.artifacts().get("terraform/clients/main.tf.json"));
  }

  /** Server IPs in Terraform's network interfaces, in node order. */
  static List<String> terraformServerIps() {
    List<String> ips = new ArrayList<>();
    core.at("/resource/aws_instance").fields().forEachRemaining(e -> {
      if (e.getValue().at("/tags/bitte-role").asText().equals("server")) {
        String nic = e.getValue().at("/primary_network_interface/network_interface_id").asText()
            .replaceAll("^\\$\\{aws_network_interface\\.(.*)\\.id}$", "$1");
        ips.add(core.at("/resource/aws_network_interface/" + nic + "/private_ips/0").asText());
      }
    });
    return ips;
  }

  /**
   * A client group's secrets: the object prefix its instances fetch at boot (NixOS, evaluated) is
   * the manifest's, in the state bucket Terraform looks up; its role may list and read exactly
   * that prefix and decrypt with the state key; no core role may read secrets from the bucket.
   */
  @Test
  void eachGroupFetchesTheSecretsPrefixOnlyItsRoleMayRead() {
    JsonNode manifest = SampleFleet.manifest();
    String bucket = manifest.at("/cluster/stateBucket").asText();
    assertThat(clients.at("/data/aws_s3_bucket/state/bucket").asText()).isEqualTo(bucket);
    assertThat(clients.at("/data/aws_kms_key/state/key_id").asText()).startsWith("alias/");
    int groups = 0;
    for (JsonNode g : manifest.get("clientGroups")) {
      String name = g.get("name").asText();
      String prefix = g.get("secretsPrefix").asText();
      assertThat(prefix).isEqualTo("bitte/" + manifest.at("/cluster/name").asText() + "/secrets/" + name + "/");
      JsonNode unit = NixosWriterTest.eval(NixosWriterTest.host(name) + ".systemd.services.bitte-secrets");
      assertThat(unit.get("script").asText()).contains(" s3://" + bucket + "/" + prefix + " /var/lib/bitte/secrets/");
      assertThat(NixosWriterTest.strings(unit.get("requiredBy"))).containsExactly("consul.service", "nomad.service");
      assertThat(NixosWriterTest.strings(unit.get("before"))).containsExactly("consul.service", "nomad.service");

      Map<String, JsonNode> statements = new java.util.TreeMap<>();
      clients.at("/data/aws_iam_policy_document/" + name.replace('-', '_') + "_instance/statement").forEach(st -> statements.put(st.get("sid").asText(), st));
      assertThat(NixosWriterTest.strings(statements.get("SecretsRead").get("resources")))
          .containsExactly("${data.aws_s3_bucket.state.arn}/" + prefix + "*");
      assertThat(NixosWriterTest.strings(statements.get("SecretsRead").get("actions"))).containsExactly("s3:GetObject");
      JsonNode condition = statements.get("SecretsList").get("condition").get(0);
      assertThat(condition.get("variable").asText()).isEqualTo("s3:prefix");
      assertThat(NixosWriterTest.strings(condition.get("values"))).containsExactly(prefix + "*");
      assertThat(NixosWriterTest.strings(statements.get("SecretsDecrypt").get("resources"))).containsExactly("${data.aws_kms_key.state.arn}");
      // The auto scaling group the runner refreshes when these secrets change is the one Terraform makes.
      JsonNode asg = clients.at("/resource/aws_autoscaling_group/" + name.replace('-', '_'));
      assertWithMessage("auto scaling group of " + name).that(asg.isObject()).isTrue();
      assertThat(asg.path("name").asText()).isEqualTo(g.get("autoscalingGroup").asText());
      // ... in the region the runner names when it refreshes it
      assertThat(asg.path("provider").asText()).isEqualTo("aws." + g.get("region").asText().replace('-', '_'));
      groups++;
    }
    assertThat(groups).isAtLeast(2);
    assertThat(core.toString()).doesNotContain("aws_s3_bucket.state.arn");
    // No host module of a core node fetches secrets: the runner places theirs.
    assertThat(NixosWriterTest.eval(NixosWriterTest.host("core-1") + " ? systemd").asBoolean()).isFalse();
  }

  @Test
  void retryJoinIsExactlyTheServersTerraformCreates() {
    List<String> tf = terraformServerIps();
    assertThat(tf).hasSize(3);
    JsonNode consul = NixosWriterTest.eval(NixosWriterTest.module("consul-server", "core-1") + ".services.consul.extraConfig.retry_join");
    List<String> consulJoin = NixosWriterTest.strings(consul);
    assertThat(consulJoin.subList(0, consulJoin.size() - 1)).containsExactlyElementsIn(tf);
    JsonNode nomad = NixosWriterTest.eval(NixosWriterTest.module("nomad-client", "clients-eu") + ".services.nomad.settings.client.server_join.retry_join");
    assertThat(NixosWriterTest.strings(nomad)).containsExactlyElementsIn(tf);
  }

  @Test
  void cloudAutoJoinMatchesTheTagTerraformPutsOnServers() {
    List<String> join = NixosWriterTest.strings(NixosWriterTest.eval(
        NixosWriterTest.module("consul-client", "clients-us") + ".services.consul.extraConfig.retry_join"));
    Matcher m = Pattern.compile("tag_key=(\\S+) tag_value=(\\S+)").matcher(join.get(join.size() - 1));
    assertThat(m.find()).isTrue();
    Set<String> tagged = new TreeSet<>();
    core.at("/resource/aws_instance").fields().forEachRemaining(e -> {
      if (m.group(2).equals(e.getValue().at("/tags/" + m.group(1)).asText())) {
        tagged.add(e.getValue().at("/tags/bitte-node").asText());
      }
    });
    assertThat(tagged).containsExactly("core-1", "core-2", "core-3");
  }

  /** "tcp 8301-8301" for every ingress rule attached to a security group reference. */
  static Map<String, Set<String>> rulesBySecurityGroup(JsonNode doc) {
    Map<String, Set<String>> out = new TreeMap<>();
    doc.at("/resource/aws_vpc_security_group_ingress_rule").forEach(r -> out
        .computeIfAbsent(r.get("security_group_id").asText(), k -> new TreeSet<>())
        .add(r.get("ip_protocol").asText() + " " + r.get("from_port").asInt() + "-" + r.get("to_port").asInt()));
    return out;
  }

  static Set<String> firewall(String host) {
    JsonNode fw = NixosWriterTest.eval(NixosWriterTest.host(host) + ".networking.firewall");
    Set<String> open = new TreeSet<>();
    fw.get("allowedTCPPorts").forEach(p -> open.add("tcp " + p.asInt() + "-" + p.asInt()));
    fw.get("allowedUDPPorts").forEach(p -> open.add("udp " + p.asInt() + "-" + p.asInt()));
    fw.get("allowedTCPPortRanges").forEach(p -> open.add("tcp " + p.get("from").asInt() + "-" + p.get("to").asInt()));
    fw.get("allowedUDPPortRanges").forEach(p -> open.add("udp " + p.get("from").asInt() + "-" + p.get("to").asInt()));
    return open;
  }

  @Test
  void everyFirewallEqualsItsSecurityGroup() {
    Map<String, Set<String>> coreRules = rulesBySecurityGroup(core);
    int checked = 0;
    for (var it = core.at("/resource/aws_instance").fields(); it.hasNext(); checked++) {
      JsonNode vm = it.next().getValue();
      String node = vm.at("/tags/bitte-node").asText();
      String nic = vm.at("/primary_network_interface/network_interface_id").asText().replaceAll("^\\$\\{aws_network_interface\\.(.*)\\.id}$", "$1");
      Set<String> sg = new TreeSet<>();
      core.at("/resource/aws_network_interface/" + nic + "/security_groups").forEach(g -> sg.addAll(coreRules.getOrDefault(g.asText(), Set.of())));
      assertWithMessage(node).that(firewall(node)).containsExactlyElementsIn(sg);
    }
    Map<String, Set<String>> clientRules = rulesBySecurityGroup(clients);
    for (var it = clients.at("/resource/aws_launch_template").fields(); it.hasNext(); checked++) {
      var e = it.next();
      String group = e.getKey().replace('_', '-');
      Set<String> sg = new TreeSet<>();
      e.getValue().at("/network_interfaces/0/security_groups").forEach(g -> sg.addAll(clientRules.getOrDefault(g.asText(), Set.of())));
      assertWithMessage(group).that(firewall(group)).containsExactlyElementsIn(sg);
    }
    assertThat(checked).isEqualTo(7);
  }

  /**
   * A static port of a sample job (the log shipper's metrics) is opened, by construction from the
   * plan, in the security group and the NixOS firewall of exactly the client groups it can land on.
   */
  @Test
  void staticJobPortsAreOpenInBothSecurityGroupAndFirewall() {
    JsonNode ports = SampleFleet.manifest().get("jobStaticPorts");
    assertThat(ports.size()).isAtLeast(1);
    Map<String, Set<String>> clientRules = rulesBySecurityGroup(clients);
    Set<String> withJobPort = new TreeSet<>();
    for (JsonNode p : ports) {
      String group = p.get("clientGroup").asText();
      Set<String> sg = new TreeSet<>();
      clients.at("/resource/aws_launch_template/" + group.replace('-', '_') + "/network_interfaces/0/security_groups")
          .forEach(g -> sg.addAll(clientRules.getOrDefault(g.asText(), Set.of())));
      for (String protocol : p.get("protocols").asText().split("\\+")) {
        String rule = protocol + " " + p.get("port").asInt() + "-" + p.get("port").asInt();
        assertWithMessage(group + " security group").that(sg).contains(rule);
        assertWithMessage(group + " firewall").that(firewall(group)).contains(rule);
      }
      withJobPort.add(group);
    }
    // the sample's log shipper is a system job: every client group, with its metrics port 9598
    // (TCP) and its syslog port 5514 (UDP only)
    assertThat(withJobPort).containsExactly("clients-eu", "clients-us");
    assertThat(firewall("clients-eu")).contains("tcp 9598-9598");
    assertThat(firewall("clients-eu")).contains("udp 5514-5514");
    assertThat(firewall("clients-eu")).doesNotContain("tcp 5514-5514");
    // core nodes run no jobs, so they do not open it
    assertThat(firewall("core-1")).doesNotContain("tcp 9598-9598");
  }

  /** The clients workspace with the job port rules still fits the AWS provider's schema (real .jsii). */
  @Test
  void clientsWorkspaceWithJobPortsFitsTheAwsProviderSchema() {
    assertThat(dev.bitte.processor.testing.AwsProviderSchema.load().check(clients)).isEmpty();
    List<String> descriptions = new java.util.ArrayList<>();
    clients.at("/resource/aws_vpc_security_group_ingress_rule").forEach(r -> {
      if (r.get("from_port").asInt() == 9598) {
        descriptions.add(r.get("description").asText());
      }
    });
    // one rule per client group and VPC CIDR, in EC2's description alphabet
    assertThat(descriptions).isNotEmpty();
    for (String d : descriptions) {
      assertThat(d).matches("[A-Za-z0-9 ._\\-:/()#,@\\[\\]+=&;{}!$*]{1,255}");
      assertThat(d).contains("static port metrics of job ops/log-shipper");
    }
  }
}
