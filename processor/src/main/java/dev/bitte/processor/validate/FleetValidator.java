package dev.bitte.processor.validate;

import dev.bitte.Protocol;
import dev.bitte.Role;
import dev.bitte.processor.catalog.AwsRegions;
import dev.bitte.processor.catalog.InstanceTypes;
import dev.bitte.processor.diag.Diagnostics;
import dev.bitte.processor.diag.Rule;
import dev.bitte.processor.diag.Source;
import dev.bitte.processor.model.Cidr;
import dev.bitte.processor.model.ClientGroup;
import dev.bitte.processor.model.CoreSpec;
import dev.bitte.processor.model.CustomInstanceType;
import dev.bitte.processor.model.Fleet;
import dev.bitte.processor.model.HostVolumeSpec;
import dev.bitte.processor.model.KeyValue;
import dev.bitte.processor.model.Names;
import dev.bitte.processor.model.RegionPin;
import dev.bitte.processor.model.SecurityRuleSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The structural rules of a fleet: names, regions and zones, CIDR syntax, sizes, instance types,
 * the server quorum and security rules. Collects into {@link Diagnostics}; never throws. Rules
 * that need the address plan (private IPs, address space) live in the planner.
 */
public final class FleetValidator {
  private static final Pattern NODE_CLASS = Pattern.compile("[A-Za-z0-9._-]{1,128}");
  private static final Pattern META_KEY = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
  private static final Pattern VOLUME_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final Pattern SSH_PUBLIC_KEY = Pattern.compile(
      "(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp256|ecdsa-sha2-nistp384|ecdsa-sha2-nistp521|sk-ssh-ed25519@openssh\\.com|sk-ecdsa-sha2-nistp256@openssh\\.com) [A-Za-z0-9+/]+={0,3}( [^\\n\\r]*)?");

  /** Ports that must never be open to the whole internet, with their protocols. */
  record ControlPort(String what, int from, int to, boolean tcp, boolean udp) {}

  static final List<ControlPort> CONTROL_PORTS = List.of(
      new ControlPort("SSH", 22, 22, true, false),
      new ControlPort("Nomad", 4646, 4648, true, true),
      new ControlPort("Vault", 8200, 8201, true, false),
      new ControlPort("Consul", 8300, 8302, true, true),
      new ControlPort("Consul", 8500, 8503, true, false),
      new ControlPort("Consul DNS", 8600, 8600, true, true));

  private final Diagnostics diagnostics;

