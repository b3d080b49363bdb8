package dev.bitte.processor.plan;

import dev.bitte.processor.catalog.AwsRegions;
import dev.bitte.processor.catalog.InstanceSpec;
import dev.bitte.processor.catalog.InstanceTypes;
import dev.bitte.processor.diag.Diagnostics;
import dev.bitte.processor.diag.Rule;
import dev.bitte.processor.model.Cidr;
import dev.bitte.processor.model.ClientGroup;
import dev.bitte.processor.model.CoreSpec;
import dev.bitte.processor.model.CustomInstanceType;
import dev.bitte.processor.model.Fleet;
import dev.bitte.processor.model.Ipv4;
import dev.bitte.processor.model.RegionPin;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Derives the address plan and the node placement of a valid fleet.
 *
 * <ul>
 *   <li>Regions: the primary first, then the others by name. A region takes its pinned block or
 *       the next free {@code /regionPrefixLength} block of the supernet.
 *   <li>Subnets: one per zone, four bits longer than the region's block, indexed by the zone's
 *       letter ({@code a} = 0), so adding a zone never renumbers the others.
 *   <li>Core nodes: a series is spread round-robin over its zones; a node's address is its
 *       subnet's base + 10 + its position among all core nodes (declaration order), skipping
 *       addresses claimed explicitly. Appending a node never moves another.
 * </ul>
 *
 * Reports the rules that need the plan: {@code bitte:address-space} and {@code bitte:private-ip}.
 * Returns null when it reported an error.
 */
public final class FleetPlanner {
  /** First host offset used for derived core addresses; AWS reserves .0 to .3. */
  static final int FIRST_HOST = 10;

  private final Diagnostics diagnostics;

