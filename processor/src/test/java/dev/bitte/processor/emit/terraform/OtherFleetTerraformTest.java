package dev.bitte.processor.emit.terraform;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.testing.compile.JavaFileObjects;
import dev.bitte.processor.testing.AwsProviderSchema;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A fleet unlike the sample: three regions (a peering triangle), arm64 and x86 groups, a group
 * limited to some zones, a single server, custom rules (ICMP, TCP+UDP ranges), no admin network
 * or key, no monitoring or routing node, and a tag value that looks like a Terraform template.
 */
class OtherFleetTerraformTest {
  static final JavaFileObject SOURCE = JavaFileObjects.forSourceString("test.Lab", """
      package test;

      import dev.bitte.*;

      @SuppressWarnings("bitte:core-quorum")
      @Cluster(name = "lab", domain = "lab.example.org", region = "us-west-2", vpcCidr = "172.16.0.0/12",
          regionPrefixLength = 18, tags = @Tag(key = "cost", value = "${not-a-template}"))
      public final class Lab {
        @Core(instanceType = "c6g.large", securityRules = @SecurityRule(port = 9000, toPort = 9100,
            protocol = Protocol.TCP_UDP, cidrs = {"10.1.0.0/16", "10.2.0.0/16"}, description = "metrics"))
        interface Server {}

        @AutoscalingGroup(region = "eu-west-1", instanceType = "c6g.xlarge", min = 0, desired = 0, max = 4,
            nodeClass = "arm", azs = {"eu-west-1c", "eu-west-1a"},
            securityRules = @SecurityRule(port = 0, protocol = Protocol.ICMP, cidrs = "10.9.0.0/16"))
        interface ArmEu {}

        @AutoscalingGroup(region = "ap-southeast-2", instanceType = "m5.large", max = 2, nodeClass = "batch")
        interface BatchAp {}
      }
      """);

  static Map<String, JsonNode> workspaces;

  @BeforeAll
  static void compile() {
    workspaces = FleetCompiler.workspaces(FleetCompiler.compile(SOURCE), "lab");
  }

  @Test
  void fitsTheSchemaAndEveryReferenceResolves() {
    AwsProviderSchema schema = AwsProviderSchema.load();
    workspaces.forEach((ws, doc) -> assertWithMessage(ws).that(schema.check(doc)).isEmpty());
    assertThat(TerraformReferences.check(workspaces, SampleTerraformTest.stateKeys(workspaces))).isEmpty();
  }

  @Test
  void threeRegionsArePeeredAsATriangle() {
    JsonNode net = workspaces.get("network").path("resource");
    Set<String> pairs = new TreeSet<>();
    net.path("aws_vpc_peering_connection").fieldNames().forEachRemaining(pairs::add);
    assertThat(pairs).containsExactly("us_west_2_to_ap_southeast_2", "us_west_2_to_eu_west_1", "ap_southeast_2_to_eu_west_1");
    int peeringRoutes = 0;
    for (JsonNode r : net.path("aws_route")) {
      peeringRoutes += r.has("vpc_peering_connection_id") ? 1 : 0;
    }
    assertThat(peeringRoutes).isEqualTo(6);
    assertThat(net.path("aws_vpc").path("us_west_2").path("cidr_block").asText()).isEqualTo("172.16.0.0/18");
  }

  @Test
  void architecturesPickTheirAmisAndGroupsTheirZones() {
    JsonNode clients = workspaces.get("clients");
    assertThat(clients.path("resource").path("aws_launch_template").path("arm_eu").path("image_id").asText())
        .isEqualTo("${data.aws_ami.nixos_eu_west_1_arm64.id}");
    assertThat(clients.path("resource").path("aws_launch_template").path("batch_ap").path("image_id").asText())
        .isEqualTo("${data.aws_ami.nixos_ap_southeast_2_x86_64.id}");
    assertThat(workspaces.get("core").path("data").path("aws_ami").has("nixos_us_west_2_arm64")).isTrue();
    JsonNode asg = clients.path("resource").path("aws_autoscaling_group").path("arm_eu");
    assertThat(asg.path("vpc_zone_identifier").toString())
        .isEqualTo("[\"${data.terraform_remote_state.network.outputs.subnet_id_eu_west_1a}\",\"${data.terraform_remote_state.network.outputs.subnet_id_eu_west_1c}\"]");
    assertThat(asg.path("min_size").asInt()).isEqualTo(0);
  }

