package dev.bitte.processor.emit.terraform;

import static com.google.common.truth.Truth.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bitte.processor.emit.Json;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reference checker itself: it must find what is wrong, and accept what is right. */
class TerraformReferencesTest {
  private static JsonNode json(String text) {
    return Json.read(text.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
  }

  private static final String NETWORK = "{'provider': {'aws': [{'alias': 'eu'}]},"
      + " 'resource': {'aws_vpc': {'main': {'provider': 'aws.eu', 'cidr_block': '10.0.0.0/16'}}},"
      + " 'output': {'vpc_id': {'value': '${aws_vpc.main.id}'}}}";

  private static List<String> check(String network, String core) {
    Map<String, JsonNode> docs = new LinkedHashMap<>();
    docs.put("network", json(network));
    docs.put("core", json(core));
    return TerraformReferences.check(docs, Map.of("k/network", "network", "k/core", "core"));
  }

  private static String core(String body) {
    return "{'provider': {'aws': [{'alias': 'eu'}]},"
        + " 'data': {'terraform_remote_state': {'network': {'backend': 's3', 'config': {'key': 'k/network'}}}},"
        + " 'variable': {'flake': {'type': 'string'}}, 'locals': {'script': 'echo'},"
        + " 'resource': {'aws_subnet': {'a': {'provider': 'aws.eu', " + body + "}}}}";
  }

  @Test
  void acceptsDeclaredThingsAndRealOutputs() {
    assertThat(check(NETWORK, core("'vpc_id': '${data.terraform_remote_state.network.outputs.vpc_id}',"
        + " 'tags': {'a': '${var.flake}#x', 'b': '${base64encode(local.script)}', 'c': '$${not.a_ref}', 'd': '${can(regex(\\\"^x.y_z$\\\", var.flake))}'}"))).isEmpty();
  }

  @Test
  void findsAnOutputTheEarlierWorkspaceDoesNotDeclare() {
    assertThat(check(NETWORK, core("'vpc_id': '${data.terraform_remote_state.network.outputs.vpc}'")))
        .containsExactly("core: resource.aws_subnet.a.vpc_id: ${data.terraform_remote_state.network.outputs.vpc}: workspace network has no output \"vpc\"");
  }

  @Test
  void findsUndeclaredResourcesVariablesLocalsAndDataSources() {
    List<String> problems = check(NETWORK, core("'vpc_id': '${aws_vpc.main.id}', 'x': '${var.nope} ${local.nope} ${data.aws_ami.nope.id}'"));
    assertThat(problems).hasSize(4);
    assertThat(String.join("\n", problems)).contains("aws_vpc.main is not declared");
    assertThat(String.join("\n", problems)).contains("var.nope is not declared");
    assertThat(String.join("\n", problems)).contains("local.nope is not declared");
    assertThat(String.join("\n", problems)).contains("data.aws_ami.nope is not declared");
  }

  @Test
  void findsProvidersDependsOnAndLaterWorkspaces() {
    String bad = "{'provider': {'aws': [{'alias': 'eu'}]},"
        + " 'data': {'terraform_remote_state': {'core': {'backend': 's3', 'config': {'key': 'k/core'}}}},"
        + " 'resource': {'aws_vpc': {'main': {'provider': 'aws.us', 'depends_on': ['aws_vpc.other'], 'x': '${data.terraform_remote_state.core.outputs.y}'},"
        + " 'implicit': {'cidr_block': '10.0.0.0/16'}}}, 'output': {'vpc_id': {'value': '${aws_vpc.main.id}'}}}";
    List<String> problems = check(bad, core("'vpc_id': '${data.terraform_remote_state.network.outputs.vpc_id}'"));
    String all = String.join("\n", problems);
    assertThat(all).contains("provider aws.us is not configured");
    assertThat(all).contains("depends_on aws_vpc.other is not declared");
    assertThat(all).contains("reads workspace core, which is applied later");
    assertThat(all).contains("resource.aws_vpc.implicit: no explicit provider");
  }
}
