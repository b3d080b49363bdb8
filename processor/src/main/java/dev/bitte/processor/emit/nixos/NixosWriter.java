package dev.bitte.processor.emit.nixos;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bitte.Role;
import dev.bitte.processor.emit.ArtifactWriter;
import dev.bitte.processor.emit.Artifacts;
import dev.bitte.processor.emit.Json;
import dev.bitte.processor.emit.Templates;
import dev.bitte.processor.model.ClientGroup;
import dev.bitte.processor.model.HostVolumeSpec;
import dev.bitte.processor.model.KeyValue;
import dev.bitte.processor.schedule.NomadReserve;
import dev.bitte.processor.plan.FleetPlan;
import dev.bitte.processor.plan.GroupPlan;
import dev.bitte.processor.plan.NodePlan;
import dev.bitte.processor.plan.PortRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The NixOS flake of a fleet, under {@code nixos/}: {@code flake.nix}, the role modules in
 * {@code modules/}, one module per core node and per client group in {@code hosts/}, the Alloy
 * configuration, the extra modules the fleet names (copied to {@code extra/}) and
 * {@code secrets.json}, the list of runtime secret files the runner must place on each host.
 *
 * <p>Each file is rendered from the template named after its model type
 * ({@code nixos/<Type>.ftl}). Cluster-wide facts (server addresses, quorum, datacenter) are
 * literals in the role modules; per-host facts are data in the host module ({@code bitte.node},
 * declared in {@code common.nix}), which the role modules read.
 */
public final class NixosWriter implements ArtifactWriter {
  public static final String DIR = "nixos/";

  /** nixpkgs marks these BSL-licensed packages unfree; the flake allows them and nothing else. */
  public static final List<String> UNFREE = List.of("consul", "nomad", "terraform", "vault");

  /** The NixOS release used as {@code system.stateVersion} when the nixpkgs reference names none. */
  static final String DEFAULT_STATE_VERSION = "26.05";

  private static final Pattern RELEASE = Pattern.compile("nixos-(\\d\\d\\.\\d\\d)");

  /** Role modules, by the name they have under {@code modules/}. */
  public static final String COMMON = "common", CONSUL_SERVER = "consul-server", CONSUL_CLIENT = "consul-client",
      VAULT_SERVER = "vault-server", NOMAD_SERVER = "nomad-server", NOMAD_CLIENT = "nomad-client",
      MONITORING = "monitoring", ROUTING = "routing";

  public static final String ALLOY_CONFIG = "config/alloy.alloy";
  public static final String SECRETS = "secrets.json";

  @Override
  public void write(FleetPlan plan, Artifacts out) {
    List<String> serverIps = plan.serverIps().stream().map(Object::toString).toList();
    String datacenter = plan.fleet().primaryRegion();
    NodePlan monitoring = plan.node(Role.MONITORING);
    String monitoringIp = monitoring == null ? null : monitoring.privateIp().toString();

    Map<String, Object> modules = new LinkedHashMap<>();
    modules.put(COMMON, new CommonModule(plan.name(), stateVersion(plan.fleet().nixpkgs()), plan.fleet().adminSshKeys(), monitoringIp));
    String cloudJoin = plan.serverCloudJoin();
    modules.put(CONSUL_SERVER, new ConsulModule(true, plan.name(), datacenter, serverIps, cloudJoin, serverIps.size()));
    modules.put(CONSUL_CLIENT, new ConsulModule(false, plan.name(), datacenter, serverIps, cloudJoin, serverIps.size()));
    modules.put(VAULT_SERVER, new VaultModule(datacenter, serverIps));
    modules.put(NOMAD_SERVER, new NomadServerModule(datacenter, serverIps.size(), serverIps,
        plan.fleet().scheduler().name().toLowerCase(java.util.Locale.ROOT)));
    modules.put(NOMAD_CLIENT, new NomadClientModule(serverIps));
    modules.put(MONITORING, new MonitoringModule(plan.name(), plan.fleet().domain()));
    modules.put(ROUTING, new RoutingModule(plan.name(), plan.fleet().domain(), datacenter));
    for (Map.Entry<String, Object> m : modules.entrySet()) {
      render(out, "modules/" + m.getKey() + ".nix", m.getValue());
    }
    if (monitoringIp != null) {
      render(out, ALLOY_CONFIG, new AlloyConfig(plan.name(), monitoringIp));
    }

    List<Flake.Configuration> configurations = new ArrayList<>();
    for (NodePlan n : plan.coreNodes()) {
      render(out, "hosts/" + n.name() + ".nix", host(n));
      configurations.add(new Flake.Configuration(n.name(), n.instance().nixSystem(), "core node, " + role(n.role())));
    }
    for (GroupPlan g : plan.groups()) {
      render(out, "hosts/" + g.name() + ".nix", host(plan, g));
      configurations.add(new Flake.Configuration(g.name(), g.instance().nixSystem(), "client group in " + g.region()));
    }
    render(out, "flake.nix", new Flake(plan.name(), plan.fleet().nixpkgs(), UNFREE, List.copyOf(modules.keySet()), configurations));

    for (Map.Entry<String, String> e : plan.nixosModuleFiles().entrySet()) {
      out.putText(DIR + extraPath(e.getKey()), e.getValue());
    }
    out.put(DIR + SECRETS, secrets(plan));
  }

