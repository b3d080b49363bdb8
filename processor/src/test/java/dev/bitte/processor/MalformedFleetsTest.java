package dev.bitte.processor;

import static com.google.common.truth.Truth.assertThat;

import com.google.testing.compile.Compilation;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Feeds the processor hundreds of generated malformed fleets (empty strings, huge and negative
 * numbers, unicode, missing values, duplicate names) and checks that every compile ends with
 * diagnostics of ours or javac's, never an exception escaping or an internal error.
 */
class MalformedFleetsTest {
  private static final String[] STRINGS = {
    "", " ", "a", "-", "x-", "UPPER", "ümlaut", "日本", "a\\nb", "a\\\"b", "${x}", "%{y}", "10.0.0.0/8", "0.0.0.0/0",
    "999.1.1.1/8", "10.0.0.0/33", "10.0.0.0/", "/8", "eu-central-1", "eu-central-1a", "us-east-2", "us-east-2z", "t3a.medium",
    "m5.xlarge", "nope.large", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "1.2.3.4",
    "10.0.0.10", "ssh-ed25519 AAAA", "-----BEGIN RSA PRIVATE KEY-----", "x.y", "a..b", "/var/x", "rel/path", "core", "dup"
  };
  private static final int[] INTS = {Integer.MIN_VALUE, -1, 0, 1, 2, 3, 4, 5, 8, 9, 10, 16, 17, 24, 32, 65535, 65536, Integer.MAX_VALUE};

  @Test
  void noExceptionEverEscapes() {
    Random random = new Random(20261130L);
    int fleets = 0;
    java.util.Set<String> rulesSeen = new java.util.TreeSet<>();
    int succeeded = 0;
    for (int batch = 0; batch < 30; batch++) {
      List<JavaFileObject> sources = new ArrayList<>();
      for (int i = 0; i < 10; i++, fleets++) {
        sources.add(Fixtures.source("F" + fleets, randomFleet(random, "F" + fleets)));
      }
      Compilation c = Fixtures.compile(sources.toArray(new JavaFileObject[0]));
      for (Diagnostic<? extends JavaFileObject> d : c.diagnostics()) {
        String msg = d.getMessage(null);
        assertThat(msg).doesNotContain("bitte:internal-error");
        assertThat(msg).doesNotContain("An exception has occurred");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\[(bitte:[a-z-]+)\\]").matcher(msg);
        if (m.find()) {
          rulesSeen.add(m.group(1));
        }
      }
      if (c.status() == Compilation.Status.SUCCESS) {
        succeeded++;
      }
    }
    assertThat(fleets).isEqualTo(300);
    // The inputs really reach the rules (not just javac's own errors).
    assertThat(rulesSeen.size()).isAtLeast(15);
    System.out.println("malformed fleets: rules provoked " + rulesSeen + ", clean batches " + succeeded);
  }

  private static final String VALID = """
      @Cluster(name = "v", domain = "v.example.com", region = "eu-central-1", adminCidrs = "203.0.113.0/24", vpcCidr = "10.0.0.0/8")
      public final class V {
        @Core(name = "core", count = 3, instanceType = "t3a.medium", volumeSize = 40)
        interface Servers {}
        @Core(role = Role.MONITORING, instanceType = "r5a.large", privateIps = "10.0.0.99")
        interface Monitoring {}
        @AutoscalingGroup(region = "us-east-2", instanceType = "m5.xlarge", min = 1, desired = 2, max = 4, azs = "us-east-2b",
            hostVolumes = @HostVolume(name = "data", path = "/var/data"), meta = @Meta(key = "k", value = "v"))
        interface Clients {}
      }
      """;

  /** One mutation at a time of a valid fleet, so that many survive into the planner and writers. */
  @Test
  void nearValidFleetsPlanOrFailCleanly() {
    Random random = new Random(7L);
    java.util.regex.Pattern values = java.util.regex.Pattern.compile("\"[^\"]*\"|\\b\\d+\\b");
    List<int[]> spans = new ArrayList<>();
    java.util.regex.Matcher m = values.matcher(VALID);
    while (m.find()) {
      spans.add(new int[] {m.start(), m.end()});
    }
    int succeeded = 0;
    for (int i = 0; i < 120; i++) {
      int[] span = spans.get(random.nextInt(spans.size()));
      boolean quoted = VALID.charAt(span[0]) == '"';
      String replacement = quoted ? s(random) : Integer.toString(n(random));
      String src = VALID.substring(0, span[0]) + replacement + VALID.substring(span[1]);
      Compilation c = Fixtures.compile(Fixtures.source("V", src));
      for (Diagnostic<? extends JavaFileObject> d : c.diagnostics()) {
        assertThat(d.getMessage(null)).doesNotContain("bitte:internal-error");
      }
      if (c.status() == Compilation.Status.SUCCESS) {
        succeeded++;
      }
    }
    assertThat(succeeded).isAtLeast(10);
  }

