package dev.bitte.processor.emit.terraform;

import static dev.bitte.processor.emit.terraform.Conventions.alias;
import static dev.bitte.processor.emit.terraform.Conventions.id;
import static dev.bitte.processor.emit.terraform.Conventions.provider;
import static dev.bitte.processor.emit.terraform.Conventions.tags;
import static dev.bitte.processor.emit.terraform.TerraformDoc.expr;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bitte.processor.plan.FleetPlan;
import dev.bitte.processor.plan.RegionPlan;
import dev.bitte.processor.plan.SubnetPlan;
import java.util.List;
import java.util.Map;

/**
 * {@code network}: per region a VPC with the planned block, an internet gateway, one public
 * subnet per zone, one route table (default route to the gateway, a route per peer region) and
 * the associations; the VPC's default security group is emptied. Regions are peered as a full
 * mesh: the connection is requested from the region that comes first in the plan and accepted
 * with the peer region's provider (cross-region peering cannot auto-accept on the request).
 *
 * <p>Subnets are public (instances get public addresses) because nodes fetch NixOS closures from
 * the internet and there is no NAT gateway; security groups, not the lack of an address, keep
 * control ports closed.
 */
final class NetworkWorkspace {
  static final String WORKSPACE = "network";

  byte[] render(FleetPlan plan) {
    TerraformDoc doc = new TerraformDoc();
    doc.root().put("//", Conventions.header(plan, WORKSPACE, "VPCs, subnets, routes and the peering mesh of every region."));
    Conventions.terraformBlock(doc, plan, WORKSPACE, Map.of());
    List<String> regions = plan.regions().stream().map(RegionPlan::name).toList();
    Conventions.awsProviders(doc, plan, regions);

    for (RegionPlan r : plan.regions()) {
      String a = alias(r.name());
      String p = provider(r.name());
      ObjectNode vpc = doc.resource("aws_vpc", a);
      vpc.put("provider", p);
      vpc.put("cidr_block", r.cidr().toString());
      vpc.put("enable_dns_support", true);
      vpc.put("enable_dns_hostnames", true);
      vpc.set("tags", tags(plan.name() + "-" + r.name()));

      ObjectNode sg = doc.resource("aws_default_security_group", a);
      sg.put("provider", p);
      sg.put("vpc_id", expr("aws_vpc." + a + ".id"));
      sg.set("tags", tags(plan.name() + "-" + r.name() + "-default-unused"));

      ObjectNode igw = doc.resource("aws_internet_gateway", a);
      igw.put("provider", p);
      igw.put("vpc_id", expr("aws_vpc." + a + ".id"));
      igw.set("tags", tags(plan.name() + "-" + r.name()));

      ObjectNode rt = doc.resource("aws_route_table", a);
      rt.put("provider", p);
      rt.put("vpc_id", expr("aws_vpc." + a + ".id"));
      rt.set("tags", tags(plan.name() + "-" + r.name()));

      ObjectNode internet = doc.resource("aws_route", a + "_internet");
      internet.put("provider", p);
      internet.put("route_table_id", expr("aws_route_table." + a + ".id"));
      internet.put("destination_cidr_block", "0.0.0.0/0");
      internet.put("gateway_id", expr("aws_internet_gateway." + a + ".id"));

      for (SubnetPlan s : r.subnets()) {
        String sid = id(s.az());
        ObjectNode subnet = doc.resource("aws_subnet", sid);
        subnet.put("provider", p);
        subnet.put("vpc_id", expr("aws_vpc." + a + ".id"));
        subnet.put("cidr_block", s.cidr().toString());
        subnet.put("availability_zone", s.az());
        subnet.put("map_public_ip_on_launch", true);
        subnet.set("tags", tags(plan.name() + "-" + s.az()));
        ObjectNode assoc = doc.resource("aws_route_table_association", sid);
        assoc.put("provider", p);
        assoc.put("subnet_id", expr("aws_subnet." + sid + ".id"));
        assoc.put("route_table_id", expr("aws_route_table." + a + ".id"));
        doc.output(Conventions.subnetOutput(s.az()), "Subnet of " + s.az() + " (" + s.cidr() + ").", expr("aws_subnet." + sid + ".id"));
      }
      doc.output(Conventions.vpcOutput(r.name()), "VPC of " + r.name() + " (" + r.cidr() + ").", expr("aws_vpc." + a + ".id"));
    }

    // Full mesh: every pair once, requested by the earlier region of the plan.
    List<RegionPlan> rs = plan.regions();
    for (int i = 0; i < rs.size(); i++) {
      for (int j = i + 1; j < rs.size(); j++) {
        peer(doc, plan, rs.get(i), rs.get(j));
      }
    }
    return doc.bytes();
  }

  private static void peer(TerraformDoc doc, FleetPlan plan, RegionPlan requester, RegionPlan accepter) {
    String ra = alias(requester.name());
    String aa = alias(accepter.name());
    String name = ra + "_to_" + aa;
    String label = plan.name() + "-" + requester.name() + "-to-" + accepter.name();
    ObjectNode pcx = doc.resource("aws_vpc_peering_connection", name);
    pcx.put("provider", provider(requester.name()));
    pcx.put("vpc_id", expr("aws_vpc." + ra + ".id"));
    pcx.put("peer_vpc_id", expr("aws_vpc." + aa + ".id"));
    pcx.put("peer_region", accepter.name());
    pcx.put("auto_accept", false);
    pcx.set("tags", tags(label));

    ObjectNode acc = doc.resource("aws_vpc_peering_connection_accepter", name);
    acc.put("provider", provider(accepter.name()));
    acc.put("vpc_peering_connection_id", expr("aws_vpc_peering_connection." + name + ".id"));
    acc.put("auto_accept", true);
    acc.set("tags", tags(label));

    // Routes go through the accepted connection, so neither side routes into a pending one.
    ObjectNode there = doc.resource("aws_route", ra + "_to_" + aa);
    there.put("provider", provider(requester.name()));
    there.put("route_table_id", expr("aws_route_table." + ra + ".id"));
    there.put("destination_cidr_block", accepter.cidr().toString());
    there.put("vpc_peering_connection_id", expr("aws_vpc_peering_connection_accepter." + name + ".id"));
    ObjectNode back = doc.resource("aws_route", aa + "_to_" + ra);
    back.put("provider", provider(accepter.name()));
    back.put("route_table_id", expr("aws_route_table." + aa + ".id"));
    back.put("destination_cidr_block", requester.cidr().toString());
    back.put("vpc_peering_connection_id", expr("aws_vpc_peering_connection_accepter." + name + ".id"));

    doc.output("peering_" + name, "VPC peering between " + requester.name() + " and " + accepter.name() + ".",
        expr("aws_vpc_peering_connection_accepter." + name + ".id"));
  }
}
