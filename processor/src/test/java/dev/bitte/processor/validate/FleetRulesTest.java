package dev.bitte.processor.validate;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import dev.bitte.processor.Fixtures;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** One bad input per foundation rule, asserting the ID, the file and the line it points at. */
class FleetRulesTest {
  static final String BASE = """
      @Cluster(
          name = "t",
          domain = "t.example.com",
          region = "eu-central-1",
          adminCidrs = "203.0.113.0/24")
      public final class T {
        @Core(name = "core", count = 3, instanceType = "t3a.medium")
        interface Servers {}

        @Core(role = Role.MONITORING, instanceType = "r5a.large")
        interface Monitoring {}

        @AutoscalingGroup(instanceType = "m5.xlarge", min = 1, desired = 2, max = 4)
        interface Clients {}
      }
      """;

  /** The base fleet with one piece of text replaced (which must occur in it). */
  static JavaFileObject fleet(String from, String to) {
    if (!BASE.contains(from)) {
      throw new IllegalArgumentException("not in the base fleet: " + from);
    }
    return Fixtures.source("T", BASE.replace(from, to));
  }

  static Compilation compile(JavaFileObject... src) {
    return Fixtures.compile(src);
  }

  static void assertError(JavaFileObject src, String id, String line, String... fragments) {
    Compilation c = compile(src);
    assertThat(c).failed();
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("[" + id + "]").inFile(src).onLineContaining(line);
    for (String f : fragments) {
      assertThat(c).hadErrorContaining(f);
    }
  }

  static void assertWarning(JavaFileObject src, String id, String line, String... fragments) {
    Compilation c = compile(src);
    assertThat(c).succeeded();
    assertThat(c).hadWarningCount(1);
    assertThat(c).hadWarningContaining("[" + id + "]").inFile(src).onLineContaining(line);
    for (String f : fragments) {
      assertThat(c).hadWarningContaining(f);
    }
  }

  @Test
  void baseFleetIsClean() {
    Compilation c = compile(fleet("name = \"t\"", "name = \"t\""));
    assertThat(c).succeededWithoutWarnings();
    assertThat(Fixtures.resource(c, "bitte/t/manifest.json")).contains("\"privateIp\": \"10.0.0.10\"");
  }

  @Test
  void clusterNameMustBeDnsLabel() {
    assertError(fleet("name = \"t\"", "name = \"My_Testnet\""), "bitte:name", "name = \"My_Testnet\"", "Set @Cluster(name = \"my-testnet\")");
  }

  @Test
  void nodeNameMustBeDnsLabel() {
    assertError(fleet("@Core(role = Role.MONITORING,", "@Core(name = \"mon itor\", role = Role.MONITORING,"),
        "bitte:name", "name = \"mon itor\"", "core node name \"mon itor\"");
  }

  @Test
  void duplicateNamesAreRejected() {
    assertError(fleet("interface Clients {}", "interface Clients {}\n  @AutoscalingGroup(name = \"monitoring\", instanceType = \"m5.large\")\n  interface Dup {}"),
        "bitte:duplicate-name", "name = \"monitoring\"", "\"monitoring\" is already used");
  }

  @Test
  void coreOutsideClusterIsAnOrphan() {
    JavaFileObject src = Fixtures.source("Lonely", """
        public interface Lonely {
          @Core(instanceType = "t3a.medium")
          interface Stray {}
        }
        """);
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("[bitte:orphan]").inFile(src).onLineContaining("@Core(instanceType");
  }

  @Test
  void domainMustBeDnsName() {
    assertError(fleet("domain = \"t.example.com\"", "domain = \"localhost\""), "bitte:domain", "domain = \"localhost\"");
  }