  public FleetValidator(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  public void validate(Fleet fleet) {
    Source src = fleet.source();
    if (!Names.isDnsLabel(fleet.name()) || fleet.name().length() > 32) {
      diagnostics.error(Rule.NAME, src.at("name"), "cluster name \"" + fleet.name() + "\" is not a DNS label of at most 32 characters"
          + " (lowercase letters, digits and '-', not starting or ending with '-'); it prefixes every cloud resource."
          + " Set @Cluster(name = \"" + suggestLabel(fleet.name()) + "\").");
    }
    validateDomain(fleet);
    boolean regionOk = checkRegion(fleet.primaryRegion(), src.at("region"), "cluster region");
    validateNetwork(fleet);
    validateSsh(fleet);
    boolean nameOk = Names.isDnsLabel(fleet.name()) && fleet.name().length() <= 32;
    // The default bucket derives from the name: only judge it when the name itself is valid.
    if (nameOk && (!BUCKET.matcher(fleet.stateBucket()).matches() || fleet.stateBucket().contains(".."))) {
      diagnostics.error(Rule.NAME, src.at("stateBucket"), "state bucket \"" + fleet.stateBucket()
          + "\" is not a valid S3 bucket name (3 to 63 lowercase letters, digits, '.' and '-'). Set @Cluster(stateBucket = ...).");
    }
    validateTags(fleet);
    int threshold = fleet.utilizationWarningPercent();
    if (threshold < 1 || threshold > 100) {
      diagnostics.error(Rule.UTILIZATION_THRESHOLD, src.at("utilizationWarningPercent"), "cluster " + fleet.name()
          + " has utilizationWarningPercent " + threshold + ", outside 1 to 100: it is the CPU or memory use, in percent of a client group"
          + " at desired, above which the compile warns. Use a value from 1 to 100 (100 turns the warning off).");
    }
    Map<String, Object> types = validateCustomTypes(fleet);

    Set<String> names = new HashSet<>();
    for (CoreSpec core : fleet.cores()) {
      validateCore(fleet, core, types, regionOk, names);
    }
    for (ClientGroup group : fleet.groups()) {
      validateGroup(fleet, group, types, names, regionOk || !group.region().equals(fleet.primaryRegion()));
    }
    validateQuorum(fleet);
    if (fleet.groups().isEmpty()) {
      diagnostics.warning(Rule.NO_CLIENTS, src, "cluster \"" + fleet.name() + "\" has no @AutoscalingGroup: Nomad has no client to run jobs on."
          + " Add a nested type with @AutoscalingGroup(instanceType = \"m5.xlarge\", min = 1, desired = 3, max = 10).");
    }
  }

  private void validateDomain(Fleet fleet) {
    String d = fleet.domain();
    boolean ok = !d.isEmpty() && d.length() <= 253 && d.contains(".");
    if (ok) {
      for (String label : d.split("\\.", -1)) {
        ok &= Names.isDnsLabel(label);
      }
    }
    if (!ok) {
      diagnostics.error(Rule.DOMAIN, fleet.source().at("domain"), "domain \"" + d
          + "\" is not a DNS name of two or more lowercase labels (for example \"testnet.example.com\").");
    }
  }

  private boolean checkRegion(String region, Source at, String what) {
    if (AwsRegions.exists(region)) {
      return true;
    }
    diagnostics.error(Rule.REGION, at, what + " \"" + region + "\" is not an AWS region."
        + Names.didYouMean(region, AwsRegions.names()));
    return false;
  }

  private void validateNetwork(Fleet fleet) {
    Source src = fleet.source();
    Cidr vpc = Cidr.parse(fleet.vpcCidr());
    if (vpc == null) {
      diagnostics.error(Rule.CIDR, src.at("vpcCidr"), "vpcCidr \"" + fleet.vpcCidr() + "\" is not a CIDR of the form a.b.c.d/n with the host bits zero"
          + hostBitsHint(fleet.vpcCidr()) + ".");
    } else if (!vpc.isPrivate()) {
      diagnostics.error(Rule.VPC_CIDR, src.at("vpcCidr"), "vpcCidr \"" + vpc + "\" is not private address space;"
          + " use a range inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16.");
    }
    int rp = fleet.regionPrefixLength();
    if (rp < 16 || rp > 24) {
      diagnostics.error(Rule.VPC_CIDR, src.at("regionPrefixLength"), "regionPrefixLength " + rp
          + " is outside 16 to 24: AWS VPCs are /16 to /28 and each region is split into /" + (rp + 4) + " subnets per zone.");
    } else if (vpc != null && vpc.prefix() > rp) {
      diagnostics.error(Rule.VPC_CIDR, src.at("vpcCidr"), "vpcCidr \"" + vpc + "\" is smaller than one region block (/" + rp
          + "); use a /" + rp + " or larger, or raise regionPrefixLength.");
    }
    for (int i = 0; i < fleet.adminCidrs().size(); i++) {
      String c = fleet.adminCidrs().get(i);
      Cidr cidr = Cidr.parse(c);
      if (cidr == null) {
        diagnostics.error(Rule.CIDR, src.at("adminCidrs", i), "admin CIDR \"" + c + "\" is not a CIDR of the form a.b.c.d/n" + hostBitsHint(c) + ".");
      } else if (cidr.prefix() == 0) {
        diagnostics.error(Rule.PUBLIC_CONTROL_PORT, src.at("adminCidrs", i), "admin CIDR \"" + c
            + "\" opens SSH on every node to the whole internet; name your office or VPN range instead,"
            + " or add @SuppressWarnings(\"bitte:public-control-port\") to the cluster if you really mean it.");
      }
    }
    Set<String> pinned = new HashSet<>();
    for (RegionPin pin : fleet.regionPins()) {
      if (!checkRegion(pin.name(), pin.source().at("name"), "pinned region")) {
        continue;
      }
      if (!pinned.add(pin.name())) {
        diagnostics.error(Rule.REGION_CIDR, pin.source().at("name"), "region \"" + pin.name() + "\" is pinned twice; keep one @Region for it.");
      }
      Cidr c = Cidr.parse(pin.cidr());
      if (c == null) {
        diagnostics.error(Rule.CIDR, pin.source().at("cidr"), "region CIDR \"" + pin.cidr() + "\" is not a CIDR of the form a.b.c.d/n" + hostBitsHint(pin.cidr()) + ".");
      } else if (vpc != null && (!vpc.contains(c) || c.prefix() != rp)) {
        diagnostics.error(Rule.REGION_CIDR, pin.source().at("cidr"), "region CIDR \"" + c + "\" for " + pin.name()
            + " must be a /" + rp + " inside vpcCidr \"" + vpc + "\".");
      }
    }
    Set<String> regions = fleetRegions(fleet);
    for (RegionPin pin : fleet.regionPins()) {
      if (AwsRegions.exists(pin.name()) && !regions.contains(pin.name())) {
        diagnostics.error(Rule.REGION_CIDR, pin.source().at("name"), "region \"" + pin.name()
            + "\" is pinned but no node or group of the fleet is in it; remove the @Region or add a group there.");
      }
    }
  }

  static Set<String> fleetRegions(Fleet fleet) {
    Set<String> regions = new TreeSet<>();
    regions.add(fleet.primaryRegion());
    fleet.groups().forEach(g -> regions.add(g.region()));
    return regions;
  }

  private static String hostBitsHint(String text) {
    int slash = text.indexOf('/');
    if (slash > 0) {
      dev.bitte.processor.model.Ipv4 ip = dev.bitte.processor.model.Ipv4.parse(text.substring(0, slash));
      try {
        int prefix = Integer.parseInt(text.substring(slash + 1));
        if (ip != null && prefix >= 0 && prefix <= 32) {
          return "; did you mean \"" + Cidr.containing(ip, prefix) + "\"?";
        }
      } catch (NumberFormatException ignored) {
        // fall through: no hint
      }
    }
    return " (for example \"10.0.0.0/16\")";
  }

  private void validateSsh(Fleet fleet) {
    for (int i = 0; i < fleet.adminSshKeys().size(); i++) {
      String key = fleet.adminSshKeys().get(i);
      if (key.contains("PRIVATE KEY")) {
        diagnostics.error(Rule.SSH_KEY, fleet.source().at("adminSshKeys", i), "admin SSH key #" + (i + 1)
            + " is a PRIVATE key: remove it from the source now and rotate it; list public keys (the .pub file) only.");
      } else if (!SSH_PUBLIC_KEY.matcher(key.strip()).matches()) {
        diagnostics.error(Rule.SSH_KEY, fleet.source().at("adminSshKeys", i), "admin SSH key #" + (i + 1)
            + " is not an OpenSSH public key (\"ssh-ed25519 AAAA... comment\"); paste the line of your .pub file.");
      }
    }
  }

  private void validateTags(Fleet fleet) {
    Set<String> keys = new HashSet<>();
    for (KeyValue tag : fleet.tags()) {
      String k = tag.key();
      String problem = k.isEmpty() ? "is empty"
          : k.length() > 128 ? "is longer than 128 characters"
          : k.equals("Cluster") || k.equals("Name") ? "is reserved: bitte sets it on every resource"
          : k.startsWith("bitte-") ? "uses the bitte- prefix, which bitte's own tags use (auto-join, roles, node classes)"
          : k.toLowerCase(java.util.Locale.ROOT).startsWith("aws:") ? "uses the aws: prefix, which AWS reserves"
          : !keys.add(k) ? "is given twice"
          : tag.value().length() > 256 ? "has a value longer than 256 characters" : null;
      if (problem != null) {
        diagnostics.error(Rule.TAG, tag.source().at(problem.contains("value") ? "value" : "key"), "tag \"" + k + "\" " + problem + "; choose another key.");
      }
    }
  }

  /** Returns the custom types by name (validated ones only). */
  private Map<String, Object> validateCustomTypes(Fleet fleet) {
    Map<String, Object> types = new HashMap<>();
    for (CustomInstanceType t : fleet.instanceTypes()) {
      boolean ok = true;
      if (t.name().isBlank()) {
        diagnostics.error(Rule.INSTANCE_TYPE, t.source().at("name"), "declared instance type has an empty name; use the EC2 API name, e.g. \"m9g.large\".");
        ok = false;
      }
      if (t.vcpus() < 1 || t.vcpus() > 4096) {
        diagnostics.error(Rule.INSTANCE_TYPE, t.source().at("vcpus"), "instance type \"" + t.name() + "\" declares " + t.vcpus() + " vCPUs; give 1 to 4096.");
        ok = false;
      }
      if (t.memoryMib() < 512) {
        diagnostics.error(Rule.INSTANCE_TYPE, t.source().at("memoryMib"), "instance type \"" + t.name() + "\" declares " + t.memoryMib()
            + " MiB of memory; give at least 512 (memoryMib is in MiB: 8 GiB = 8192).");
        ok = false;
      }
      if (t.clockMhz() < 500 || t.clockMhz() > 10000) {
        diagnostics.error(Rule.INSTANCE_TYPE, t.source().at("clockMhz"), "instance type \"" + t.name() + "\" declares a clock of " + t.clockMhz() + " MHz; give 500 to 10000.");
        ok = false;
      }
      if (ok && types.put(t.name(), t) != null) {
        diagnostics.error(Rule.INSTANCE_TYPE, t.source().at("name"), "instance type \"" + t.name() + "\" is declared twice; keep one.");
      }
    }
    return types;
  }

  private void checkInstanceType(String type, Source at, Map<String, Object> custom) {
    if (custom.containsKey(type) || InstanceTypes.builtIn(type) != null) {
      return;
    }
    Set<String> all = new TreeSet<>(InstanceTypes.builtInNames());
    all.addAll(custom.keySet());
    diagnostics.error(Rule.INSTANCE_TYPE, at, "instance type \"" + type + "\" is not a known EC2 instance type."
        + Names.didYouMean(type, all)
        + " If it is new, declare it: @Cluster(instanceTypes = @InstanceType(name = \"" + type + "\", vcpus = ..., memoryMib = ...)).");
  }

  private void checkName(String name, Source at, String what, Set<String> names) {
    if (!Names.isDnsLabel(name)) {
      diagnostics.error(Rule.NAME, at, what + " name \"" + name + "\" is not a DNS label (lowercase letters, digits and '-', at most 63);"
          + " it becomes a host name. Use \"" + suggestLabel(name) + "\".");
    } else if (!names.add(name)) {
      diagnostics.error(Rule.DUPLICATE_NAME, at, what + " name \"" + name + "\" is already used by another node or group of this cluster;"
          + " names are host and configuration names, so give it another.");
    }
  }

  /** AWS's limit on IAM role names, the shortest limit among the names bitte derives. */
  static final int IAM_ROLE_NAME_MAX = 64;

  /**
   * Terraform names the security group, IAM role, instance profile, launch template and
   * auto-scaling group of a {@code @Core} type or group {@code <cluster>-<name>}; the IAM role
   * name is limited to 64 characters, and AWS would only refuse it at apply time.
   */
  private void checkCloudName(Fleet fleet, String name, Source at, String what) {
    if (!Names.isDnsLabel(fleet.name()) || fleet.name().length() > 32 || !Names.isDnsLabel(name)) {
      return; // bitte:name reports these
    }
    String role = fleet.name() + "-" + name;
    if (role.length() > IAM_ROLE_NAME_MAX) {
      int room = IAM_ROLE_NAME_MAX - fleet.name().length() - 1;
      diagnostics.error(Rule.CLOUD_NAME, at, what + " name \"" + name + "\" makes the IAM role name \"" + role + "\" " + role.length()
          + " characters long; AWS allows " + IAM_ROLE_NAME_MAX + ". Use a name of at most " + room + " characters, e.g. \""
          + shorten(name, room) + "\".");
    }
  }

  private static String shorten(String name, int max) {
    String s = name.length() > max ? name.substring(0, Math.max(1, max)) : name;
    return s.replaceAll("-+$", "");
  }

  static String suggestLabel(String name) {
    String s = Names.kebab(name).toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("-+", "-").replaceAll("^-|-$", "");
    if (s.length() > 32) {
      s = s.substring(0, 32).replaceAll("-$", "");
    }
    return s.isEmpty() ? "fleet" : s;
  }

  private void validateCore(Fleet fleet, CoreSpec core, Map<String, Object> types, boolean regionOk, Set<String> names) {
    Source src = core.source();
    if (core.count() < 1 || core.count() > 9) {
      diagnostics.error(Rule.CORE_COUNT, src.at("count"), "core count " + core.count() + " of \"" + core.name()
          + "\" is outside 1 to 9; servers form a quorum of 3 or 5, other roles are usually 1.");
    } else {
      for (String n : core.nodeNames()) {
        checkName(n, src.at("name"), "core node", names);
      }
      checkCloudName(fleet, core.name(), src.at("name"), "core node");
    }
    checkInstanceType(core.instanceType(), src.at("instanceType"), types);
    if (regionOk) {
      checkZones(core.azs(), fleet.primaryRegion(), src, "core node \"" + core.name() + "\"");
    }
    if (!core.privateIps().isEmpty() && core.count() >= 1 && core.privateIps().size() != core.count()) {
      diagnostics.error(Rule.PRIVATE_IP, src.at("privateIps"), "\"" + core.name() + "\" lists " + core.privateIps().size()
          + " private IPs for " + core.count() + " nodes; give one per node, in order, or none to derive them.");
    }
    checkVolume(core.volumeSize(), src);
    checkRules(core.securityRules());
  }

  private void checkZones(List<String> azs, String region, Source src, String what) {
    List<String> zones = AwsRegions.zones(region);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < azs.size(); i++) {
      String az = azs.get(i);
      if (!zones.contains(az)) {
        String hint = Names.didYouMean(az, zones);
        diagnostics.error(Rule.AZ, src.at("azs", i), what + " names availability zone \"" + az + "\", which is not a zone of " + region
            + "." + (hint.isEmpty() ? " Its zones are " + String.join(", ", zones) + "." : hint));
      } else if (!seen.add(az)) {
        diagnostics.error(Rule.AZ, src.at("azs", i), what + " lists availability zone \"" + az + "\" twice; list each once.");
      }
    }
  }

