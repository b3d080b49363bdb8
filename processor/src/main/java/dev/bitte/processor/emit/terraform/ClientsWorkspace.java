package dev.bitte.processor.emit.terraform;

import static dev.bitte.processor.emit.terraform.Conventions.id;
import static dev.bitte.processor.emit.terraform.Conventions.provider;
import static dev.bitte.processor.emit.terraform.Conventions.remote;
import static dev.bitte.processor.emit.terraform.TerraformDoc.expr;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bitte.processor.plan.FleetPlan;
import dev.bitte.processor.plan.GroupPlan;
import dev.bitte.processor.plan.SubnetPlan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code clients}: per {@code @AutoscalingGroup} a security group (the group's planned port
 * rules: SSH from the admins, gossip, Nomad's API and dynamic ports from the fleet's VPCs, the
 * group's own rules), an instance role and profile, a launch template (NixOS AMI of the group's
 * architecture, IMDSv2 only, encrypted gp3 root, public address for egress) whose user data
 * switches the instance to the group's configuration of the cluster's flake, and the auto-scaling
 * group over the group's subnets.
 *
 * <p>The flake reference is the variable {@value #FLAKE_VARIABLE}: where new instances fetch the
 * cluster's NixOS flake ({@code bitte/<cluster>/nixos/flake.nix}) from, e.g.
 * {@code github:acme/infra?dir=infra/my-testnet/nixos}. The runner passes it with
 * {@code -var}; Terraform refuses to plan without it.
 */
final class ClientsWorkspace {
  static final String WORKSPACE = "clients";
  static final String FLAKE_VARIABLE = "nixos_flake";

  byte[] render(FleetPlan plan) {
    TerraformDoc doc = new TerraformDoc();
    String primary = plan.fleet().primaryRegion();
    doc.root().put("//", Conventions.header(plan, WORKSPACE,
        "the Nomad client auto-scaling groups. Needs -var " + FLAKE_VARIABLE + "=<flake reference of bitte/" + plan.name() + "/nixos>."));
    Conventions.terraformBlock(doc, plan, WORKSPACE, Map.of());
    TreeSet<String> regions = new TreeSet<>();
    regions.add(primary);
    plan.groups().forEach(g -> regions.add(g.region()));
    Conventions.awsProviders(doc, plan, List.copyOf(regions));
    Conventions.remoteState(doc, plan, NetworkWorkspace.WORKSPACE);

    ObjectNode flake = doc.variable(FLAKE_VARIABLE, "string", "Flake reference of the cluster's NixOS flake (bitte/" + plan.name()
        + "/nixos/flake.nix) that new client instances can fetch, without a #fragment; each group boots into <flake>#<group>.");
    ObjectNode validation = flake.putArray("validation").addObject();
    validation.put("condition", expr("can(regex(\"^[^#'\\\\s]+$\", var." + FLAKE_VARIABLE + "))"));
    validation.put("error_message", "The flake reference must be non-empty, without '#', quotes or spaces; the group is appended as #<group>.");

    InstanceRoles.cacheBucket(doc, Conventions.cacheBucket(plan), provider(primary));
    InstanceRoles.stateBucket(doc, plan, provider(primary));
    String assume = Conventions.ec2AssumeRole(doc, primary);

    Map<String, String> asgs = new LinkedHashMap<>();
    for (GroupPlan g : plan.groups()) {
      group(doc, plan, g, assume);
      asgs.put(g.name(), expr("aws_autoscaling_group." + id(g.name()) + ".name"));
    }
    doc.output("autoscaling_groups", "Auto-scaling group of every client group, by group name.").set("value", TerraformDoc.map(asgs));
    Map<String, String> sgs = new LinkedHashMap<>();
    plan.groups().forEach(g -> sgs.put(g.name(), expr("aws_security_group." + id(g.name()) + ".id")));
    doc.output("security_groups", "Security group of every client group, by group name.").set("value", TerraformDoc.map(sgs));
    return doc.bytes();
  }

  private static void group(TerraformDoc doc, FleetPlan plan, GroupPlan g, String assume) {
    String p = provider(g.region());
    String gid = id(g.name());
    String name = plan.groupCloudName(g);

    String sg = SecurityGroups.write(doc, p, gid, name, remote(NetworkWorkspace.WORKSPACE, Conventions.vpcOutput(g.region())),
        "Nomad clients " + g.name() + " of " + plan.name(), g.ports());
    String profile = InstanceRoles.write(doc, provider(plan.fleet().primaryRegion()), gid, name, assume, null, plan.groupSecretsPrefix(g));

    String userData = "user_data_" + gid;
    doc.local(userData, userData(plan, g));

    Map<String, String> instanceTags = new LinkedHashMap<>(Conventions.clusterTags(plan));
    instanceTags.put("Name", name);
    instanceTags.put(Conventions.TAG_ROLE, "client");
    instanceTags.put(Conventions.TAG_GROUP, g.name());
    instanceTags.put(Conventions.TAG_NODE_CLASS, Conventions.literal(g.group().nodeClass()));
    instanceTags.put(Conventions.TAG_JOIN, plan.joinTagValue("client"));

    String ami = Conventions.nixosAmi(doc, plan, g.region(), g.instance().arch());
    ObjectNode lt = doc.resource("aws_launch_template", gid);
    lt.put("provider", p);
    lt.put("name", name);
    lt.put("description", "Nomad clients " + g.name() + " (node class " + Conventions.literal(g.group().nodeClass()) + ")");
    lt.put("image_id", expr("data.aws_ami." + ami + ".id"));
    lt.put("instance_type", g.instance().name());
    lt.put("update_default_version", true);
    lt.put("user_data", expr("base64encode(local." + userData + ")"));
    lt.putObject("iam_instance_profile").put("name", profile);
    CoreWorkspace.imdsV2(lt.putObject("metadata_options"));
    ObjectNode bdm = lt.putArray("block_device_mappings").addObject();
    bdm.put("device_name", expr("data.aws_ami." + ami + ".root_device_name"));
    ObjectNode ebs = bdm.putObject("ebs");
    ebs.put("volume_type", "gp3");
    ebs.put("volume_size", g.group().volumeSize());
    ebs.put("encrypted", true);
    ebs.put("delete_on_termination", true);
    ObjectNode nic = lt.putArray("network_interfaces").addObject();
    nic.put("device_index", 0);
    nic.put("associate_public_ip_address", true);
    nic.put("delete_on_termination", true);
    nic.set("security_groups", TerraformDoc.strings(List.of(sg)));
    ArrayNode specs = lt.putArray("tag_specifications");
    for (String kind : List.of("volume", "network-interface")) {
      ObjectNode s = specs.addObject();
      s.put("resource_type", kind);
      s.set("tags", TerraformDoc.map(instanceTags));
    }
    lt.set("tags", Conventions.tags(name));

    ObjectNode asg = doc.resource("aws_autoscaling_group", gid);
    asg.put("provider", p);
    asg.put("name", name);
    asg.put("min_size", g.group().min());
    asg.put("desired_capacity", g.group().desired());
    asg.put("max_size", g.group().max());
    asg.put("health_check_type", "EC2");
    asg.put("health_check_grace_period", 300);
    asg.set("vpc_zone_identifier", TerraformDoc.strings(g.subnets().stream()
        .map(SubnetPlan::az).map(az -> remote(NetworkWorkspace.WORKSPACE, Conventions.subnetOutput(az))).toList()));
    ObjectNode ltRef = asg.putObject("launch_template");
    ltRef.put("id", expr("aws_launch_template." + gid + ".id"));
    ltRef.put("version", expr("aws_launch_template." + gid + ".latest_version"));
    ArrayNode tags = asg.putArray("tag");
    instanceTags.forEach((k, v) -> tags.addObject().put("key", k).put("value", v).put("propagate_at_launch", true));
    // Nomad's autoscaler (or an operator) moves desired_capacity; an apply must not reset it.
    asg.putObject("lifecycle").set("ignore_changes", TerraformDoc.strings(List.of("desired_capacity")));
  }

  /**
   * The user data: a script (NixOS's amazon-init runs user data that starts with {@code #!}) that
   * switches to the group's configuration of the flake. No {@code ${}} of its own: Terraform
   * interpolates only the flake variable.
   */
  static String userData(FleetPlan plan, GroupPlan g) {
    return "#!/usr/bin/env bash\n"
        + "# Bitte: boot into the NixOS configuration \"" + g.name() + "\" of cluster " + plan.name() + ".\n"
        + "set -euo pipefail\n"
        + "export PATH=/run/current-system/sw/bin:$PATH\n"
        + "export NIX_CONFIG='experimental-features = nix-command flakes'\n"
        + "exec nixos-rebuild switch --refresh --flake '${var." + FLAKE_VARIABLE + "}#" + g.name() + "'\n";
  }
}
