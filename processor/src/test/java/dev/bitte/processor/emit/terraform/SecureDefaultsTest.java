package dev.bitte.processor.emit.terraform;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The secure defaults, asserted on the sample fleet's output. */
class SecureDefaultsTest {
  /** Control ports that must never be open to the internet: protocol, from, to. */
  static final List<Object[]> CONTROL = List.of(
      new Object[] {"tcp", 22, 22},
      new Object[] {"tcp", 4646, 4648}, new Object[] {"udp", 4646, 4648},
      new Object[] {"tcp", 8200, 8201},
      new Object[] {"tcp", 8300, 8302}, new Object[] {"udp", 8300, 8302},
      new Object[] {"tcp", 8500, 8503});

  static Map<String, JsonNode> workspaces;

  @BeforeAll
  static void compileSample() {
    workspaces = FleetCompiler.workspaces(FleetCompiler.compile(FleetCompiler.sampleSource()), FleetCompiler.SAMPLE);
  }

  static List<JsonNode> blocks(String section, String type) {
    List<JsonNode> out = new ArrayList<>();
    workspaces.values().forEach(doc -> doc.path(section).path(type).forEach(out::add));
    return out;
  }

  @Test
  void imdsV2IsRequiredEverywhere() {
    List<JsonNode> machines = new ArrayList<>(blocks("resource", "aws_instance"));
    machines.addAll(blocks("resource", "aws_launch_template"));
    assertThat(machines).hasSize(5 + 2);
    for (JsonNode m : machines) {
      assertThat(m.path("metadata_options").path("http_tokens").asText()).isEqualTo("required");
      assertThat(m.path("metadata_options").path("http_endpoint").asText()).isEqualTo("enabled");
      assertThat(m.path("metadata_options").path("http_put_response_hop_limit").asInt()).isEqualTo(1);
    }
  }

  @Test
  void everyVolumeIsEncrypted() {
    int volumes = 0;
    for (JsonNode vm : blocks("resource", "aws_instance")) {
      assertThat(vm.path("root_block_device").path("encrypted").asBoolean()).isTrue();
      assertThat(vm.path("root_block_device").path("volume_type").asText()).isEqualTo("gp3");
      volumes++;
      for (JsonNode ebs : vm.path("ebs_block_device")) {
        assertThat(ebs.path("encrypted").asBoolean()).isTrue();
        volumes++;
      }
    }
    for (JsonNode lt : blocks("resource", "aws_launch_template")) {
      assertThat(lt.path("block_device_mappings").size()).isAtLeast(1);
      for (JsonNode bdm : lt.path("block_device_mappings")) {
        assertThat(bdm.path("ebs").path("encrypted").asBoolean()).isTrue();
        assertThat(bdm.path("ebs").path("volume_type").asText()).isEqualTo("gp3");
        volumes++;
      }
    }
    assertThat(blocks("resource", "aws_ebs_volume")).isEmpty();
    assertThat(volumes).isEqualTo(7);
  }

  @Test
  void noControlPortIsOpenToTheInternet() {
    int open = 0;
    for (JsonNode r : blocks("resource", "aws_vpc_security_group_ingress_rule")) {
      String cidr = r.path("cidr_ipv4").asText(r.path("cidr_ipv6").asText());
      if (!cidr.equals("0.0.0.0/0") && !cidr.equals("::/0")) {
        continue;
      }
      open++;
      String protocol = r.path("ip_protocol").asText();
      assertThat(protocol).isNotEqualTo("-1");
      int from = r.path("from_port").asInt();
      int to = r.path("to_port").asInt();
      for (Object[] c : CONTROL) {
        boolean overlaps = protocol.equals(c[0]) && from <= (int) c[2] && to >= (int) c[1];
        assertWithMessage("%s opens %s %s-%s to %s", r, c[0], c[1], c[2], cidr).that(overlaps).isFalse();
      }
      assertThat(List.of(80, 443)).contains(from);
    }
    assertThat(open).isEqualTo(2);
    // Inline rules would escape the check above: there are none.
    for (JsonNode sg : blocks("resource", "aws_security_group")) {
      assertThat(sg.has("ingress")).isFalse();
    }
    for (JsonNode sg : blocks("resource", "aws_default_security_group")) {
      assertThat(sg.has("ingress")).isFalse();
      assertThat(sg.has("egress")).isFalse();
    }
    // SSH only from the admin network.
    for (JsonNode r : blocks("resource", "aws_vpc_security_group_ingress_rule")) {
      if (r.path("from_port").asInt() <= 22 && r.path("to_port").asInt() >= 22) {
        assertThat(r.path("cidr_ipv4").asText()).isEqualTo("203.0.113.0/24");
      }
    }
  }

