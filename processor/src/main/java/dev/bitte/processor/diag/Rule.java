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

  // --- jobs (see JobValidator)
  JOB_CLUSTER("job-cluster", "@Job(cluster) does not name a @Cluster type, or that cluster has errors."),
  JOB_STRUCTURE("job-structure", "@Group outside a @Job type, @Task outside a @Group type, or a job/group with no group/task."),
  JOB_TYPE("job-type", "A job setting that its type does not allow (periodic or parameterized service/system jobs)."),
  PRIORITY("priority", "A job's priority is outside 1 to 100."),
  DRIVER_CONFIG("driver-config", "A task lacks what its driver needs (docker: image; exec, raw_exec: command; java: jar) or sets another driver's option."),
  DURATION("duration", "A duration is not a Go duration such as \"10s\" or \"1m30s\", or is out of range."),
  CRON("cron", "A periodic job's cron expression does not parse."),
  RESOURCES("resources", "A count, cpu, cores, memory or disk is not positive, or memoryMax is below memory."),
  DATACENTER("datacenter", "A job datacenter is not a region of the fleet."),
  JOB_NODE_CLASS("job-node-class", "A group's node class is not the node class of any client group in the job's datacenters."),
  CONSTRAINT("constraint", "A constraint, affinity or spread has an attribute or operator Nomad does not know, or a bad weight."),
  PORT("port", "A port label is empty or duplicated, or a port number is out of range."),
  SERVICE_PORT("service-port", "A service or task refers to a port label the group does not declare."),
  PORT_COLLISION("port-collision", "Two groups that can land on the same client use the same static port, or a static port is one the client's agents bind."),
  CONNECT("connect", "A Connect service in a group whose network is not bridge, or a duplicated upstream local port."),
  UPSTREAM("upstream", "An upstream names a service that no Connect service of the cluster's jobs provides (and is not declared external)."),
  VAULT_POLICY("vault-policy", "A task asks for a Vault policy that is not declared, or a declared policy is empty or duplicated."),
  VOLUME("volume", "A group volume is not a host volume of every client group it can land on, or a mount names no group volume."),
  TEMPLATE("template", "A template has no destination, both or neither data and source, or its source file cannot be read."),
  ENV("env", "An environment variable's name is not a valid identifier or is duplicated."),
  APART_FROM_CLUSTER("apart-from-cluster", "A job compiled apart from its cluster (read from another module's class files) needs a namespace, Vault role, Consul intention or static-port rule that only the cluster's own module creates (warning)."),
  GROUP_FIT("group-fit", "A task group needs more cpu or memory than any eligible instance offers after the Nomad client's reserve."),

  // --- capacity: every job of a cluster placed on its client groups at min, desired and max
  UTILIZATION_THRESHOLD("utilization-threshold", "@Cluster(utilizationWarningPercent) is outside 1 to 100."),
  UNSCHEDULABLE("unschedulable", "A task group's allocations do not all fit on the client groups, even at their max size."),
  FITS_ONLY_AT_MAX("fits-only-at-max", "A task group's allocations fit only when the client groups grow beyond desired (warning)."),
  UTILIZATION("utilization", "A client group's CPU or memory use at desired exceeds @Cluster(utilizationWarningPercent) (warning)."),

  // --- the processor itself
  OPTION("option", "A processor option (-Abitte.…) has a value the processor does not know."),
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