  /** Where an extra module named {@code path} (relative to the project) lands, relative to {@code nixos/}. */
  public static String extraPath(String path) {
    return "extra/" + path;
  }

  static String stateVersion(String nixpkgs) {
    Matcher m = RELEASE.matcher(nixpkgs);
    return m.find() ? m.group(1) : DEFAULT_STATE_VERSION;
  }

  static String role(Role role) {
    return role.name().toLowerCase(Locale.ROOT);
  }

  /** The role modules a core node of the given role imports. */
  public static List<String> roles(Role role) {
    return switch (role) {
      case SERVER -> List.of(COMMON, CONSUL_SERVER, VAULT_SERVER, NOMAD_SERVER);
      case MONITORING -> List.of(COMMON, CONSUL_CLIENT, MONITORING);
      case ROUTING -> List.of(COMMON, CONSUL_CLIENT, ROUTING);
    };
  }

  /** The role modules a client group imports. */
  public static final List<String> CLIENT_ROLES = List.of(COMMON, CONSUL_CLIENT, NOMAD_CLIENT);

  private static Host host(NodePlan n) {
    return new Host(n.name(), "core node", role(n.role()), n.region(), n.az(), n.privateIp().toString(), null,
        imports(roles(n.role()), n.spec().nixosModules()), firewall(n.ports()), null);
  }

  private static Host host(FleetPlan plan, GroupPlan g) {
    ClientGroup c = g.group();
    List<Host.Meta> meta = new ArrayList<>();
    for (KeyValue kv : c.meta()) {
      meta.add(new Host.Meta(kv.key(), kv.value()));
    }
    List<Host.Volume> volumes = new ArrayList<>();
    for (HostVolumeSpec v : c.hostVolumes()) {
      volumes.add(new Host.Volume(v.name(), v.path(), v.readOnly()));
    }
    Host.Client client = new Host.Client(meta, volumes, NomadReserve.CPU_MHZ, NomadReserve.MEMORY_MIB,
        "s3://" + plan.fleet().stateBucket() + "/" + plan.groupSecretsPrefix(g), plan.fleet().primaryRegion());
    return new Host(g.name(), "client group", "client", g.region(), null, null, c.nodeClass(),
        imports(CLIENT_ROLES, c.nixosModules()), firewall(g.ports()), client);
  }

  private static List<String> imports(List<String> roles, List<String> extra) {
    List<String> out = new ArrayList<>();
    roles.forEach(r -> out.add("../modules/" + r + ".nix"));
    extra.forEach(e -> out.add("../" + extraPath(e)));
    return out;
  }

  /**
   * The firewall of a node: exactly the ports of its rules (the same rules as its security
   * group), by protocol; ICMP rules allow ping. Sources are enforced by the security group.
   */
  static Host.Firewall firewall(List<PortRule> rules) {
    Set<Host.Port> tcp = new LinkedHashSet<>();
    Set<Host.Port> udp = new LinkedHashSet<>();
    Set<Host.Port> tcpRanges = new LinkedHashSet<>();
    Set<Host.Port> udpRanges = new LinkedHashSet<>();
    Set<String> seen = new LinkedHashSet<>();
    boolean ping = false;
    for (PortRule r : rules) {
      if (r.protocol().equals("icmp")) {
        ping = true;
        continue;
      }
      // One entry per protocol and port range, named after the first rule that opens it.
      if (!seen.add(r.protocol() + ":" + r.fromPort() + "-" + r.toPort())) {
        continue;
      }
      Host.Port p = new Host.Port(r.fromPort(), r.toPort(), r.service());
      boolean isTcp = r.protocol().equals("tcp");
      if (r.isRange()) {
        (isTcp ? tcpRanges : udpRanges).add(p);
      } else {
        (isTcp ? tcp : udp).add(p);
      }
    }
    return new Host.Firewall(List.copyOf(tcp), List.copyOf(udp), List.copyOf(tcpRanges), List.copyOf(udpRanges), ping);
  }

  private static byte[] secrets(FleetPlan plan) {
    ObjectNode root = Json.object();
    root.put("dir", FleetPlan.SECRETS_DIR);
    ArrayNode files = root.putArray("files");
    for (SecretFiles s : SecretFiles.ALL) {
      ObjectNode o = files.addObject();
      o.put("path", s.path());
      o.put("description", s.description());
      // Who opens it: root or systemd (the file itself), or a service user (systemd's credential copy).
      o.put("readBy", s.reader().isEmpty() ? "root" : s.reader() + ".service");
      ArrayNode hosts = o.putArray("hosts");
      for (NodePlan n : plan.coreNodes()) {
        if (s.roles().contains("all") || s.roles().contains(role(n.role()))) {
          hosts.add(n.name());
        }
      }
      for (GroupPlan g : plan.groups()) {
        if (s.roles().contains("all") || s.roles().contains("client")) {
          hosts.add(g.name());
        }
      }
    }
    return Json.bytes(root);
  }

  private static void render(Artifacts out, String path, Object model) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("m", model);
    data.put("q", Nix.QUOTE);
    data.put("secrets", SecretFiles.paths());
    data.put("credentials", SecretFiles.credentials());
    data.put("secretsDir", FleetPlan.SECRETS_DIR);
    data.put("path", DIR + path);
    out.putText(DIR + path, Templates.render("nixos/" + model.getClass().getSimpleName() + ".ftl", data));
  }
}
