package dev.bitte.sample;

import dev.bitte.AutoscalingGroup;
import dev.bitte.Cluster;
import dev.bitte.Core;
import dev.bitte.HostVolume;
import dev.bitte.Meta;
import dev.bitte.Role;
import dev.bitte.Tag;

/**
 * The seed tutorial's {@code my-testnet}: three core servers (Consul, Nomad and Vault), a
 * monitoring node and a routing node in Frankfurt, and Nomad clients in two regions.
 */
@Cluster(
    name = "my-testnet",
    domain = "testnet.example.com",
    region = "eu-central-1",
    vpcCidr = "10.32.0.0/12",
    adminCidrs = "203.0.113.0/24",
    adminSshKeys = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEXAMPLEEXAMPLEEXAMPLEEXAMPLEEXAMPLEEXAMPLE admin@example.com",
    tags = @Tag(key = "team", value = "infra"))
public final class MyTestnet {
  private MyTestnet() {}

  /** core-1 .. core-3, one per availability zone. */
  @Core(name = "core", count = 3, instanceType = "t3a.medium")
  interface Servers {}

  @Core(role = Role.MONITORING, instanceType = "r5a.large", volumeSize = 200)
  interface Monitoring {}

  @Core(role = Role.ROUTING, instanceType = "t3a.small")
  interface Routing {}

  @AutoscalingGroup(region = "eu-central-1", instanceType = "m5.xlarge", min = 1, desired = 3, max = 10,
      nodeClass = "general", meta = @Meta(key = "tier", value = "apps"),
      hostVolumes = @HostVolume(name = "pg-data", path = "/var/lib/pg-data"))
  interface ClientsEu {}

  @AutoscalingGroup(region = "us-east-2", instanceType = "m5.large", min = 1, desired = 2, max = 6, nodeClass = "general")
  interface ClientsUs {}
}