  public FleetPlanner(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  public FleetPlan plan(Fleet fleet) {
    int errorsBefore = diagnostics.errorCount();
    Map<String, InstanceSpec> catalog = catalog(fleet);
    List<RegionPlan> regions = planRegions(fleet);
    if (regions == null) {
      return null;
    }
    Map<String, RegionPlan> byName = new HashMap<>();
    regions.forEach(r -> byName.put(r.name(), r));
    Ports ports = new Ports(fleet, regions.stream().map(RegionPlan::cidr).toList());

    RegionPlan primary = regions.get(0);
    List<String> primaryZones = AwsRegions.zones(fleet.primaryRegion());
    // Explicit addresses first, so derived ones can avoid them.
    Map<Ipv4, String> claimed = new HashMap<>();
    List<Ipv4[]> explicit = new ArrayList<>();
    for (CoreSpec spec : fleet.cores()) {
      Ipv4[] ips = new Ipv4[spec.count()];
      List<String> azs = spec.azs().isEmpty() ? primaryZones : spec.azs();
      List<String> names = spec.nodeNames();
      for (int i = 0; i < spec.privateIps().size() && i < spec.count(); i++) {
        String text = spec.privateIps().get(i);
        SubnetPlan subnet = primary.subnet(azs.get(i % azs.size()));
        Ipv4 ip = Ipv4.parse(text);
        var at = spec.source().at("privateIps", i);
        if (ip == null) {
          diagnostics.error(Rule.PRIVATE_IP, at, "private IP \"" + text + "\" of " + names.get(i) + " is not an IPv4 address.");
        } else if (!subnet.cidr().contains(ip)) {
          diagnostics.error(Rule.PRIVATE_IP, at, "private IP " + ip + " of " + names.get(i) + " is outside its subnet " + subnet.cidr()
              + " (" + subnet.az() + "); use an address from " + subnet.cidr().base().plus(4) + " to " + subnet.cidr().last().plus(-1) + ".");
        } else if (ip.value() - subnet.cidr().base().value() < 4 || ip.equals(subnet.cidr().last())) {
          diagnostics.error(Rule.PRIVATE_IP, at, "private IP " + ip + " of " + names.get(i) + " is reserved by AWS (the first four addresses and the last of "
              + subnet.cidr() + "); use " + subnet.cidr().base().plus(FIRST_HOST) + " or later.");
        } else if (claimed.containsKey(ip)) {
          diagnostics.error(Rule.PRIVATE_IP, at, "private IP " + ip + " of " + names.get(i) + " is already given to " + claimed.get(ip) + "; give each node its own.");
        } else {
          claimed.put(ip, names.get(i));
          ips[i] = ip;
        }
      }
      explicit.add(ips);
    }

    List<NodePlan> nodes = new ArrayList<>();
    int position = 0;
    for (int s = 0; s < fleet.cores().size(); s++) {
      CoreSpec spec = fleet.cores().get(s);
      List<String> azs = spec.azs().isEmpty() ? primaryZones : spec.azs();
      List<String> names = spec.nodeNames();
      List<PortRule> rules = new ArrayList<>(ports.forRole(spec.role()));
      rules.addAll(Ports.extra(spec.securityRules()));
      for (int i = 0; i < spec.count(); i++, position++) {
        SubnetPlan subnet = primary.subnet(azs.get(i % azs.size()));
        Ipv4 ip = explicit.get(s)[i];
        if (ip == null) {
          long offset = FIRST_HOST + position;
          ip = subnet.cidr().base().plus(offset);
          while (claimed.containsKey(ip)) {
            ip = ip.plus(1);
          }
          claimed.put(ip, names.get(i));
        }
        nodes.add(new NodePlan(names.get(i), spec.role(), spec, catalog.get(spec.instanceType()), subnet, ip, rules));
      }
    }

    List<GroupPlan> groups = new ArrayList<>();
    for (ClientGroup g : fleet.groups()) {
      RegionPlan region = byName.get(g.region());
      List<String> azs = g.azs().isEmpty() ? AwsRegions.zones(g.region()) : new TreeSet<>(g.azs()).stream().toList();
      List<SubnetPlan> subnets = azs.stream().map(region::subnet).toList();
      List<PortRule> rules = new ArrayList<>(ports.forClients());
      rules.addAll(Ports.extra(g.securityRules()));
      groups.add(new GroupPlan(g, catalog.get(g.instanceType()), subnets, rules));
    }

    checkSecurityGroupSizes(fleet, nodes, groups, regions.size());
    if (diagnostics.errorCount() > errorsBefore) {
      return null;
    }
    Map<String, InstanceSpec> used = new TreeMap<>();
    nodes.forEach(n -> used.put(n.instance().name(), n.instance()));
    groups.forEach(g -> used.put(g.instance().name(), g.instance()));
    return new FleetPlan(fleet, regions, nodes, groups, used);
  }

  /** AWS's default quota of inbound rules per security group (one rule per port range, protocol and CIDR). */
  static final int SECURITY_GROUP_INBOUND_RULES = 60;

  /**
   * Each {@code @Core} type and each group gets one security group holding one inbound rule per
   * port rule and source CIDR; AWS refuses more than its quota when Terraform applies.
   */
  private void checkSecurityGroupSizes(Fleet fleet, List<NodePlan> nodes, List<GroupPlan> groups, int regionCount) {
    Set<CoreSpec> seen = new HashSet<>();
    for (NodePlan n : nodes) {
      if (seen.add(n.spec())) {
        checkSecurityGroupSize("core node \"" + n.spec().name() + "\"", n.ports(), n.spec().source(), regionCount);
      }
    }
    for (GroupPlan g : groups) {
      checkSecurityGroupSize("client group \"" + g.name() + "\"", g.ports(), g.group().source(), regionCount);
    }
  }

  /**
   * The same quota once jobs are bound ({@link FleetPlan#withJobs}): a client group's security
   * group also holds one rule per static job port that may land on it and VPC CIDR. Reported on
   * the group's annotation in {@code declared} (the fleet read in the current round).
   */
  public void checkSecurityGroupSizesWithJobs(FleetPlan bound, Fleet declared) {
    for (GroupPlan g : bound.groups()) {
      long jobRules = g.ports().stream().filter(r -> r.service().startsWith(JobPort.SERVICE_PREFIX)).count();
      if (jobRules == 0) {
        continue;
      }
      dev.bitte.processor.diag.Source at = declared.groups().stream().filter(x -> x.name().equals(g.name())).findFirst()
          .map(ClientGroup::source).orElse(g.group().source());
      checkSecurityGroupSize("client group \"" + g.name() + "\" (with the static ports of the jobs that may land on it: "
          + g.ports().stream().filter(r -> r.service().startsWith(JobPort.SERVICE_PREFIX)).map(r -> r.service() + " " + r.fromPort())
              .collect(java.util.stream.Collectors.joining(", ")) + ")", g.ports(), at, bound.regions().size());
    }
  }

  private void checkSecurityGroupSize(String what, List<PortRule> rules, dev.bitte.processor.diag.Source at, int regionCount) {
    int admin = 0;
    int vpc = 0;
    int own = 0;
    for (PortRule r : rules) {
      switch (r.scope()) {
        case ADMIN -> admin += r.cidrs().size();
        case VPC -> vpc += r.cidrs().size();
        default -> own += r.cidrs().size();
      }
    }
    int total = admin + vpc + own;
    if (total > SECURITY_GROUP_INBOUND_RULES) {
      diagnostics.error(Rule.SECURITY_GROUP_SIZE, at, what + " needs " + total + " inbound security group rules (" + admin + " for the admin CIDRs, "
          + vpc + " for the " + regionCount + " region(s) of the fleet, " + own + " for its own and public rules); AWS allows "
          + SECURITY_GROUP_INBOUND_RULES + " by default. Use fewer or wider CIDRs, or raise the quota and add"
          + " @SuppressWarnings(\"bitte:security-group-size\").");
    }
  }

  static Map<String, InstanceSpec> catalog(Fleet fleet) {
    Map<String, InstanceSpec> m = new HashMap<>();
    fleet.cores().forEach(c -> put(m, c.instanceType()));
    fleet.groups().forEach(g -> put(m, g.instanceType()));
    for (CustomInstanceType t : fleet.instanceTypes()) {
      m.put(t.name(), new InstanceSpec(t.name(), t.vcpus(), t.memoryMib(), t.arch(), t.clockMhz()));
    }
    return m;
  }

  private static void put(Map<String, InstanceSpec> m, String type) {
    InstanceSpec s = InstanceTypes.builtIn(type);
    if (s != null) {
      m.put(type, s);
    }
  }

  private List<RegionPlan> planRegions(Fleet fleet) {
    Cidr vpc = Cidr.parse(fleet.vpcCidr());
    int prefix = fleet.regionPrefixLength();
    List<String> order = new ArrayList<>();
    order.add(fleet.primaryRegion());
    Set<String> others = new TreeSet<>();
    fleet.groups().forEach(g -> others.add(g.region()));
    others.remove(fleet.primaryRegion());
    order.addAll(others);

    Map<String, Cidr> blocks = new LinkedHashMap<>();
    Set<Cidr> taken = new HashSet<>();
    for (RegionPin pin : fleet.regionPins()) {
      Cidr c = Cidr.parse(pin.cidr());
      for (Map.Entry<String, Cidr> e : blocks.entrySet()) {
        if (e.getValue().overlaps(c)) {
          diagnostics.error(Rule.REGION_CIDR, pin.source().at("cidr"), "region CIDR " + c + " of " + pin.name() + " overlaps " + e.getValue()
              + " of " + e.getKey() + "; give each region its own block.");
          return null;
        }
      }
      blocks.put(pin.name(), c);
      taken.add(c);
    }
    long available = 1L << (prefix - vpc.prefix());
    long next = 0;
    for (String region : order) {
      if (blocks.containsKey(region)) {
        continue;
      }
      while (next < available && taken.contains(vpc.subnet(prefix, next))) {
        next++;
      }
      if (next >= available) {
        diagnostics.error(Rule.ADDRESS_SPACE, fleet.source().at("vpcCidr"), "vpcCidr " + vpc + " holds " + available + " region block(s) of /" + prefix
            + " but the fleet spans " + order.size() + " regions (" + String.join(", ", order) + "); use a larger vpcCidr or a longer regionPrefixLength.");
        return null;
      }
      Cidr c = vpc.subnet(prefix, next++);
      blocks.put(region, c);
      taken.add(c);
    }

    List<RegionPlan> out = new ArrayList<>();
    for (String region : order) {
      Cidr block = blocks.get(region);
      List<SubnetPlan> subnets = new ArrayList<>();
      for (String az : AwsRegions.zones(region)) {
        int letter = az.charAt(az.length() - 1) - 'a';
        subnets.add(new SubnetPlan(region, az, block.subnet(prefix + 4, letter)));
      }
      out.add(new RegionPlan(region, block, region.equals(fleet.primaryRegion()), subnets));
    }
    return out;
  }
}