  @Test
  void utilizationThresholdOutOfRange() {
    assertError(fleet("adminCidrs = \"203.0.113.0/24\")", "adminCidrs = \"203.0.113.0/24\",\n    utilizationWarningPercent = 0)"),
        "bitte:utilization-threshold", "utilizationWarningPercent = 0", "utilizationWarningPercent 0, outside 1 to 100");
    assertError(fleet("adminCidrs = \"203.0.113.0/24\")", "adminCidrs = \"203.0.113.0/24\",\n    utilizationWarningPercent = 101)"),
        "bitte:utilization-threshold", "utilizationWarningPercent = 101", "utilizationWarningPercent 101");
    // the bounds themselves are fine
    for (int ok : new int[] {1, 100}) {
      assertThat(compile(fleet("adminCidrs = \"203.0.113.0/24\")", "adminCidrs = \"203.0.113.0/24\",\n    utilizationWarningPercent = " + ok + ")")))
          .succeededWithoutWarnings();
    }
  }

  @Test
  void reservedTagKey() {
    assertError(fleet("adminCidrs = \"203.0.113.0/24\")", "adminCidrs = \"203.0.113.0/24\",\n    tags = @Tag(key = \"Name\", value = \"x\"))"),
        "bitte:tag", "key = \"Name\"", "reserved");
  }

  @Test
  void privateSshKeyIsRefused() {
    assertError(fleet("adminCidrs = \"203.0.113.0/24\")", "adminCidrs = \"203.0.113.0/24\",\n    adminSshKeys = \"-----BEGIN OPENSSH PRIVATE KEY----- abc\")"),
        "bitte:ssh-key", "adminSshKeys =", "PRIVATE key");
  }

  @Test
  void unknownRegionSuggestsTheClosest() {
    assertError(fleet("region = \"eu-central-1\"", "region = \"eu-centrl-1\""), "bitte:region", "region = \"eu-centrl-1\"",
        "Did you mean \"eu-central-1\"?");
  }

  @Test
  void groupRegionIsChecked() {
    assertError(fleet("@AutoscalingGroup(instanceType", "@AutoscalingGroup(region = \"us-east-9\", instanceType"),
        "bitte:region", "region = \"us-east-9\"");
  }

  @Test
  void zoneMustBelongToRegion() {
    assertError(fleet("min = 1, desired = 2, max = 4)", "min = 1, desired = 2, max = 4,\n      azs = {\"eu-central-1a\", \"us-east-2a\"})"),
        "bitte:az", "azs = {", "\"us-east-2a\", which is not a zone of eu-central-1");
  }

  @Test
  void cidrWithHostBitsGetsAHint() {
    assertError(fleet("adminCidrs = \"203.0.113.0/24\"", "adminCidrs = \"203.0.113.7/24\""), "bitte:cidr", "adminCidrs = \"203.0.113.7/24\"",
        "did you mean \"203.0.113.0/24\"?");
  }

  @Test
  void vpcCidrMustBePrivate() {
    assertError(fleet("region = \"eu-central-1\",", "region = \"eu-central-1\",\n    vpcCidr = \"8.8.0.0/16\","), "bitte:vpc-cidr", "vpcCidr = \"8.8.0.0/16\"");
  }

  @Test
  void regionPrefixLengthRange() {
    assertError(fleet("region = \"eu-central-1\",", "region = \"eu-central-1\",\n    regionPrefixLength = 12,"), "bitte:vpc-cidr", "regionPrefixLength = 12");
  }

  @Test
  void tooSmallSupernetForTwoRegions() {
    JavaFileObject src = Fixtures.source("T", BASE.replace("region = \"eu-central-1\",", "region = \"eu-central-1\",\n    vpcCidr = \"10.1.0.0/16\",")
        .replace("@AutoscalingGroup(instanceType", "@AutoscalingGroup(region = \"us-east-2\", instanceType"));
    assertError(src, "bitte:address-space", "vpcCidr = \"10.1.0.0/16\"", "holds 1 region block(s) of /16 but the fleet spans 2 regions");
  }

  @Test
  void pinnedRegionOutsideSupernet() {
    assertError(fleet("adminCidrs = \"203.0.113.0/24\")", "adminCidrs = \"203.0.113.0/24\",\n    regions = @Region(name = \"eu-central-1\", cidr = \"192.168.0.0/16\"))"),
        "bitte:region-cidr", "cidr = \"192.168.0.0/16\"", "must be a /16 inside vpcCidr \"10.0.0.0/8\"");
  }

