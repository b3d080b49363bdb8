package dev.bitte.processor.jobs;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.bitte.processor.jobs.JobFixtures.compile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * {@code @Port(protocol)}: a static UDP (or TCP and UDP) job port is opened for that protocol in
 * the security group of every client group it can land on and in those groups' host firewalls;
 * the manifest says which; ICMP and non-TCP dynamic ports are refused on the attribute.
 */
class PortProtocolTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JavaFileObject withPort(String port) {
    return JobFixtures.simple("", "nodeClass = \"batch\", ports = " + port);
  }

  /**
   * "udp 53", "tcp 53", ... of the ingress rules of batch-eu (the only batch class group) for job
   * ports, once each (a rule per VPC of the fleet: two regions, two rules).
   */
  private static List<String> jobRules(Compilation c) throws IOException {
    JsonNode tf = JSON.readTree(JobFixtures.generated(c, "bitte/testnet/terraform/clients/main.tf.json"));
    List<String> out = new ArrayList<>();
    tf.at("/resource/aws_vpc_security_group_ingress_rule").fields().forEachRemaining(e -> {
      JsonNode r = e.getValue();
      if (e.getKey().startsWith("batch_eu_job_")) {
        out.add(r.get("ip_protocol").asText() + " " + r.get("from_port").asInt());
      }
      assertThat(e.getKey().startsWith("clients_") && e.getKey().contains("_job_")).isFalse();
    });
    return out.stream().distinct().sorted().toList();
  }

  /** The ports of one list in the group's host firewall, e.g. allowedUDPPorts. */
  private static List<Integer> firewall(Compilation c, String list) {
    String host = JobFixtures.generated(c, "bitte/testnet/nixos/hosts/batch-eu.nix");
    Matcher block = Pattern.compile(list + " = \\[\\n(.*?)\\n?\\s*\\];", Pattern.DOTALL).matcher(host);
    assertThat(block.find()).isTrue();
    List<Integer> ports = new ArrayList<>();
    Matcher p = Pattern.compile("^\\s*(\\d+) #", Pattern.MULTILINE).matcher(block.group(1));
    while (p.find()) {
      ports.add(Integer.parseInt(p.group(1)));
    }
    return ports;
  }

  @Test
  void aStaticUdpPortIsOpenedForUdpOnly() throws IOException {
    Compilation c = compile(withPort("@Port(label = \"dns\", value = 5353, protocol = Protocol.UDP)"));
    assertThat(c).succeededWithoutWarnings();
    assertThat(jobRules(c)).containsExactly("udp 5353");
    assertThat(firewall(c, "allowedUDPPorts")).contains(5353);
    assertThat(firewall(c, "allowedTCPPorts")).doesNotContain(5353);
    JsonNode manifest = JSON.readTree(JobFixtures.generated(c, "bitte/testnet/manifest.json"));
    assertThat(manifest.at("/jobStaticPorts/0/protocols").asText()).isEqualTo("udp");
  }

  @Test
  void tcpUdpOpensBothAndTcpStaysTheDefault() throws IOException {
    Compilation both = compile(withPort("@Port(label = \"dns\", value = 5353, protocol = Protocol.TCP_UDP)"));
    assertThat(both).succeededWithoutWarnings();
    assertThat(jobRules(both)).containsExactly("tcp 5353", "udp 5353");
    assertThat(firewall(both, "allowedUDPPorts")).contains(5353);
    assertThat(firewall(both, "allowedTCPPorts")).contains(5353);

    Compilation tcp = compile(withPort("@Port(label = \"http\", value = 8088)"));
    assertThat(tcp).succeededWithoutWarnings();
    assertThat(jobRules(tcp)).containsExactly("tcp 8088");
    assertThat(firewall(tcp, "allowedUDPPorts")).doesNotContain(8088);
  }

  @Test
  void icmpHasNoPorts() {
    JavaFileObject src = withPort("@Port(label = \"ping\", value = 7, protocol = Protocol.ICMP)");
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("[bitte:port] group \"simple.main\" port \"ping\" has protocol ICMP");
    assertThat(c).hadErrorContaining("[bitte:port]").inFile(src).onLineContaining("protocol = Protocol.ICMP");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void aDynamicPortTakesNoProtocol() {
    JavaFileObject src = withPort("@Port(label = \"dns\", protocol = Protocol.UDP)");
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("is dynamic but has protocol UDP, which only a static port uses");
    assertThat(c).hadErrorContaining("[bitte:port]").inFile(src).onLineContaining("protocol = Protocol.UDP");
    assertThat(c).hadErrorCount(1);
  }
}
