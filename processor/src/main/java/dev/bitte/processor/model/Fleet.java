package dev.bitte.processor.model;

import dev.bitte.processor.diag.Source;
import java.util.List;

/**
 * A fleet as declared: the values of {@code @Cluster} and its nested {@code @Core} and
 * {@code @AutoscalingGroup} types, with defaults applied and nothing derived. Values are kept as
 * written (strings) so the validator can quote them; the planner derives the rest.
 *
 * @param javaPackage package of the annotated type ("" for the default package)
 * @param javaName simple name of the annotated type, e.g. {@code MyTestnet}
 */
public record Fleet(
    String name,
    String domain,
    String primaryRegion,
    String vpcCidr,
    int regionPrefixLength,
    List<String> adminCidrs,
    List<String> adminSshKeys,
    String nixpkgs,
    String stateBucket,
    List<KeyValue> tags,
    List<RegionPin> regionPins,
    List<CustomInstanceType> instanceTypes,
    List<CoreSpec> cores,
    List<ClientGroup> groups,
    String javaPackage,
    String javaName,
    Source source) {

  public Fleet {
    adminCidrs = List.copyOf(adminCidrs);
    adminSshKeys = List.copyOf(adminSshKeys);
    tags = List.copyOf(tags);
    regionPins = List.copyOf(regionPins);
    instanceTypes = List.copyOf(instanceTypes);
    cores = List.copyOf(cores);
    groups = List.copyOf(groups);
  }

  /** The fully qualified name of the annotated type. */
  public String javaQualifiedName() {
    return javaPackage.isEmpty() ? javaName : javaPackage + "." + javaName;
  }
}
