package dev.bitte.processor.emit.terraform;

import static dev.bitte.processor.emit.terraform.Conventions.tags;
import static dev.bitte.processor.emit.terraform.TerraformDoc.expr;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bitte.processor.model.Cidr;
import dev.bitte.processor.plan.PortRule;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A security group whose inbound rules are exactly the plan's {@link PortRule}s: one
 * {@code aws_vpc_security_group_ingress_rule} per rule and source CIDR (the provider's
 * recommended form: each rule is its own resource, so changing one never rewrites the others),
 * and one rule allowing all outbound traffic.
 */
final class SecurityGroups {
  private SecurityGroups() {}

  /**
   * @param id the Terraform name of the group, also the prefix of its rules' names
   * @return the expression of the group's id
   */
  static String write(TerraformDoc doc, String provider, String id, String name, String vpcId, String description, List<PortRule> rules) {
    ObjectNode sg = doc.resource("aws_security_group", id);
    sg.put("provider", provider);
    sg.put("name", name);
    sg.put("description", description);
    sg.put("vpc_id", vpcId);
    sg.set("tags", tags(name));
    String sgId = expr("aws_security_group." + id + ".id");

    Set<String> used = new HashSet<>();
    for (PortRule rule : rules) {
      String protocol = Conventions.protocol(rule);
      String ports = rule.fromPort() < 0 ? "all" : rule.isRange() ? rule.fromPort() + "_" + rule.toPort() : String.valueOf(rule.fromPort());
      for (int k = 0; k < rule.cidrs().size(); k++) {
        Cidr cidr = rule.cidrs().get(k);
        String base = id + "_" + Conventions.id(rule.service()) + "_" + protocol + "_" + ports + "_" + k;
        String ruleId = base;
        for (int n = 2; !used.add(ruleId); n++) {
          ruleId = base + "_" + n;
        }
        ObjectNode r = doc.resource("aws_vpc_security_group_ingress_rule", ruleId);
        r.put("provider", provider);
        r.put("security_group_id", sgId);
        r.put("ip_protocol", protocol);
        r.put("from_port", rule.fromPort());
        r.put("to_port", rule.toPort());
        r.put("cidr_ipv4", cidr.toString());
        r.put("description", Conventions.literal(rule.description()));
        r.set("tags", tags(name + "-" + rule.service()));
      }
    }
    ObjectNode egress = doc.resource("aws_vpc_security_group_egress_rule", id + "_all");
    egress.put("provider", provider);
    egress.put("security_group_id", sgId);
    egress.put("ip_protocol", "-1");
    egress.put("cidr_ipv4", "0.0.0.0/0");
    egress.put("description", "All outbound traffic (NixOS closures, AWS APIs, peered regions)");
    return sgId;
  }
}
