package dev.bitte.processor.emit.terraform;

import static dev.bitte.processor.emit.terraform.Conventions.id;
import static dev.bitte.processor.emit.terraform.Conventions.provider;
import static dev.bitte.processor.emit.terraform.Conventions.remote;
import static dev.bitte.processor.emit.terraform.Conventions.tags;
import static dev.bitte.processor.emit.terraform.TerraformDoc.expr;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bitte.Role;
import dev.bitte.processor.model.CoreSpec;
import dev.bitte.processor.plan.FleetPlan;
import dev.bitte.processor.plan.NodePlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code core}: the fixed nodes of the primary region. Per {@code @Core} type a security group
 * (its nodes' planned port rules), an instance role and profile; per node a network interface
 * with the planned private IP, the instance (IMDSv2 only, encrypted gp3 root, auto-join tags)
 * and an Elastic IP (stable SSH and deploy address; the routing node's is the ingress address).
 * The DNS zone of the cluster's domain with the service names and a wildcard for ingress.
 *
 * <p>Core instances boot the stock NixOS AMI with the admin key; the runner's {@code deploy-core}
 * step then switches them to their configuration over SSH, after placing their secrets.
 */
final class CoreWorkspace {
  static final String WORKSPACE = "core";

  static String role(Role role) {
    return role.name().toLowerCase(Locale.ROOT);
  }

  byte[] render(FleetPlan plan) {
    TerraformDoc doc = new TerraformDoc();
    String region = plan.fleet().primaryRegion();
    String p = provider(region);
    String domain = plan.fleet().domain();
    doc.root().put("//", Conventions.header(plan, WORKSPACE,
        "security groups, IAM, network interfaces, instances and Elastic IPs of the core nodes, and the DNS zone " + domain + "."));
    Conventions.terraformBlock(doc, plan, WORKSPACE, Map.of());
    Conventions.awsProviders(doc, plan, List.of(region));
    Conventions.remoteState(doc, plan, NetworkWorkspace.WORKSPACE);

    InstanceRoles.cacheBucket(doc, Conventions.cacheBucket(plan), p);
    ObjectNode unseal = doc.data("aws_kms_key", "vault_unseal");
    unseal.put("provider", p);
    unseal.put("key_id", Conventions.unsealKmsAlias(plan));
    String assume = Conventions.ec2AssumeRole(doc, region);

    String keyName = null;
    if (!plan.fleet().adminSshKeys().isEmpty()) {
      // The first admin key gets into a fresh NixOS AMI (amazon-init installs the key pair's key
      // for root); the node's configuration then installs all of them.
      ObjectNode key = doc.resource("aws_key_pair", "admin");
      key.put("provider", p);
      key.put("key_name", plan.name() + "-admin");
      key.put("public_key", plan.fleet().adminSshKeys().get(0).strip());
      key.set("tags", tags(plan.name() + "-admin"));
      keyName = expr("aws_key_pair.admin.key_name");
    }

    Map<String, List<NodePlan>> bySpec = new LinkedHashMap<>();
    for (NodePlan n : plan.coreNodes()) {
      bySpec.computeIfAbsent(n.spec().name(), k -> new ArrayList<>()).add(n);
    }
    for (Map.Entry<String, List<NodePlan>> e : bySpec.entrySet()) {
      CoreSpec spec = e.getValue().get(0).spec();
      String sid = id(spec.name());
      String name = plan.name() + "-" + spec.name();
      String sg = SecurityGroups.write(doc, p, sid, name, remote(NetworkWorkspace.WORKSPACE, Conventions.vpcOutput(region)),
          "Core nodes " + spec.name() + " (" + role(spec.role()) + ") of " + plan.name(), e.getValue().get(0).ports());
      String profile = InstanceRoles.write(doc, p, sid, name, assume,
          spec.role() == Role.SERVER ? expr("data.aws_kms_key.vault_unseal.arn") : null, null);
      for (NodePlan n : e.getValue()) {
        node(doc, plan, n, sg, profile, keyName);
      }
    }

    dns(doc, plan);

    ObjectNode ips = doc.output("private_ips", "Private IP of every core node, by name.");
    ObjectNode ipMap = ips.putObject("value");
    plan.coreNodes().forEach(n -> ipMap.put(n.name(), n.privateIp().toString()));
    ObjectNode pubs = doc.output("public_ips", "Elastic IP of every core node, by name (SSH from the admin networks).");
    ObjectNode pubMap = pubs.putObject("value");
    plan.coreNodes().forEach(n -> pubMap.put(n.name(), expr("aws_eip." + id(n.name()) + ".public_ip")));
    ObjectNode ids = doc.output("instance_ids", "Instance id of every core node, by name.");
    ObjectNode idMap = ids.putObject("value");
    plan.coreNodes().forEach(n -> idMap.put(n.name(), expr("aws_instance." + id(n.name()) + ".id")));
    doc.output("consul_address", "Consul's HTTPS API (host:port).", Conventions.host(plan, "consul") + ":8501");
    doc.output("consul_datacenter", "Consul's one datacenter: the primary region.", region);
    doc.output("nomad_address", "Nomad's HTTPS API.", "https://" + Conventions.host(plan, "nomad") + ":4646");
    doc.output("vault_address", "Vault's HTTPS API.", "https://" + Conventions.host(plan, "vault") + ":8200");
    return doc.bytes();
  }

  private static void node(TerraformDoc doc, FleetPlan plan, NodePlan n, String sg, String profile, String keyName) {
    String p = provider(n.region());
    String nid = id(n.name());
    String hostName = plan.name() + "-" + n.name();
    String role = role(n.role());

    ObjectNode eni = doc.resource("aws_network_interface", nid);
    eni.put("provider", p);
    eni.put("subnet_id", remote(NetworkWorkspace.WORKSPACE, Conventions.subnetOutput(n.az())));
    eni.set("private_ips", TerraformDoc.strings(List.of(n.privateIp().toString())));
    eni.set("security_groups", TerraformDoc.strings(List.of(sg)));
    eni.put("description", "Primary interface of " + hostName);
    eni.set("tags", tags(hostName));

    String ami = Conventions.nixosAmi(doc, plan, n.region(), n.instance().arch());
    ObjectNode vm = doc.resource("aws_instance", nid);
    vm.put("provider", p);
    vm.put("ami", expr("data.aws_ami." + ami + ".id"));
    vm.put("instance_type", n.instance().name());
    vm.put("iam_instance_profile", profile);
    if (keyName != null) {
      vm.put("key_name", keyName);
    }
    vm.putObject("primary_network_interface").put("network_interface_id", expr("aws_network_interface." + nid + ".id"));
    imdsV2(vm.putObject("metadata_options"));
    ObjectNode root = vm.putObject("root_block_device");
    root.put("volume_type", "gp3");
    root.put("volume_size", n.spec().volumeSize());
    root.put("encrypted", true);
    root.put("delete_on_termination", true);
    root.set("tags", tags(hostName + "-root"));
    vm.set("tags", tags(hostName, Conventions.TAG_NODE, n.name(), Conventions.TAG_ROLE, role, Conventions.TAG_JOIN, plan.joinTagValue(role)));
    // A newer AMI must not replace a running node: NixOS updates by switching configurations.
    vm.putObject("lifecycle").set("ignore_changes", TerraformDoc.strings(List.of("ami", "key_name")));

    ObjectNode eip = doc.resource("aws_eip", nid);
    eip.put("provider", p);
    eip.put("domain", "vpc");
    eip.put("network_interface", expr("aws_network_interface." + nid + ".id"));
    eip.put("associate_with_private_ip", n.privateIp().toString());
    eip.set("tags", tags(hostName));
    eip.set("depends_on", TerraformDoc.strings(List.of("aws_instance." + nid)));
  }

  /** IMDSv2 only; one hop, so containers on the host cannot reach the instance's credentials. */
  static void imdsV2(ObjectNode metadata) {
    metadata.put("http_endpoint", "enabled");
    metadata.put("http_tokens", "required");
    metadata.put("http_put_response_hop_limit", 1);
    metadata.put("instance_metadata_tags", "disabled");
  }

  private static void dns(TerraformDoc doc, FleetPlan plan) {
    String p = provider(plan.fleet().primaryRegion());
    String domain = plan.fleet().domain();
    ObjectNode zone = doc.resource("aws_route53_zone", "cluster");
    zone.put("provider", p);
    zone.put("name", domain);
    zone.put("comment", "Cluster " + plan.name() + " (Bitte)");
    zone.set("tags", tags(plan.name() + "-" + domain));
    doc.output("zone_id", "Route53 zone of " + domain + ".", expr("aws_route53_zone.cluster.zone_id"));
    doc.output("name_servers", "Delegate " + domain + " to these name servers in its parent zone.").put("value", expr("aws_route53_zone.cluster.name_servers"));

    List<String> servers = plan.serverIps().stream().map(Object::toString).toList();
    for (String service : List.of("consul", "nomad", "vault")) {
      record(doc, p, service, Conventions.host(plan, service), "A", servers);
    }
    List<String> monitoring = ofRole(plan, Role.MONITORING).stream().map(n -> n.privateIp().toString()).toList();
    if (!monitoring.isEmpty()) {
      record(doc, p, "monitoring", Conventions.host(plan, "monitoring"), "A", monitoring);
    }
    for (NodePlan n : plan.coreNodes()) {
      record(doc, p, "node_" + id(n.name()), n.name() + "." + domain, "A", List.of(n.privateIp().toString()));
    }
    List<String> routing = ofRole(plan, Role.ROUTING).stream().map(n -> expr("aws_eip." + id(n.name()) + ".public_ip")).toList();
    if (!routing.isEmpty()) {
      record(doc, p, "ingress_wildcard", "*." + domain, "A", routing);
      doc.output("ingress_ips", "The routing nodes' Elastic IPs: where *." + domain + " points.").set("value", TerraformDoc.strings(routing));
    }
  }

  private static List<NodePlan> ofRole(FleetPlan plan, Role role) {
    return plan.coreNodes().stream().filter(n -> n.role() == role).toList();
  }

  private static void record(TerraformDoc doc, String provider, String id, String name, String type, List<String> values) {
    ObjectNode r = doc.resource("aws_route53_record", id);
    r.put("provider", provider);
    r.put("zone_id", expr("aws_route53_zone.cluster.zone_id"));
    r.put("name", name);
    r.put("type", type);
    r.put("ttl", 60);
    ArrayNode records = r.putArray("records");
    values.forEach(records::add);
  }
}
