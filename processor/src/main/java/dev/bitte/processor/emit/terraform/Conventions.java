package dev.bitte.processor.emit.terraform;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bitte.processor.model.KeyValue;
import dev.bitte.processor.plan.FleetPlan;
import dev.bitte.processor.plan.PortRule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every workspace agrees on: versions, the backend, provider aliases, names, tags, the
 * outputs one workspace reads from another, and the NixOS AMI lookup. Every cloud name starts
 * with the cluster name, so two clusters can share an account.
 */
final class Conventions {
  /** {@code use_lockfile} (S3-native state locking) needs Terraform (or OpenTofu) 1.10. */
  static final String TERRAFORM_VERSION = ">= 1.10.0";
  /**
   * The AWS provider version the output is checked against (the schema of 6.66, from
   * {@code @cdktn/provider-aws}); {@code primary_network_interface} of {@code aws_instance} is a
   * 6.x argument, so older 6.x releases are not allowed.
   */
  static final String AWS_PROVIDER_VERSION = "~> 6.66";

  /** The NixOS project's AMI owner (the AMIs listed on nixos.org/download). */
  static final String NIXOS_AMI_OWNER = "427812963091";

  /** Tag with {@code <cluster>-<role>}: what Consul's and Nomad's cloud auto-join look for. */
  static final String TAG_JOIN = FleetPlan.JOIN_TAG;
  static final String TAG_ROLE = "bitte-role";
  static final String TAG_NODE = "bitte-node";
  static final String TAG_GROUP = "bitte-group";
  static final String TAG_NODE_CLASS = "bitte-node-class";
  /** The cluster tag every resource carries (the annotation's documented {@code Cluster = <name>}). */
  static final String TAG_CLUSTER = "Cluster";
  /** The same, under bitte's own prefix (user tags cannot use it): {@code tag_key=bitte-cluster} for auto-join. */
  static final String TAG_BITTE_CLUSTER = "bitte-cluster";

  private static final Pattern NIXOS_RELEASE = Pattern.compile("nixos-(\\d{2}\\.\\d{2})");

  private Conventions() {}

  /** A Terraform identifier for a DNS-label name: {@code eu-central-1} → {@code eu_central_1}. */
  static String id(String name) {
    // A loop, not replaceAll: this runs for every resource of every node and group, and
    // replaceAll compiles its pattern on each call.
    StringBuilder s = new StringBuilder(name.length() + 1);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      s.append((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ? c : '_');
    }
    return Character.isDigit(s.charAt(0)) ? "n" + s : s.toString();
  }

  static String alias(String region) {
    return id(region);
  }

  /** The value of a resource's {@code provider} argument for a region. */
  static String provider(String region) {
    return "aws." + alias(region);
  }

  /** Escapes a user-written literal so Terraform does not read {@code ${} or {@code %{} in it. */
  static String literal(String text) {
    return text.replace("${", "$${").replace("%{", "%%{");
  }

  static String stateKey(FleetPlan plan, String workspace) {
    return "bitte/" + plan.name() + "/" + workspace + ".tfstate";
  }

  static String stateKmsAlias(FleetPlan plan) {
    return "alias/" + plan.name() + "-bitte-state";
  }

  static String unsealKmsAlias(FleetPlan plan) {
    return "alias/" + plan.name() + "-vault-unseal";
  }

  /** The S3 bucket of the cluster's Nix binary cache (bitte-cache, read by every node). */
  static String cacheBucket(FleetPlan plan) {
    return plan.name() + "-bitte-cache";
  }

  /** The Vault, Consul and Nomad DNS names. */
  static String host(FleetPlan plan, String service) {
    return service + "." + plan.fleet().domain();
  }

  static String protocol(PortRule rule) {
    return rule.protocol().toLowerCase(Locale.ROOT);
  }

  /**
   * The {@code terraform} block: versions and the S3 backend. Workspaces that name other
   * providers ({@code hydrate}) use those instead of AWS.
   *
   * <p>Versions and the S3 backend (one key per workspace, KMS
   * encrypted, S3-native locking). Backend blocks cannot use expressions, so the bucket and the
   * KMS alias are literals that bootstrap creates under exactly these names.
   */
  static void terraformBlock(TerraformDoc doc, FleetPlan plan, String workspace, Map<String, String[]> extraProviders) {
    ObjectNode tf = doc.terraform();
    tf.put("required_version", TERRAFORM_VERSION);
    ObjectNode providers = tf.putObject("required_providers");
    if (extraProviders.isEmpty()) {
      ObjectNode aws = providers.putObject("aws");
      aws.put("source", "hashicorp/aws");
      aws.put("version", AWS_PROVIDER_VERSION);
    }
    extraProviders.forEach((name, sv) -> providers.putObject(name).put("source", sv[0]).put("version", sv[1]));
    ObjectNode backend = tf.putObject("backend");
    if (workspace.equals("bootstrap")) {
      // The state bucket cannot hold the state of the run that creates it.
      backend.putObject("local").put("path", "terraform.tfstate");
    } else {
      ObjectNode s3 = backend.putObject("s3");
      s3.put("bucket", plan.fleet().stateBucket());
      s3.put("key", stateKey(plan, workspace));
      s3.put("region", plan.fleet().primaryRegion());
      s3.put("encrypt", true);
      s3.put("kms_key_id", stateKmsAlias(plan));
      // S3 conditional writes lock the state (Terraform >= 1.10): no DynamoDB table to create,
      // pay for and secure, and DynamoDB locking is deprecated since Terraform 1.11.
      s3.put("use_lockfile", true);
    }
  }

