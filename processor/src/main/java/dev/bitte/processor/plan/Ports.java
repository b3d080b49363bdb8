package dev.bitte.processor.plan;

import dev.bitte.Role;
import dev.bitte.processor.model.Cidr;
import dev.bitte.processor.model.Fleet;
import dev.bitte.processor.model.SecurityRuleSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The ports each kind of node listens on, derived from what it runs. Consul's plain HTTP API
 * (8500) and DNS (8600) listen on loopback only, so they are not opened; clients and tools use
 * the TLS listeners (8501 HTTPS, 8503 gRPC TLS).
 */
final class Ports {
  static final int NOMAD_DYNAMIC_MIN = 20000;
  static final int NOMAD_DYNAMIC_MAX = 32000;

  private final List<Cidr> vpc;
  private final List<Cidr> admin;

  Ports(Fleet fleet, List<Cidr> vpc) {
    this.vpc = vpc;
    this.admin = fleet.adminCidrs().stream().map(Cidr::parse).toList();
  }

  private PortRule vpc(String service, int from, int to, String protocol, String why) {
    return new PortRule(service, from, to, protocol, Scope.VPC, vpc, why);
  }

  private void ssh(List<PortRule> out) {
    if (!admin.isEmpty()) {
      out.add(new PortRule("ssh", 22, 22, "tcp", Scope.ADMIN, admin, "SSH from the admin networks"));
    }
  }

  private void consulAgent(List<PortRule> out) {
    out.add(vpc("consul-serf-lan", 8301, 8301, "tcp", "Consul LAN gossip"));
    out.add(vpc("consul-serf-lan", 8301, 8301, "udp", "Consul LAN gossip"));
  }

  List<PortRule> forRole(Role role) {
    List<PortRule> out = new ArrayList<>();
    ssh(out);
    consulAgent(out);
    switch (role) {
      case SERVER -> {
        out.add(vpc("consul-server-rpc", 8300, 8300, "tcp", "Consul server RPC"));
        out.add(vpc("consul-serf-wan", 8302, 8302, "tcp", "Consul WAN gossip"));
        out.add(vpc("consul-serf-wan", 8302, 8302, "udp", "Consul WAN gossip"));
        out.add(vpc("consul-https", 8501, 8501, "tcp", "Consul HTTPS API"));
        out.add(vpc("consul-grpc-tls", 8503, 8503, "tcp", "Consul gRPC (TLS) for Connect proxies"));
        out.add(vpc("nomad-http", 4646, 4646, "tcp", "Nomad HTTPS API"));
        out.add(vpc("nomad-rpc", 4647, 4647, "tcp", "Nomad RPC"));
        out.add(vpc("nomad-serf", 4648, 4648, "tcp", "Nomad server gossip"));
        out.add(vpc("nomad-serf", 4648, 4648, "udp", "Nomad server gossip"));
        out.add(vpc("vault-api", 8200, 8200, "tcp", "Vault API"));
        out.add(vpc("vault-cluster", 8201, 8201, "tcp", "Vault cluster (Raft and forwarding)"));
      }
      case MONITORING -> {
        out.add(vpc("victoriametrics", 8428, 8428, "tcp", "VictoriaMetrics remote write and queries"));
        out.add(vpc("loki", 3100, 3100, "tcp", "Loki log push and queries"));
        if (!admin.isEmpty()) {
          out.add(new PortRule("grafana", 3000, 3000, "tcp", Scope.ADMIN, admin, "Grafana for the admins"));
        }
      }
      case ROUTING -> {
        out.add(new PortRule("http", 80, 80, "tcp", Scope.ANYWHERE, List.of(Cidr.ANYWHERE), "HTTP ingress (redirects to HTTPS)"));
        out.add(new PortRule("https", 443, 443, "tcp", Scope.ANYWHERE, List.of(Cidr.ANYWHERE), "HTTPS ingress"));
      }
    }
    return out;
  }

  List<PortRule> forClients() {
    List<PortRule> out = new ArrayList<>();
    ssh(out);
    consulAgent(out);
    out.add(vpc("nomad-http", 4646, 4646, "tcp", "Nomad client API (logs, exec) via the servers"));
    out.add(vpc("nomad-dynamic", NOMAD_DYNAMIC_MIN, NOMAD_DYNAMIC_MAX, "tcp", "Nomad dynamic ports and Connect sidecars"));
    out.add(vpc("nomad-dynamic", NOMAD_DYNAMIC_MIN, NOMAD_DYNAMIC_MAX, "udp", "Nomad dynamic ports"));
    return out;
  }

  static List<PortRule> extra(List<SecurityRuleSpec> rules) {
    List<PortRule> out = new ArrayList<>();
    for (SecurityRuleSpec r : rules) {
      List<Cidr> cidrs = r.cidrs().stream().map(Cidr::parse).toList();
      String why = r.description().isEmpty() ? "declared security rule" : r.description();
      List<String> protocols = switch (r.protocol()) {
        case TCP_UDP -> List.of("tcp", "udp");
        default -> List.of(r.protocol().name().toLowerCase(Locale.ROOT));
      };
      for (String p : protocols) {
        boolean icmp = p.equals("icmp");
        out.add(new PortRule("custom", icmp ? -1 : r.port(), icmp ? -1 : r.toPort(), p, Scope.CIDRS, cidrs, why));
      }
    }
    return out;
  }
}
