package dev.bitte.processor.emit.nixos;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static dev.bitte.processor.emit.nixos.NixosWriterTest.eval;
import static dev.bitte.processor.emit.nixos.NixosWriterTest.host;
import static dev.bitte.processor.emit.nixos.NixosWriterTest.module;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every port a host's services listen on beyond loopback is open in its firewall (and so in its
 * security group, which the firewall equals: see {@link NixosWriterTest}), and nothing else is.
 *
 * <p>Addresses and ports are read from the modules as Nix evaluates them; where a module leaves a
 * daemon's default in place, the default is named here with the daemon's documentation.
 */
class NixosListenersTest {
  static String port(String protocol, int from, int to) {
    return protocol + " " + from + "-" + to;
  }

  static String port(String protocol, int p) {
    return port(protocol, p, p);
  }

  static boolean loopback(String address) {
    return address.equals("127.0.0.1") || address.equals("localhost") || address.equals("::1");
  }

  static int portOf(String hostPort) {
    return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
  }

  /** The network listeners of a host, from the role modules it imports. */
  static Set<String> listeners(String name) {
    Set<String> out = new TreeSet<>();
    List<String> modules = new ArrayList<>();
    eval(host(name) + ".imports").forEach(i -> modules.add(i.asText().replaceAll("^.*/nix/store/[a-z0-9]{32}-", "").replace(".nix", "")));
    for (String m : modules) {
      JsonNode v = eval(module(m, name));
      switch (m) {
        case "common" -> {
          JsonNode s = v.get("config").get("services");
          // sshd: services.openssh.ports defaults to [ 22 ] on every address.
          if (s.get("openssh").get("enable").asBoolean()) {
            assertThat(s.get("openssh").has("ports")).isFalse();
            out.add(port("tcp", 22));
          }
          // dnsmasq answers on loopback only.
          assertThat(s.get("dnsmasq").get("settings").get("listen-address").toString()).isEqualTo("[\"127.0.0.1\"]");
          assertThat(s.get("dnsmasq").get("settings").get("bind-interfaces").asBoolean()).isTrue();
        }
        case "consul-server", "consul-client" -> {
          JsonNode x = v.get("services").get("consul").get("extraConfig");
          JsonNode ports = x.get("ports");
          String client = x.get("client_addr").asText();
          // LAN gossip (serf_lan 8301, TCP and UDP) listens on bind_addr, the private IP.
          assertThat(x.get("bind_addr").asText()).isEqualTo("{{ GetPrivateIP }}");
          assertThat(ports.has("serf_lan")).isFalse();
          out.add(port("tcp", 8301));
          out.add(port("udp", 8301));
          if (x.path("server").asBoolean()) {
            // Servers: RPC (server 8300) and WAN gossip (serf_wan 8302) on bind_addr.
            assertThat(ports.has("server") || ports.has("serf_wan")).isFalse();
            out.add(port("tcp", 8300));
            out.add(port("tcp", 8302));
            out.add(port("udp", 8302));
          }
          for (String api : List.of("http", "https", "grpc", "grpc_tls", "dns")) {
            int p = ports.get(api).asInt();
            String address = x.has("addresses") && x.get("addresses").has(api) ? x.get("addresses").get(api).asText() : client;
            if (p > 0 && !loopback(address)) {
              out.add(port("tcp", p));
              if (api.equals("dns")) {
                out.add(port("udp", p));
              }
            }
          }
        }
        case "vault-server" -> {
          JsonNode vault = v.get("services").get("vault");
          out.add(port("tcp", portOf(vault.get("address").asText())));
          Matcher cluster = Pattern.compile("cluster_address = \"([^\"]+)\"").matcher(vault.get("listenerExtraConfig").asText());
          assertThat(cluster.find()).isTrue();
          out.add(port("tcp", portOf(cluster.group(1))));
        }
        case "nomad-server" -> {
          JsonNode settings = v.get("services").get("nomad").get("settings");
          // No ports block: Nomad's defaults http 4646, rpc 4647, serf 4648 (TCP and UDP).
          assertThat(settings.has("ports")).isFalse();
          out.add(port("tcp", 4646));
          out.add(port("tcp", 4647));
          out.add(port("tcp", 4648));
          out.add(port("udp", 4648));
        }
        case "nomad-client" -> {
          JsonNode settings = v.get("services").get("nomad").get("settings");
          assertThat(settings.has("ports")).isFalse();
          // A client serves its HTTP API (4646) and hands out dynamic ports, by default 20000-32000.
          out.add(port("tcp", 4646));
          int min = settings.get("client").path("min_dynamic_port").asInt(20000);
          int max = settings.get("client").path("max_dynamic_port").asInt(32000);
          out.add(port("tcp", min, max));
          out.add(port("udp", min, max));
          // ... and binds the static ports of the jobs that may land on this client group, with
          // the protocols each declares (the manifest's "tcp", "udp" or "tcp+udp").
          SampleFleet.manifest().get("jobStaticPorts").forEach(p -> {
            if (p.get("clientGroup").asText().equals(name)) {
              for (String protocol : p.get("protocols").asText().split("\\+")) {
                out.add(port(protocol, p.get("port").asInt()));
              }
            }
          });
        }
        case "monitoring" -> {
          JsonNode s = v.get("services");
          out.add(port("tcp", portOf(s.get("victoriametrics").get("listenAddress").asText())));
          JsonNode loki = s.get("loki").get("configuration").get("server");
          out.add(port("tcp", loki.get("http_listen_port").asInt()));
          assertThat(loopback(loki.get("grpc_listen_address").asText())).isTrue();
          JsonNode grafana = s.get("grafana").get("settings").get("server");
          if (!loopback(grafana.get("http_addr").asText())) {
            out.add(port("tcp", grafana.get("http_port").asInt()));
          }
        }
        case "routing" -> {
          Matcher bind = Pattern.compile("\\n\\s*bind [^:\\s]*:(\\d+)").matcher(v.get("config").get("services").get("haproxy").get("config").asText());
          while (bind.find()) {
            out.add(port("tcp", Integer.parseInt(bind.group(1))));
          }
        }
        default -> throw new AssertionError("no listeners known for module " + m + " of " + name);
      }
    }
    return out;
  }