  private static String s(Random r) {
    return "\"" + STRINGS[r.nextInt(STRINGS.length)] + "\"";
  }

  private static int n(Random r) {
    return INTS[r.nextInt(INTS.length)];
  }

  private static String strings(Random r) {
    int k = r.nextInt(4);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      out.add(s(r));
    }
    return "{" + String.join(", ", out) + "}";
  }

  private static String rules(Random r) {
    if (r.nextBoolean()) {
      return "{}";
    }
    return "@SecurityRule(port = " + n(r) + ", toPort = " + n(r) + ", protocol = Protocol." + Protocol.values()[r.nextInt(4)]
        + ", cidrs = " + strings(r) + ")";
  }

  private enum Protocol { TCP, UDP, TCP_UDP, ICMP }

  static String randomFleet(Random r, String name) {
    StringBuilder b = new StringBuilder();
    if (r.nextInt(10) == 0) {
      b.append("@SuppressWarnings(\"bitte:public-control-port\")\n");
    }
    b.append("@Cluster(");
    if (r.nextBoolean()) {
      b.append("name = ").append(s(r)).append(", ");
    }
    b.append("domain = ").append(s(r)).append(", region = ").append(r.nextInt(3) == 0 ? s(r) : "\"eu-central-1\"");
    if (r.nextBoolean()) {
      b.append(", vpcCidr = ").append(s(r));
    }
    if (r.nextBoolean()) {
      b.append(", regionPrefixLength = ").append(n(r));
    }
    b.append(", adminCidrs = ").append(strings(r));
    if (r.nextInt(4) == 0) {
      b.append(", adminSshKeys = ").append(strings(r));
    }
    if (r.nextInt(4) == 0) {
      b.append(", tags = @Tag(key = ").append(s(r)).append(", value = ").append(s(r)).append(")");
    }
    if (r.nextInt(4) == 0) {
      b.append(", regions = @Region(name = ").append(s(r)).append(", cidr = ").append(s(r)).append(")");
    }
    if (r.nextInt(4) == 0) {
      b.append(", instanceTypes = @InstanceType(name = ").append(s(r)).append(", vcpus = ").append(n(r))
          .append(", memoryMib = ").append(n(r)).append(", clockMhz = ").append(n(r)).append(")");
    }
    b.append(")\npublic final class ").append(name).append(" {\n");
    int cores = r.nextInt(4);
    for (int i = 0; i < cores; i++) {
      b.append("  @Core(");
      if (r.nextBoolean()) {
        b.append("name = ").append(s(r)).append(", ");
      }
      b.append("role = Role.").append(new String[] {"SERVER", "MONITORING", "ROUTING"}[r.nextInt(3)]);
      b.append(", count = ").append(r.nextBoolean() ? n(r) : 3).append(", instanceType = ").append(r.nextBoolean() ? s(r) : "\"t3a.medium\"");
      if (r.nextBoolean()) {
        b.append(", azs = ").append(strings(r));
      }
      if (r.nextBoolean()) {
        b.append(", privateIps = ").append(strings(r));
      }
      b.append(", volumeSize = ").append(r.nextBoolean() ? n(r) : 40).append(", securityRules = ").append(rules(r)).append(")\n");
      b.append("  interface C").append(i).append(" {}\n");
    }
    int groups = r.nextInt(4);
    for (int i = 0; i < groups; i++) {
      b.append("  @AutoscalingGroup(");
      if (r.nextBoolean()) {
        b.append("name = ").append(s(r)).append(", ");
      }
      if (r.nextBoolean()) {
        b.append("region = ").append(s(r)).append(", ");
      }
      b.append("instanceType = ").append(r.nextBoolean() ? s(r) : "\"m5.large\"")
          .append(", min = ").append(n(r)).append(", desired = ").append(n(r)).append(", max = ").append(n(r));
      if (r.nextBoolean()) {
        b.append(", nodeClass = ").append(s(r));
      }
      if (r.nextBoolean()) {
        b.append(", azs = ").append(strings(r));
      }
      if (r.nextBoolean()) {
        b.append(", meta = @Meta(key = ").append(s(r)).append(", value = ").append(s(r)).append(")");
      }
      if (r.nextBoolean()) {
        b.append(", hostVolumes = @HostVolume(name = ").append(s(r)).append(", path = ").append(s(r)).append(")");
      }
      b.append(", securityRules = ").append(rules(r)).append(")\n");
      b.append("  interface G").append(i).append(" {}\n");
    }
    b.append("}\n");
    return b.toString();
  }
}