  @Test
  void customRulesAreCarriedOverAndNothingIsOpenWithoutAnAdminNetwork() {
    Set<String> server = SampleTerraformTest.ingressOf(workspaces.get("core"), "server");
    assertThat(server).containsAtLeast("tcp 9000-9100 10.1.0.0/16", "udp 9000-9100 10.1.0.0/16", "tcp 9000-9100 10.2.0.0/16", "udp 9000-9100 10.2.0.0/16");
    assertThat(server.stream().filter(r -> r.contains(" 22-22 ")).toList()).isEmpty();
    assertThat(SampleTerraformTest.ingressOf(workspaces.get("clients"), "arm_eu")).contains("icmp -1--1 10.9.0.0/16");
    assertThat(workspaces.get("core").path("resource").has("aws_key_pair")).isFalse();
    assertThat(workspaces.get("core").path("resource").path("aws_instance").path("server").has("key_name")).isFalse();
    // No routing node: no wildcard; no monitoring node: no monitoring record.
    assertThat(workspaces.get("core").path("resource").path("aws_route53_record").has("ingress_wildcard")).isFalse();
    assertThat(workspaces.get("core").path("resource").path("aws_route53_record").has("monitoring")).isFalse();
  }

  @Test
  void userTextIsNeverReadAsATemplate() {
    for (JsonNode p : workspaces.get("network").path("provider").path("aws")) {
      assertThat(p.path("default_tags").get(0).path("tags").path("cost").asText()).isEqualTo("$${not-a-template}");
    }
  }

  @Test
  void aFleetWithoutClientsAndWithTwoRoutingNodesIsStillValid() {
    JavaFileObject src = JavaFileObjects.forSourceString("test.Bare", """
        package test;
        import dev.bitte.*;
        @SuppressWarnings("bitte:no-clients")
        @Cluster(name = "bare", domain = "bare.example.net", region = "eu-north-1", nixpkgs = "github:NixOS/nixpkgs/nixos-unstable")
        public final class Bare {
          @Core(count = 3, instanceType = "t3a.medium")
          interface Servers {}
          @Core(name = "edge", role = Role.ROUTING, count = 2, instanceType = "t3a.small")
          interface Edge {}
        }
        """);
    Map<String, JsonNode> docs = FleetCompiler.workspaces(FleetCompiler.compile(src), "bare");
    AwsProviderSchema schema = AwsProviderSchema.load();
    docs.forEach((ws, doc) -> assertWithMessage(ws).that(schema.check(doc)).isEmpty());
    assertThat(TerraformReferences.check(docs, SampleTerraformTest.stateKeys(docs))).isEmpty();
    assertThat(docs.get("clients").path("resource").has("aws_autoscaling_group")).isFalse();
    assertThat(docs.get("network").path("resource").has("aws_vpc_peering_connection")).isFalse();
    JsonNode wildcard = docs.get("core").path("resource").path("aws_route53_record").path("ingress_wildcard");
    assertThat(wildcard.path("records").toString()).isEqualTo("[\"${aws_eip.edge_1.public_ip}\",\"${aws_eip.edge_2.public_ip}\"]");
    // No NixOS release in the nixpkgs reference: any NixOS AMI of the owner.
    assertThat(docs.get("core").path("data").path("aws_ami").path("nixos_eu_north_1_x86_64").path("filter").get(0).path("values").get(0).asText())
        .isEqualTo("nixos/*");
  }
}
