package dev.bitte.runner.consul;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The agents' Consul policies grant at least what Nomad's "Integrate Consul ACL" page lists as the
 * minimum for its servers and clients (agent read; node and service write; servers also
 * {@code acl} and {@code mesh} write), and the client groups' agents no more than node write.
 */
class ConsulAclTest {
  /** prefix rule → policy, and the top-level acl/mesh settings, of a policy's rules text. */
  private static Map<String, String> rules(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    Matcher block = Pattern.compile("(\\w+) \"([^\"]*)\" \\{\\s*policy = \"(\\w+)\"\\s*}").matcher(text);
    while (block.find()) {
      out.put(block.group(1) + " \"" + block.group(2) + "\"", block.group(3));
    }
    Matcher top = Pattern.compile("(?m)^(acl|mesh|operator|peering) += \"(\\w+)\"$").matcher(text);
    while (top.find()) {
      out.put(top.group(1), top.group(2));
    }
    return out;
  }

  @Test
  void nomadServersAndClientsGetWhatNomadDocumentsForThem() {
    assertEquals(Map.of("agent_prefix \"\"", "read", "node_prefix \"\"", "write", "service_prefix \"\"", "write",
        "acl", "write", "mesh", "write"), rules(ConsulAcl.NOMAD.rules()));
    Map<String, String> client = rules(ConsulAcl.NOMAD_CLIENT.rules());
    assertEquals("read", client.get("agent_prefix \"\""));
    assertEquals("write", client.get("node_prefix \"\""));
    assertEquals("write", client.get("service_prefix \"\""));
    // Templates Nomad gives no identity (see docs/jobs.md) still read keys with the client's token.
    assertEquals("read", client.get("key_prefix \"\""));
    assertTrue(!client.containsKey("acl") && !client.containsKey("mesh"), client.toString());
  }

  @Test
  void theParserSeesEveryRuleOfEveryPolicy() {
    for (ConsulAcl.Policy p : ConsulAcl.POLICIES_WITH_CLIENTS) {
      long blocks = p.rules().lines().filter(l -> l.endsWith("{")).count();
      long tops = p.rules().lines().filter(l -> l.matches("^(acl|mesh|operator|peering) += .*")).count();
      assertEquals(blocks + tops, rules(p.rules()).size(), p.name());
    }
    assertEquals(Map.of("node_prefix \"\"", "write", "service_prefix \"\"", "read"), rules(ConsulAcl.CLIENT_AGENT.rules()));
  }
}
