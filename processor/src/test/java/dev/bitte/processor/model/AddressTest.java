package dev.bitte.processor.model;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

class AddressTest {
  @Test
  void parsesStrictDottedQuads() {
    assertThat(Ipv4.parse("10.1.2.3").toString()).isEqualTo("10.1.2.3");
    assertThat(Ipv4.parse("255.255.255.255").value()).isEqualTo(0xFFFF_FFFFL);
    assertThat(Ipv4.parse("256.1.1.1")).isNull();
    assertThat(Ipv4.parse("01.1.1.1")).isNull();
    assertThat(Ipv4.parse("1.1.1")).isNull();
    assertThat(Ipv4.parse("1.1.1.1.")).isNull();
    assertThat(Ipv4.parse("a.b.c.d")).isNull();
    assertThat(Ipv4.parse("")).isNull();
  }

  @Test
  void cidrRequiresZeroHostBits() {
    assertThat(Cidr.parse("10.0.0.0/8")).isNotNull();
    assertThat(Cidr.parse("10.0.0.1/8")).isNull();
    assertThat(Cidr.parse("10.0.0.0/33")).isNull();
    assertThat(Cidr.parse("10.0.0.0/08")).isNull();
    assertThat(Cidr.parse("0.0.0.0/0")).isEqualTo(Cidr.ANYWHERE);
    assertThat(Cidr.containing(Ipv4.parse("203.0.113.7"), 24).toString()).isEqualTo("203.0.113.0/24");
  }

  @Test
  void subnetsAndContainment() {
    Cidr vpc = Cidr.parse("10.32.0.0/16");
    assertThat(vpc.subnet(20, 0).toString()).isEqualTo("10.32.0.0/20");
    assertThat(vpc.subnet(20, 2).toString()).isEqualTo("10.32.32.0/20");
    assertThat(vpc.subnet(20, 15).last().toString()).isEqualTo("10.32.255.255");
    assertThat(vpc.contains(Ipv4.parse("10.32.200.1"))).isTrue();
    assertThat(vpc.contains(Ipv4.parse("10.33.0.1"))).isFalse();
    assertThat(Cidr.parse("10.0.0.0/8").overlaps(vpc)).isTrue();
    assertThat(Cidr.parse("10.33.0.0/16").overlaps(vpc)).isFalse();
    assertThat(Cidr.parse("172.16.0.0/12").isPrivate()).isTrue();
    assertThat(Cidr.parse("172.32.0.0/16").isPrivate()).isFalse();
  }

  @Test
  void kebabNames() {
    assertThat(Names.kebab("ClientsEu")).isEqualTo("clients-eu");
    assertThat(Names.kebab("MyTestnet")).isEqualTo("my-testnet");
    assertThat(Names.kebab("HTTPServer")).isEqualTo("http-server");
    assertThat(Names.kebab("Core2")).isEqualTo("core2");
    assertThat(Names.kebab("Web_Frontend")).isEqualTo("web-frontend");
    assertThat(Names.constant("core-1")).isEqualTo("CORE_1");
    assertThat(Names.closest("eu-centrl-1", java.util.List.of("eu-central-1", "us-east-1"))).isEqualTo("eu-central-1");
    assertThat(Names.closest("zzzzzz", java.util.List.of("eu-central-1"))).isNull();
  }
}