  /** One aliased AWS provider per region, each tagging every resource with the cluster's tags. */
  static void awsProviders(TerraformDoc doc, FleetPlan plan, List<String> regions) {
    for (String region : regions) {
      ObjectNode p = doc.provider("aws");
      p.put("alias", alias(region));
      p.put("region", region);
      p.putArray("default_tags").addObject().set("tags", TerraformDoc.map(clusterTags(plan)));
    }
  }

  /**
   * The fleet's own tags, then {@code Cluster} and {@code bitte-cluster} = the cluster name (the
   * validator keeps user tags off {@code Cluster}, {@code Name} and the {@code bitte-} prefix).
   */
  static Map<String, String> clusterTags(FleetPlan plan) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (KeyValue t : plan.fleet().tags()) {
      tags.put(t.key(), literal(t.value()));
    }
    tags.put(TAG_CLUSTER, plan.name());
    tags.put(TAG_BITTE_CLUSTER, plan.name());
    return tags;
  }

  /** Tags for one resource: its Name, plus extras (default_tags add the cluster's). */
  static ObjectNode tags(String name, String... keyValues) {
    ObjectNode t = TerraformDoc.map(Map.of("Name", name));
    for (int i = 0; i < keyValues.length; i += 2) {
      t.put(keyValues[i], keyValues[i + 1]);
    }
    return t;
  }

  /** {@code data "terraform_remote_state" "<workspace>"}, reading the S3 state of an earlier workspace. */
  static void remoteState(TerraformDoc doc, FleetPlan plan, String workspace) {
    ObjectNode d = doc.data("terraform_remote_state", workspace);
    d.put("backend", "s3");
    ObjectNode config = d.putObject("config");
    config.put("bucket", plan.fleet().stateBucket());
    config.put("key", stateKey(plan, workspace));
    config.put("region", plan.fleet().primaryRegion());
  }

  /** An output of an earlier workspace, as an expression. */
  static String remote(String workspace, String output) {
    return TerraformDoc.expr("data.terraform_remote_state." + workspace + ".outputs." + output);
  }

  // --- outputs of the network workspace, read by core and clients
  static String vpcOutput(String region) {
    return "vpc_id_" + alias(region);
  }

  static String subnetOutput(String az) {
    return "subnet_id_" + id(az);
  }

  /**
   * {@code data "aws_ami"}: the newest NixOS AMI of the fleet's NixOS release for an
   * architecture in a region. Instances ignore later AMI changes: NixOS is updated by switching
   * the configuration, not by replacing the machine.
   *
   * @return the data source's name
   */
  static String nixosAmi(TerraformDoc doc, FleetPlan plan, String region, String arch) {
    String name = "nixos_" + alias(region) + "_" + arch;
    if (doc.root().path("data").path("aws_ami").has(name)) {
      return name;
    }
    ObjectNode ami = doc.data("aws_ami", name);
    ami.put("provider", provider(region));
    ami.put("most_recent", true);
    ami.set("owners", TerraformDoc.strings(List.of(NIXOS_AMI_OWNER)));
    ArrayNode filters = ami.putArray("filter");
    filters.addObject().put("name", "name").set("values", TerraformDoc.strings(List.of("nixos/" + nixosRelease(plan) + "*")));
    filters.addObject().put("name", "architecture").set("values", TerraformDoc.strings(List.of(arch)));
    filters.addObject().put("name", "virtualization-type").set("values", TerraformDoc.strings(List.of("hvm")));
    return name;
  }

  /** {@code 26.05} from {@code github:NixOS/nixpkgs/nixos-26.05}; empty (any release) otherwise. */
  static String nixosRelease(FleetPlan plan) {
    Matcher m = NIXOS_RELEASE.matcher(plan.fleet().nixpkgs());
    return m.find() ? m.group(1) : "";
  }

  /** An IAM policy document statement. */
  static ObjectNode statement(ArrayNode statements, String sid, String effect, List<String> actions, List<String> resources) {
    ObjectNode s = statements.addObject();
    s.put("sid", sid);
    s.put("effect", effect);
    s.set("actions", TerraformDoc.strings(actions));
    s.set("resources", TerraformDoc.strings(resources));
    return s;
  }

  /** {@code data "aws_iam_policy_document"} letting EC2 instances assume a role. */
  static String ec2AssumeRole(TerraformDoc doc, String region) {
    String name = "ec2_assume_role";
    ObjectNode d = doc.data("aws_iam_policy_document", name);
    d.put("provider", provider(region));
    ObjectNode s = statement(d.putArray("statement"), "EC2AssumeRole", "Allow", List.of("sts:AssumeRole"), List.of());
    s.remove("resources");
    s.putArray("principals").addObject().put("type", "Service").set("identifiers", TerraformDoc.strings(List.of("ec2.amazonaws.com")));
    return name;
  }

  /** The generated-file note at the top of every document. */
  static String header(FleetPlan plan, String workspace, String what) {
    return "Generated by Bitte from " + plan.fleet().javaQualifiedName() + "; do not edit. Workspace " + workspace + " of cluster "
        + plan.name() + ": " + what;
  }
}