  @Test
  void pinnedRegionIsUsed() {
    Compilation c = compile(fleet("adminCidrs = \"203.0.113.0/24\")", "adminCidrs = \"203.0.113.0/24\",\n    regions = @Region(name = \"eu-central-1\", cidr = \"10.7.0.0/16\"))"));
    assertThat(c).succeededWithoutWarnings();
    assertThat(Fixtures.resource(c, "bitte/t/manifest.json")).contains("\"privateIp\": \"10.7.0.10\"");
  }

  @Test
  void privateIpOutsideSubnet() {
    assertError(fleet("@Core(role = Role.MONITORING, instanceType = \"r5a.large\")",
            "@Core(role = Role.MONITORING, instanceType = \"r5a.large\",\n      privateIps = \"10.0.99.5\")"),
        "bitte:private-ip", "privateIps = \"10.0.99.5\"", "outside its subnet 10.0.0.0/20 (eu-central-1a)");
  }

  @Test
  void privateIpReservedByAws() {
    assertError(fleet("@Core(role = Role.MONITORING, instanceType = \"r5a.large\")",
            "@Core(role = Role.MONITORING, instanceType = \"r5a.large\",\n      privateIps = \"10.0.0.2\")"),
        "bitte:private-ip", "privateIps = \"10.0.0.2\"", "reserved by AWS");
  }

  @Test
  void privateIpTakenTwice() {
    assertError(fleet("@Core(role = Role.MONITORING, instanceType = \"r5a.large\")\n  interface Monitoring {}",
            "@Core(role = Role.MONITORING, instanceType = \"r5a.large\", privateIps = \"10.0.0.50\")\n  interface Monitoring {}\n"
                + "  @Core(role = Role.ROUTING, instanceType = \"t3a.small\",\n      privateIps = \"10.0.0.50\")\n  interface Routing {}"),
        "bitte:private-ip", "      privateIps = \"10.0.0.50\")", "already given to monitoring");
  }

  @Test
  void privateIpCountMustMatch() {
    assertError(fleet("count = 3, instanceType = \"t3a.medium\")", "count = 3, instanceType = \"t3a.medium\",\n      privateIps = \"10.0.0.20\")"),
        "bitte:private-ip", "privateIps = \"10.0.0.20\"", "lists 1 private IPs for 3 nodes");
  }

  @Test
  void explicitPrivateIpIsUsedAndDerivedOnesAvoidIt() {
    Compilation c = compile(fleet("count = 3, instanceType = \"t3a.medium\")",
        "count = 3, instanceType = \"t3a.medium\", privateIps = {\"10.0.0.11\", \"10.0.16.30\", \"10.0.32.30\"})"));
    assertThat(c).succeededWithoutWarnings();
    String manifest = Fixtures.resource(c, "bitte/t/manifest.json");
    assertThat(manifest).contains("\"privateIp\": \"10.0.0.11\"");
    // monitoring is node #4 (offset 13) in zone a, no clash with 10.0.0.11
    assertThat(manifest).contains("\"privateIp\": \"10.0.0.13\"");
  }

  @Test
  void evenQuorumIsAnError() {
    assertError(fleet("count = 3,", "count = 2,"), "bitte:core-quorum", "count = 2,", "has 2 servers; a Raft quorum must be 3 or 5", "Set count = 3");
  }

  @Test
  void singleServerIsAWarning() {
    assertWarning(fleet("count = 3,", "count = 1,"), "bitte:core-quorum", "count = 1,", "no fault tolerance");
  }

  @Test
  void singleServerWarningCanBeSuppressed() {
    Compilation c = compile(Fixtures.source("T", BASE.replace("count = 3,", "count = 1,")
        .replace("public final class T {", "@SuppressWarnings(\"bitte:core-quorum\")\npublic final class T {")));
    assertThat(c).succeededWithoutWarnings();
  }