  static Set<String> firewall(String name) {
    JsonNode fw = eval(host(name) + ".networking.firewall");
    Set<String> open = new TreeSet<>();
    fw.get("allowedTCPPorts").forEach(p -> open.add(port("tcp", p.asInt())));
    fw.get("allowedUDPPorts").forEach(p -> open.add(port("udp", p.asInt())));
    fw.get("allowedTCPPortRanges").forEach(p -> open.add(port("tcp", p.get("from").asInt(), p.get("to").asInt())));
    fw.get("allowedUDPPortRanges").forEach(p -> open.add(port("udp", p.get("from").asInt(), p.get("to").asInt())));
    return open;
  }

  @Test
  void everyHostOpensExactlyWhatItsServicesListenOn() throws IOException {
    JsonNode manifest = new ObjectMapper().readTree(SampleFleet.artifacts().get("manifest.json"));
    List<String> hosts = new ArrayList<>();
    manifest.get("coreNodes").forEach(n -> hosts.add(n.get("name").asText()));
    manifest.get("clientGroups").forEach(n -> hosts.add(n.get("name").asText()));
    assertThat(hosts).hasSize(7);
    for (String h : hosts) {
      assertWithMessage("listeners vs firewall of %s", h).that(listeners(h)).containsExactlyElementsIn(firewall(h));
    }
    // Spot checks that the comparison has teeth.
    assertThat(listeners("core-1")).containsAtLeast(port("tcp", 8501), port("tcp", 8503), port("tcp", 8200), port("tcp", 4647));
    assertThat(listeners("core-1")).doesNotContain(port("tcp", 8500));
    assertThat(listeners("clients-eu")).doesNotContain(port("tcp", 8501));
    assertThat(listeners("routing")).containsAtLeast(port("tcp", 80), port("tcp", 443));
  }
}
