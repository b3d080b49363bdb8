package dev.bitte.processor.catalog;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/** The data tables load and hold the facts other stages rely on. */
class CatalogTest {
  @Test
  void knownInstanceTypes() {
    InstanceSpec t3a = InstanceTypes.builtIn("t3a.medium");
    assertThat(t3a.vcpus()).isEqualTo(2);
    assertThat(t3a.memoryMib()).isEqualTo(4096);
    InstanceSpec m5 = InstanceTypes.builtIn("m5.xlarge");
    assertThat(m5.vcpus()).isEqualTo(4);
    assertThat(m5.memoryMib()).isEqualTo(16384);
    assertThat(m5.cpuMhz()).isEqualTo(4 * 3100);
    assertThat(InstanceTypes.builtIn("m7g.large").nomadArch()).isEqualTo("arm64");
    assertThat(InstanceTypes.builtIn("m7g.large").nixSystem()).isEqualTo("aarch64-linux");
    assertThat(InstanceTypes.builtInNames().size()).isAtLeast(300);
    for (String name : InstanceTypes.builtInNames()) {
      InstanceSpec s = InstanceTypes.builtIn(name);
      assertThat(s.vcpus()).isAtLeast(1);
      assertThat(s.memoryMib()).isAtLeast(512);
      assertThat(s.arch()).isAnyOf("x86_64", "arm64");
      assertThat(s.clockMhz()).isIn(com.google.common.collect.Range.closed(1000, 5000));
    }
  }

  @Test
  void regionsAndZones() {
    assertThat(AwsRegions.exists("eu-central-1")).isTrue();
    assertThat(AwsRegions.exists("eu-central-9")).isFalse();
    assertThat(AwsRegions.zones("eu-central-1")).containsExactly("eu-central-1a", "eu-central-1b", "eu-central-1c").inOrder();
    for (String region : AwsRegions.names()) {
      assertThat(AwsRegions.zones(region)).isNotEmpty();
      for (String az : AwsRegions.zones(region)) {
        assertThat(az).startsWith(region);
        assertThat(az.length()).isEqualTo(region.length() + 1);
      }
    }
  }
}