  @Test
  void clusterWithoutServers() {
    JavaFileObject src = Fixtures.source("T", BASE.replace("@Core(name = \"core\", count = 3, instanceType = \"t3a.medium\")\n  interface Servers {}\n", ""));
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("[bitte:core-quorum]").inFile(src).onLineContaining("@Cluster(");
  }

  @Test
  void serversInOneZoneWarn() {
    assertWarning(fleet("count = 3, instanceType = \"t3a.medium\")", "count = 3, instanceType = \"t3a.medium\",\n      azs = \"eu-central-1b\")"),
        "bitte:core-spread", "azs = \"eu-central-1b\"", "all 3 servers are in eu-central-1b");
  }

  @Test
  void coreCountRange() {
    assertError(fleet("@Core(role = Role.MONITORING,", "@Core(count = 0, role = Role.MONITORING,"), "bitte:core-count", "count = 0, role");
  }

  @Test
  void unknownInstanceTypeSuggestsTheClosest() {
    assertError(fleet("instanceType = \"t3a.medium\"", "instanceType = \"t3a.mediun\""), "bitte:instance-type", "instanceType = \"t3a.mediun\"",
        "Did you mean \"t3a.medium\"?", "@InstanceType(name = \"t3a.mediun\"");
  }

  @Test
  void declaredInstanceTypeIsKnown() {
    Compilation c = compile(Fixtures.source("T", BASE.replace("adminCidrs = \"203.0.113.0/24\")",
            "adminCidrs = \"203.0.113.0/24\",\n    instanceTypes = @InstanceType(name = \"m99.huge\", vcpus = 64, memoryMib = 262144, arch = Arch.ARM64))")
        .replace("instanceType = \"m5.xlarge\"", "instanceType = \"m99.huge\"")));
    assertThat(c).succeededWithoutWarnings();
    assertThat(Fixtures.resource(c, "bitte/t/manifest.json")).contains("\"arch\": \"arm64\"");
  }

  @Test
  void declaredInstanceTypeValues() {
    assertError(fleet("adminCidrs = \"203.0.113.0/24\")",
            "adminCidrs = \"203.0.113.0/24\",\n    instanceTypes = @InstanceType(name = \"x1.odd\", vcpus = 2,\n        memoryMib = 64))"),
        "bitte:instance-type", "memoryMib = 64", "give at least 512");
  }

  @Test
  void groupSizesOrdered() {
    assertError(fleet("min = 1, desired = 2, max = 4", "min = 1,\n      desired = 7, max = 4"), "bitte:group-size", "desired = 7",
        "(min = 1, desired = 7, max = 4)", "set desired between 1 and 4");
  }

  @Test
  void groupMaxAtLeastOne() {
    assertError(fleet("min = 1, desired = 2, max = 4", "min = 0, desired = 0,\n      max = 0"), "bitte:group-size", "max = 0");
  }

  @Test
  void volumeSizeRange() {
    assertError(fleet("@Core(role = Role.MONITORING, instanceType = \"r5a.large\")", "@Core(role = Role.MONITORING, instanceType = \"r5a.large\",\n      volumeSize = 4)"),
        "bitte:volume-size", "volumeSize = 4");
  }

  @Test
  void metaKeySyntax() {
    assertError(fleet("min = 1, desired = 2, max = 4)", "min = 1, desired = 2, max = 4,\n      meta = @Meta(key = \"bad key\", value = \"x\"))"),
        "bitte:meta", "key = \"bad key\"");
  }

  @Test
  void hostVolumePathMustBeAbsolute() {
    assertError(fleet("min = 1, desired = 2, max = 4)", "min = 1, desired = 2, max = 4,\n      hostVolumes = @HostVolume(name = \"data\", path = \"var/data\"))"),
        "bitte:host-volume", "path = \"var/data\"", "\"/var/lib/data\"");
  }

  @Test
  void nodeClassSyntax() {
    assertError(fleet("min = 1, desired = 2, max = 4)", "min = 1, desired = 2, max = 4,\n      nodeClass = \"gen eral\")"), "bitte:node-class", "nodeClass = \"gen eral\"");
  }