  private void checkVolume(int size, Source src) {
    if (size < 8 || size > 16384) {
      diagnostics.error(Rule.VOLUME_SIZE, src.at("volumeSize"), "root volume size " + size + " GiB is outside 8 to 16384 GiB (gp3 limits; NixOS needs 8).");
    }
  }

  /** @param checkRegion false when the group inherits an invalid primary region (already reported) */
  private void validateGroup(Fleet fleet, ClientGroup group, Map<String, Object> types, Set<String> names, boolean checkRegion) {
    Source src = group.source();
    checkName(group.name(), src.at("name"), "client group", names);
    checkCloudName(fleet, group.name(), src.at("name"), "client group");
    boolean regionOk = checkRegion && checkRegion(group.region(), src.at("region"), "client group \"" + group.name() + "\" region");
    checkInstanceType(group.instanceType(), src.at("instanceType"), types);
    int min = group.min();
    int desired = group.desired();
    int max = group.max();
    String sizes = " (min = " + min + ", desired = " + desired + ", max = " + max + ")";
    if (max < 1) {
      diagnostics.error(Rule.GROUP_SIZE, src.at("max"), "client group \"" + group.name() + "\" has max = " + max + "; max must be at least 1" + sizes + ".");
    } else if (min < 0) {
      diagnostics.error(Rule.GROUP_SIZE, src.at("min"), "client group \"" + group.name() + "\" has min = " + min + "; min must be 0 or more" + sizes + ".");
    } else if (min > max) {
      diagnostics.error(Rule.GROUP_SIZE, src.at("min"), "client group \"" + group.name() + "\" has min greater than max" + sizes + "; lower min or raise max.");
    } else if (desired < min || desired > max) {
      diagnostics.error(Rule.GROUP_SIZE, src.at("desired"), "client group \"" + group.name() + "\" has desired outside min..max" + sizes
          + "; set desired between " + min + " and " + max + ".");
    }
    if (!NODE_CLASS.matcher(group.nodeClass()).matches()) {
      diagnostics.error(Rule.NODE_CLASS, src.at("nodeClass"), "node class \"" + group.nodeClass() + "\" of \"" + group.name()
          + "\" must be 1 to 128 letters, digits, '.', '_' or '-'.");
    }
    if (regionOk) {
      checkZones(group.azs(), group.region(), src, "client group \"" + group.name() + "\"");
    }
    checkVolume(group.volumeSize(), src);
    Set<String> keys = new HashSet<>();
    for (KeyValue m : group.meta()) {
      if (!META_KEY.matcher(m.key()).matches()) {
        diagnostics.error(Rule.META, m.source().at("key"), "meta key \"" + m.key() + "\" must be letters, digits, '_', '.' or '-' (it is read as ${meta." + m.key() + "}).");
      } else if (!keys.add(m.key())) {
        diagnostics.error(Rule.META, m.source().at("key"), "meta key \"" + m.key() + "\" is given twice on \"" + group.name() + "\"; keep one.");
      }
    }
    Set<String> volumes = new HashSet<>();
    for (HostVolumeSpec v : group.hostVolumes()) {
      if (!VOLUME_NAME.matcher(v.name()).matches()) {
        diagnostics.error(Rule.HOST_VOLUME, v.source().at("name"), "host volume name \"" + v.name() + "\" must be 1 to 64 letters, digits, '_' or '-'.");
      } else if (!volumes.add(v.name())) {
        diagnostics.error(Rule.HOST_VOLUME, v.source().at("name"), "host volume \"" + v.name() + "\" is declared twice on \"" + group.name() + "\".");
      }
      if (!v.path().startsWith("/") || v.path().contains("/../") || v.path().endsWith("/..") || v.path().contains("\n")) {
        diagnostics.error(Rule.HOST_VOLUME, v.source().at("path"), "host volume \"" + v.name() + "\" has path \"" + v.path()
            + "\"; give an absolute path without '..', e.g. \"/var/lib/" + v.name() + "\".");
      }
    }
    checkRules(group.securityRules());
  }

