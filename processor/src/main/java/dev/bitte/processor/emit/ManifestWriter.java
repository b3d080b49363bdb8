package dev.bitte.processor.emit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bitte.processor.model.Cidr;
import dev.bitte.processor.model.KeyValue;
import dev.bitte.processor.plan.FleetPlan;
import dev.bitte.processor.plan.GroupPlan;
import dev.bitte.processor.plan.NodePlan;
import dev.bitte.processor.plan.PortRule;
import dev.bitte.processor.plan.RegionPlan;
import dev.bitte.processor.plan.SubnetPlan;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code manifest.json}: what was generated and why, for the runner and for reviewers. Written
 * after every other artifact, because it lists their sha256 (the runner refuses files that no
 * longer match: a hand edit).
 */
public final class ManifestWriter {
  public static final String PATH = "manifest.json";
  public static final int SCHEMA = 1;

  public byte[] write(FleetPlan plan, Artifacts artifacts, List<ManifestSection> sections) {
    ObjectNode root = Json.object();
    root.put("schema", SCHEMA);
    root.put("generator", "bitte-processor");

    ObjectNode cluster = root.putObject("cluster");
    cluster.put("name", plan.name());
    cluster.put("domain", plan.fleet().domain());
    cluster.put("primaryRegion", plan.fleet().primaryRegion());
    cluster.put("javaType", plan.fleet().javaQualifiedName());
    cluster.put("nixpkgs", plan.fleet().nixpkgs());
    cluster.put("stateBucket", plan.fleet().stateBucket());
    cluster.put("vpcCidr", plan.fleet().vpcCidr());
    ArrayNode admin = cluster.putArray("adminCidrs");
    plan.fleet().adminCidrs().forEach(admin::add);
    ObjectNode tags = cluster.putObject("tags");
    for (KeyValue t : plan.fleet().tags()) {
      tags.put(t.key(), t.value());
    }

    ArrayNode regions = root.putArray("regions");
    for (RegionPlan r : plan.regions()) {
      ObjectNode o = regions.addObject();
      o.put("name", r.name());
      o.put("cidr", r.cidr().toString());
      o.put("primary", r.primary());
      ArrayNode subnets = o.putArray("subnets");
      for (SubnetPlan s : r.subnets()) {
        subnets.addObject().put("az", s.az()).put("cidr", s.cidr().toString());
      }
    }

    ArrayNode nodes = root.putArray("coreNodes");
    for (NodePlan n : plan.coreNodes()) {
      ObjectNode o = nodes.addObject();
      o.put("name", n.name());
      o.put("role", n.role().name().toLowerCase(Locale.ROOT));
      o.put("instanceType", n.instance().name());
      o.put("region", n.region());
      o.put("az", n.az());
      o.put("subnet", n.subnet().cidr().toString());
      o.put("privateIp", n.privateIp().toString());
      o.put("volumeSize", n.spec().volumeSize());
      ports(o.putArray("ingress"), n.ports());
    }

    ArrayNode groups = root.putArray("clientGroups");
    for (GroupPlan g : plan.groups()) {
      ObjectNode o = groups.addObject();
      o.put("name", g.name());
      o.put("region", g.region());
      o.put("instanceType", g.instance().name());
      o.put("nodeClass", g.group().nodeClass());
      o.put("min", g.group().min());
      o.put("desired", g.group().desired());
      o.put("max", g.group().max());
      o.put("cpuMhz", g.instance().cpuMhz());
      o.put("memoryMib", g.instance().memoryMib());
      o.put("arch", g.instance().nomadArch());
      ArrayNode azs = o.putArray("azs");
      g.subnets().forEach(s -> azs.add(s.az()));
      ports(o.putArray("ingress"), g.ports());
      o.put("secretsPrefix", plan.groupSecretsPrefix(g));
      o.put("autoscalingGroup", plan.groupCloudName(g));
    }

    ArrayNode ws = root.putArray("workspaces");
    FleetPlan.WORKSPACES.forEach(ws::add);
    ArrayNode order = root.putArray("applyOrder");
    FleetPlan.APPLY_ORDER.forEach(order::add);
    root.put("secretsDir", FleetPlan.SECRETS_DIR);

    for (ManifestSection section : sections) {
      section.contribute(plan, root);
    }

    ArrayNode files = root.putArray("artifacts");
    for (Map.Entry<String, byte[]> e : artifacts.files().entrySet()) {
      files.addObject().put("path", e.getKey()).put("sha256", Artifacts.sha256(e.getValue())).put("size", e.getValue().length);
    }
    return Json.bytes(root);
  }

  private static void ports(ArrayNode out, List<PortRule> rules) {
    for (PortRule p : rules) {
      ObjectNode o = out.addObject();
      o.put("service", p.service());
      o.put("fromPort", p.fromPort());
      o.put("toPort", p.toPort());
      o.put("protocol", p.protocol());
      o.put("scope", p.scope().name().toLowerCase(Locale.ROOT));
      ArrayNode cidrs = o.putArray("cidrs");
      p.cidrs().stream().map(Cidr::toString).forEach(cidrs::add);
    }
  }

  /** Lets later stages (jobs, capacity) add their own top-level sections. */
  public interface ManifestSection {
    void contribute(FleetPlan plan, ObjectNode root);
  }
}