  @Test
  void securityRulePortRange() {
    assertError(fleet("min = 1, desired = 2, max = 4)", "min = 1, desired = 2, max = 4,\n      securityRules = @SecurityRule(port = 70000, cidrs = \"10.0.0.0/8\"))"),
        "bitte:security-rule", "port = 70000");
  }

  @Test
  void controlPortOpenToTheWorld() {
    assertError(fleet("min = 1, desired = 2, max = 4)", "min = 1, desired = 2, max = 4,\n      securityRules = @SecurityRule(port = 8200, toPort = 8300,\n          cidrs = \"0.0.0.0/0\"))"),
        "bitte:public-control-port", "cidrs = \"0.0.0.0/0\"", "opens Vault (8200-8201) to 0.0.0.0/0");
  }

  @Test
  void publicSshAdminCidr() {
    assertError(fleet("adminCidrs = \"203.0.113.0/24\"", "adminCidrs = \"0.0.0.0/0\""), "bitte:public-control-port", "adminCidrs = \"0.0.0.0/0\"");
  }

  @Test
  void publicControlPortCanBeSuppressedExplicitly() {
    Compilation c = compile(Fixtures.source("T", BASE
        .replace("min = 1, desired = 2, max = 4)", "min = 1, desired = 2, max = 4,\n      securityRules = @SecurityRule(port = 22, cidrs = \"0.0.0.0/0\", description = \"bastion\"))")
        .replace("  @AutoscalingGroup(", "  @SuppressWarnings(\"bitte:public-control-port\")\n  @AutoscalingGroup(")));
    assertThat(c).succeededWithoutWarnings();
    assertThat(Fixtures.resource(c, "bitte/t/manifest.json")).contains("\"cidrs\": [\n            \"0.0.0.0/0\"");
  }

  @Test
  void publicHttpIsFine() {
    Compilation c = compile(fleet("min = 1, desired = 2, max = 4)", "min = 1, desired = 2, max = 4,\n      securityRules = @SecurityRule(port = 443, cidrs = \"0.0.0.0/0\"))"));
    assertThat(c).succeededWithoutWarnings();
  }

  @Test
  void noClientsIsAWarning() {
    JavaFileObject src = Fixtures.source("T", BASE.replace("@AutoscalingGroup(instanceType = \"m5.xlarge\", min = 1, desired = 2, max = 4)\n  interface Clients {}\n", ""));
    Compilation c = compile(src);
    assertThat(c).succeeded();
    assertThat(c).hadWarningContaining("[bitte:no-clients]").inFile(src).onLineContaining("@Cluster(");
  }

  @Test
  void duplicateClusterNames() {
    JavaFileObject a = Fixtures.source("T", BASE);
    JavaFileObject b = Fixtures.source("U", BASE.replace("public final class T", "public final class U"));
    Compilation c = compile(a, b);
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("[bitte:duplicate-name]").inFile(b).onLineContaining("name = \"t\"");
  }

  @Test
  void everyMistakeIsReportedInOneCompile() {
    JavaFileObject src = Fixtures.source("T", BASE
        .replace("domain = \"t.example.com\"", "domain = \"nodots\"")
        .replace("count = 3,", "count = 4,")
        .replace("instanceType = \"r5a.large\"", "instanceType = \"r5a.largest\"")
        .replace("min = 1, desired = 2, max = 4", "min = 5, desired = 2, max = 4"));
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(4);
    assertThat(c).hadErrorContaining("[bitte:domain]").inFile(src).onLineContaining("domain = \"nodots\"");
    assertThat(c).hadErrorContaining("[bitte:core-quorum]").inFile(src).onLineContaining("count = 4,");
    assertThat(c).hadErrorContaining("[bitte:instance-type]").inFile(src).onLineContaining("r5a.largest");
    assertThat(c).hadErrorContaining("[bitte:group-size]").inFile(src).onLineContaining("min = 5");
  }
}
