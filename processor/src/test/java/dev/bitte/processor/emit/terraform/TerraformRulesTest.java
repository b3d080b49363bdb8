package dev.bitte.processor.emit.terraform;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.bitte.processor.BitteProcessor;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/** The rules that exist because Terraform (AWS) would refuse the fleet at apply time. */
class TerraformRulesTest {
  private static Compilation compile(JavaFileObject src) {
    return javac().withProcessors(new BitteProcessor()).compile(src);
  }

  /** n distinct /32 CIDRs, as annotation array elements. */
  private static String cidrs(int n) {
    return IntStream.range(0, n).mapToObj(i -> "\"198.51." + (100 + i / 250) + "." + (i % 250) + "/32\"").collect(Collectors.joining(", "));
  }

  @Test
  void iamRoleNameTooLong() {
    JavaFileObject src = JavaFileObjects.forSourceString("test.LongNames", """
        package test;
        import dev.bitte.*;
        @Cluster(name = "a-cluster-name-of-thirty-two-chr", domain = "x.example.com", region = "eu-central-1")
        public final class LongNames {
          @Core(count = 3, instanceType = "t3a.medium")
          interface Servers {}
          @AutoscalingGroup(
              name = "clients-with-a-rather-long-descriptive-name",
              instanceType = "m5.large")
          interface Clients {}
        }
        """);
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("[bitte:cloud-name]");
    assertThat(c).hadErrorContaining("IAM role name \"a-cluster-name-of-thirty-two-chr-clients-with-a-rather-long-descriptive-name\" 76 characters long");
    assertThat(c).hadErrorContaining("[bitte:cloud-name]").inFile(src).onLineContaining("name = \"clients-with-a-rather-long-descriptive-name\"");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void aNameThatFitsIsAccepted() {
    JavaFileObject src = JavaFileObjects.forSourceString("test.Fits", """
        package test;
        import dev.bitte.*;
        @Cluster(name = "a-cluster-name-of-thirty-two-chr", domain = "x.example.com", region = "eu-central-1")
        public final class Fits {
          @Core(count = 3, instanceType = "t3a.medium")
          interface Servers {}
          @AutoscalingGroup(name = "clients-with-a-name-of-31-chars", instanceType = "m5.large")
          interface Clients {}
        }
        """);
    Compilation c = compile(src);
    assertThat(c).succeeded();
    assertThat(c).generatedFile(StandardLocation.CLASS_OUTPUT, "bitte/a-cluster-name-of-thirty-two-chr/terraform/clients/main.tf.json")
        .contentsAsUtf8String().contains("\"name\": \"a-cluster-name-of-thirty-two-chr-clients-with-a-name-of-31-chars\"");
  }

  @Test
  void securityGroupOverTheRuleQuota() {
    JavaFileObject src = JavaFileObjects.forSourceString("test.Wide", """
        package test;
        import dev.bitte.*;
        @Cluster(name = "wide", domain = "x.example.com", region = "eu-central-1")
        public final class Wide {
          @Core(count = 3, instanceType = "t3a.medium")
          interface Servers {}
          @AutoscalingGroup(instanceType = "m5.large",
              securityRules = @SecurityRule(port = 443, cidrs = {%s}))
          interface Clients {}
        }
        """.formatted(cidrs(56)));
    Compilation c = compile(src);
    // 5 rules of the Nomad client from the one VPC, 56 of its own: 61.
    assertThat(c).hadErrorContaining("[bitte:security-group-size] client group \"clients\" needs 61 inbound security group rules");
    assertThat(c).hadErrorContaining("[bitte:security-group-size]").inFile(src).onLineContaining("@AutoscalingGroup(instanceType = \"m5.large\"");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void adminNetworksCountOnEveryCoreType() {
    JavaFileObject src = JavaFileObjects.forSourceString("test.Admins", """
        package test;
        import dev.bitte.*;
        @Cluster(name = "admins", domain = "x.example.com", region = "eu-central-1",
            adminCidrs = {%s})
        public final class Admins {
          @Core(count = 3, instanceType = "t3a.medium")
          interface Servers {}
          @AutoscalingGroup(instanceType = "m5.large")
          interface Clients {}
        }
        """.formatted(cidrs(50)));
    Compilation c = compile(src);
    // Servers: 50 SSH + 13 from the VPC = 63; clients: 50 + 5 = 55 fit.
    assertThat(c).hadErrorContaining("core node \"servers\" needs 63 inbound security group rules (50 for the admin CIDRs, 13 for the 1 region(s)");
    assertThat(c).hadErrorContaining("[bitte:security-group-size]").inFile(src).onLineContaining("@Core(count = 3");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void theQuotaRuleCanBeSuppressedAfterRaisingTheQuota() {
    JavaFileObject src = JavaFileObjects.forSourceString("test.Raised", """
        package test;
        import dev.bitte.*;
        @Cluster(name = "raised", domain = "x.example.com", region = "eu-central-1")
        public final class Raised {
          @Core(count = 3, instanceType = "t3a.medium")
          interface Servers {}
          @SuppressWarnings("bitte:security-group-size")
          @AutoscalingGroup(instanceType = "m5.large", securityRules = @SecurityRule(port = 443, cidrs = {%s}))
          interface Clients {}
        }
        """.formatted(cidrs(56)));
    Compilation c = compile(src);
    assertThat(c).succeeded();
  }

  @Test
  void userTagsStayOffBittesOwnPrefix() {
    JavaFileObject src = JavaFileObjects.forSourceString("test.Tagged", """
        package test;
        import dev.bitte.*;
        @Cluster(name = "tagged", domain = "x.example.com", region = "eu-central-1",
            tags = {@Tag(key = "team", value = "infra"), @Tag(key = "bitte-role", value = "mine")})
        public final class Tagged {
          @Core(count = 3, instanceType = "t3a.medium")
          interface Servers {}
          @AutoscalingGroup(instanceType = "m5.large")
          interface Clients {}
        }
        """);
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("[bitte:tag] tag \"bitte-role\" uses the bitte- prefix");
    assertThat(c).hadErrorContaining("[bitte:tag]").inFile(src).onLineContaining("@Tag(key = \"bitte-role\"");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void ruleDescriptionsUseWhatEc2Accepts() {
    JavaFileObject src = JavaFileObjects.forSourceString("test.Described", """
        package test;
        import dev.bitte.*;
        @Cluster(name = "described", domain = "x.example.com", region = "eu-central-1")
        public final class Described {
          @Core(count = 3, instanceType = "t3a.medium")
          interface Servers {}
          @AutoscalingGroup(instanceType = "m5.large", securityRules = {
              @SecurityRule(port = 443, cidrs = "10.0.0.0/8", description = "web (HTTPS) from the office: ok"),
              @SecurityRule(port = 8443, cidrs = "10.0.0.0/8", description = "Bob's admin UI")})
          interface Clients {}
        }
        """);
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("[bitte:security-rule] security rule description \"Bob's admin UI\" contains \"'\"");
    assertThat(c).hadErrorContaining("[bitte:security-rule]").inFile(src).onLineContaining("description = \"Bob's admin UI\"");
    assertThat(c).hadErrorCount(1);
  }
}