  @Test
  void bucketsArePrivateEncryptedAndTlsOnly() {
    JsonNode boot = workspaces.get("bootstrap").path("resource");
    assertThat(boot.path("aws_s3_bucket").size()).isEqualTo(2);
    boot.path("aws_s3_bucket").fieldNames().forEachRemaining(b -> {
      String ref = "${aws_s3_bucket." + b + ".id}";
      JsonNode pab = boot.path("aws_s3_bucket_public_access_block").path(b);
      assertThat(pab.path("bucket").asText()).isEqualTo(ref);
      for (String k : List.of("block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets")) {
        assertWithMessage("%s.%s", b, k).that(pab.path(k).asBoolean()).isTrue();
      }
      assertThat(boot.path("aws_s3_bucket_ownership_controls").path(b).path("rule").path("object_ownership").asText()).isEqualTo("BucketOwnerEnforced");
      assertThat(boot.path("aws_s3_bucket_server_side_encryption_configuration").path(b).path("bucket").asText()).isEqualTo(ref);
      assertThat(boot.path("aws_s3_bucket_policy").path(b).path("policy").asText()).isEqualTo("${data.aws_iam_policy_document." + b + "_tls_only.json}");
      JsonNode deny = workspaces.get("bootstrap").path("data").path("aws_iam_policy_document").path(b + "_tls_only").path("statement").get(0);
      assertThat(deny.path("effect").asText()).isEqualTo("Deny");
      assertThat(deny.path("condition").get(0).path("variable").asText()).isEqualTo("aws:SecureTransport");
      assertThat(deny.path("condition").get(0).path("values").get(0).asText()).isEqualTo("false");
    });
    JsonNode stateSse = boot.path("aws_s3_bucket_server_side_encryption_configuration").path("state").path("rule").get(0)
        .path("apply_server_side_encryption_by_default");
    assertThat(stateSse.path("sse_algorithm").asText()).isEqualTo("aws:kms");
    assertThat(stateSse.path("kms_master_key_id").asText()).isEqualTo("${aws_kms_key.state.arn}");
    assertThat(boot.path("aws_s3_bucket_versioning").path("state").path("versioning_configuration").path("status").asText()).isEqualTo("Enabled");
    assertThat(boot.path("aws_s3_bucket").path("state").path("lifecycle").path("prevent_destroy").asBoolean()).isTrue();
    assertThat(boot.path("aws_kms_key").size()).isEqualTo(2);
    boot.path("aws_kms_key").forEach(k -> assertThat(k.path("enable_key_rotation").asBoolean()).isTrue());
  }

  @Test
  void instanceRolesGrantOnlyWhatTheAgentsUse() {
    for (String ws : List.of("core", "clients")) {
      workspaces.get(ws).path("data").path("aws_iam_policy_document").fields().forEachRemaining(e -> {
        if (!e.getKey().endsWith("_instance")) {
          return;
        }
        for (JsonNode s : e.getValue().path("statement")) {
          assertThat(s.path("effect").asText()).isEqualTo("Allow");
          for (JsonNode a : s.path("actions")) {
            assertWithMessage("%s %s", e.getKey(), a).that(a.asText()).isIn(List.of(
                "ec2:DescribeInstances", "ec2:DescribeTags", "s3:ListBucket", "s3:GetObject", "kms:Decrypt", "kms:DescribeKey", "kms:Encrypt"));
          }
          if (!s.path("sid").asText().equals("CloudAutoJoin")) {
            assertThat(s.path("resources").toString()).doesNotContain("\"*\"");
          }
        }
      });
    }
  }

  @Test
  void securityGroupDescriptionsUseWhatEc2Accepts() {
    java.util.regex.Pattern allowed = java.util.regex.Pattern.compile("[A-Za-z0-9. _\\-:/()#,@\\[\\]+=&;{}!$*]{1,255}");
    int checked = 0;
    for (String type : List.of("aws_security_group", "aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule")) {
      for (JsonNode b : blocks("resource", type)) {
        assertWithMessage("%s %s", type, b.path("description")).that(allowed.matcher(b.path("description").asText()).matches()).isTrue();
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(50);
  }
}
