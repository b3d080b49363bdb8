package dev.bitte.processor.model;

import dev.bitte.processor.diag.Source;
import java.util.List;

/** One {@code @AutoscalingGroup} as written, defaults applied (region, node class). */
public record ClientGroup(
    String name,
    String region,
    String instanceType,
    int min,
    int desired,
    int max,
    String nodeClass,
    List<String> azs,
    int volumeSize,
    List<KeyValue> meta,
    List<HostVolumeSpec> hostVolumes,
    List<SecurityRuleSpec> securityRules,
    List<String> nixosModules,
    Source source) {

  public ClientGroup {
    azs = List.copyOf(azs);
    meta = List.copyOf(meta);
    hostVolumes = List.copyOf(hostVolumes);
    securityRules = List.copyOf(securityRules);
    nixosModules = List.copyOf(nixosModules);
  }
}