  /** What EC2 accepts in a security group rule's description (it becomes one, via Terraform). */
  private static final Pattern RULE_DESCRIPTION = Pattern.compile("[A-Za-z0-9. _\\-:/()#,@\\[\\]+=&;{}!$*]{0,255}");

  private void checkRules(List<SecurityRuleSpec> rules) {
    for (SecurityRuleSpec r : rules) {
      Source src = r.source();
      if (!RULE_DESCRIPTION.matcher(r.description()).matches()) {
        String bad = r.description().codePoints().filter(c -> !RULE_DESCRIPTION.matcher(new String(Character.toChars(c))).matches())
            .limit(1).mapToObj(c -> new String(Character.toChars(c))).findFirst().orElse("");
        diagnostics.error(Rule.SECURITY_RULE, src.at("description"), "security rule description \"" + r.description() + "\" "
            + (r.description().length() > 255 ? "is longer than 255 characters" : "contains \"" + bad + "\"")
            + ", which EC2 refuses in a security group rule; use letters, digits, spaces and ._-:/()#,@[]+=&;{}!$* only.");
      }
      if (r.protocol() != Protocol.ICMP) {
        if (r.port() < 1 || r.port() > 65535) {
          diagnostics.error(Rule.SECURITY_RULE, src.at("port"), "security rule port " + r.port() + " is outside 1 to 65535.");
          continue;
        }
        if (r.toPort() < r.port() || r.toPort() > 65535) {
          diagnostics.error(Rule.SECURITY_RULE, src.at("toPort"), "security rule range " + r.port() + "-" + r.toPort()
              + " is empty or beyond 65535; toPort must be between port and 65535.");
          continue;
        }
      }
      if (r.cidrs().isEmpty()) {
        diagnostics.error(Rule.SECURITY_RULE, src, "security rule for port " + r.port() + " has no cidrs; name who may connect, e.g. cidrs = \"10.0.0.0/8\".");
      }
      for (int i = 0; i < r.cidrs().size(); i++) {
        String c = r.cidrs().get(i);
        Cidr cidr = Cidr.parse(c);
        if (cidr == null) {
          diagnostics.error(Rule.CIDR, src.at("cidrs", i), "security rule CIDR \"" + c + "\" is not a CIDR of the form a.b.c.d/n" + hostBitsHint(c) + ".");
        } else if (cidr.prefix() == 0 && r.protocol() != Protocol.ICMP) {
          ControlPort hit = controlPortIn(r);
          if (hit != null) {
            diagnostics.error(Rule.PUBLIC_CONTROL_PORT, src.at("cidrs", i), "security rule " + r.port() + (r.toPort() != r.port() ? "-" + r.toPort() : "")
                + "/" + r.protocol().name().toLowerCase(java.util.Locale.ROOT) + " opens " + hit.what() + " (" + hit.from()
                + (hit.to() != hit.from() ? "-" + hit.to() : "") + ") to 0.0.0.0/0; restrict cidrs to your admin or VPC ranges,"
                + " or add @SuppressWarnings(\"bitte:public-control-port\") to the type if you really mean it.");
          }
        }
      }
    }
  }

