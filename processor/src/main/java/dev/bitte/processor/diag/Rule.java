package dev.bitte.processor.diag;

/**
 * Every rule the processor checks, with its stable ID. The README's diagnostics table lists
 * the same IDs (a test keeps them in step). Messages are written at the call site: subject
 * first, then the rule, the offending value quoted, then a hint.
 */
public enum Rule {
  // --- fleet structure and names
  NAME("name", "A cluster, node, group or job name is not a DNS label (a-z, 0-9, '-', at most 63 characters)."),
  DUPLICATE_NAME("duplicate-name", "Two nodes or groups (or two clusters) share a name."),
  ORPHAN("orphan", "@Core or @AutoscalingGroup on a type that is not nested in a @Cluster type."),
  DOMAIN("domain", "The cluster's domain is not a valid DNS name."),
  TAG("tag", "A tag key is empty, duplicated, reserved (Cluster, Name) or uses the aws: or bitte- prefix."),
  SSH_KEY("ssh-key", "An admin SSH key is not an OpenSSH public key (or is a private key)."),
  NO_CLIENTS("no-clients", "The cluster has no @AutoscalingGroup, so Nomad has nowhere to run jobs (warning)."),

  // --- regions and addresses
  REGION("region", "A region is not an AWS region."),
  AZ("az", "An availability zone does not belong to the element's region, or is listed twice."),
  CIDR("cidr", "A CIDR is not of the form a.b.c.d/n with the host bits zero."),
  VPC_CIDR("vpc-cidr", "The VPC supernet is not private (RFC 1918) or its size does not fit the region prefix."),
  REGION_CIDR("region-cidr", "A pinned region block lies outside the supernet, has the wrong size, overlaps another, or names a region the fleet does not use."),
  ADDRESS_SPACE("address-space", "The supernet has fewer region blocks than the fleet has regions."),
  PRIVATE_IP("private-ip", "An explicit private IP is malformed, outside its node's subnet, reserved by AWS, duplicated, or their number differs from count."),

  // --- core nodes and groups
  CORE_QUORUM("core-quorum", "The number of server nodes is not 3 or 5 (1 is allowed with a warning: no fault tolerance)."),
  CORE_SPREAD("core-spread", "All servers sit in one availability zone although the region has more (warning)."),
  CORE_COUNT("core-count", "A @Core count is below 1 or above 9."),
  INSTANCE_TYPE("instance-type", "An instance type is unknown (declare it with @InstanceType) or a declared one has impossible values."),
  GROUP_SIZE("group-size", "A group's sizes break 0 <= min <= desired <= max, max >= 1."),
  VOLUME_SIZE("volume-size", "A root volume size is outside 8 to 16384 GiB."),
  META("meta", "A meta key is empty, malformed or duplicated."),
  HOST_VOLUME("host-volume", "A host volume's name is not unique or its path is not absolute."),
  NODE_CLASS("node-class", "A node class is empty or malformed."),
  NIXOS_MODULE("nixos-module", "An extra NixOS module named on @Core/@AutoscalingGroup is not a relative .nix path, or does not exist under the project directory (processor option bitte.projectDir)."),
  CLOUD_NAME("cloud-name", "A cloud resource name made of the cluster name and a @Core or group name is longer than AWS allows (IAM roles: 64 characters)."),

  // --- security
  SECURITY_RULE("security-rule", "A security rule has an invalid port range, protocol, CIDR or description (EC2 allows letters, digits, spaces and ._-:/()#,@[]+=&;{}!$* in 255 characters)."),
  SECURITY_GROUP_SIZE("security-group-size", "A node's or group's security group needs more inbound rules than AWS's default quota of 60; suppress with @SuppressWarnings(\"bitte:security-group-size\") after raising the quota.", true),
  PUBLIC_CONTROL_PORT("public-control-port", "SSH, Consul, Nomad or Vault ports opened to 0.0.0.0/0; suppress with @SuppressWarnings(\"bitte:public-control-port\") only if you mean it.", true),

  // --- the processor itself
  INTERNAL_ERROR("internal-error", "An unexpected failure inside the processor; please report it with the element it names.");

  private final String id;
  private final String summary;
  private final boolean suppressible;

  Rule(String id, String summary) {
    this(id, summary, false);
  }

  Rule(String id, String summary, boolean suppressible) {
    this.id = "bitte:" + id;
    this.summary = summary;
    this.suppressible = suppressible;
  }

  /** The stable ID as printed: {@code bitte:core-quorum}. */
  public String id() {
    return id;
  }

  /** One line for the README's table. */
  public String summary() {
    return summary;
  }

  /** Whether an error of this rule can be suppressed with {@code @SuppressWarnings(id)}. */
  public boolean suppressible() {
    return suppressible;
  }
}