  private static ControlPort controlPortIn(SecurityRuleSpec r) {
    boolean tcp = r.protocol() == Protocol.TCP || r.protocol() == Protocol.TCP_UDP;
    boolean udp = r.protocol() == Protocol.UDP || r.protocol() == Protocol.TCP_UDP;
    for (ControlPort p : CONTROL_PORTS) {
      if (r.port() <= p.to() && r.toPort() >= p.from() && ((tcp && p.tcp()) || (udp && p.udp()))) {
        return p;
      }
    }
    return null;
  }

  private void validateQuorum(Fleet fleet) {
    List<CoreSpec> servers = new ArrayList<>();
    int count = 0;
    for (CoreSpec c : fleet.cores()) {
      if (c.role() == Role.SERVER && c.count() >= 1 && c.count() <= 9) {
        servers.add(c);
        count += c.count();
      }
    }
    if (servers.isEmpty()) {
      if (fleet.cores().stream().noneMatch(c -> c.role() == Role.SERVER)) {
        diagnostics.error(Rule.CORE_QUORUM, fleet.source(), "cluster \"" + fleet.name() + "\" has no server nodes: Consul, Nomad and Vault need a quorum."
            + " Add a nested type with @Core(count = 3, instanceType = \"t3a.medium\").");
      }
      return;
    }
    Source at = servers.get(servers.size() - 1).source().at("count");
    if (count == 1) {
      diagnostics.warning(Rule.CORE_QUORUM, at, "cluster \"" + fleet.name() + "\" has 1 server: no fault tolerance, losing it loses Consul, Nomad and Vault."
          + " Use count = 3 for production (suppress with @SuppressWarnings(\"bitte:core-quorum\") for a test fleet).");
    } else if (count != 3 && count != 5) {
      diagnostics.error(Rule.CORE_QUORUM, at, "cluster \"" + fleet.name() + "\" has " + count + " servers; a Raft quorum must be 3 or 5"
          + (count == 2 || count == 4 ? " (" + count + " servers tolerate no more failures than " + (count - 1) + " would, and need more votes)" : "")
          + ". Set count = " + (count < 4 ? 3 : 5) + ".");
    }
    if (count >= 2) {
      Set<String> zones = new LinkedHashSet<>();
      for (CoreSpec s : servers) {
        List<String> azs = s.azs().isEmpty() ? AwsRegions.zones(fleet.primaryRegion()) : s.azs();
        for (int i = 0; i < s.count() && !azs.isEmpty(); i++) {
          zones.add(azs.get(i % azs.size()));
        }
      }
      if (zones.size() == 1 && AwsRegions.zones(fleet.primaryRegion()).size() > 1) {
        CoreSpec last = servers.get(servers.size() - 1);
        diagnostics.warning(Rule.CORE_SPREAD, last.source().at("azs"), "all " + count + " servers are in " + zones.iterator().next()
            + ": one zone outage takes the quorum down. List two or more zones, e.g. azs = {\""
            + String.join("\", \"", AwsRegions.zones(fleet.primaryRegion()).subList(0, Math.min(3, AwsRegions.zones(fleet.primaryRegion()).size()))) + "\"}.");
      }
    }
  }
}
