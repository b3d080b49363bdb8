package dev.bitte.processor.model;

import dev.bitte.SchedulerAlgorithm;
import dev.bitte.processor.diag.Source;
import java.util.List;

/**
 * A fleet as declared: the values of {@code @Cluster} and its nested {@code @Core} and
 * {@code @AutoscalingGroup} types, with defaults applied and nothing derived. Values are kept as
 * written (strings) so the validator can quote them; the planner derives the rest.
 *
 * @param scheduler the cluster's Nomad {@code scheduler_algorithm}
 * @param utilizationWarningPercent CPU or memory use at desired (percent) above which the
 *     capacity check warns
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
    SchedulerAlgorithm scheduler,
    int utilizationWarningPercent,
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
    java.util.Objects.requireNonNull(scheduler, "scheduler");
  }

  /** The default of {@code @Cluster(utilizationWarningPercent)}. */
  public static final int DEFAULT_UTILIZATION_WARNING_PERCENT = 85;

  /** A fleet with the default scheduler settings (binpack, warn above 85%). */
  public Fleet(String name, String domain, String primaryRegion, String vpcCidr, int regionPrefixLength, List<String> adminCidrs,
      List<String> adminSshKeys, String nixpkgs, String stateBucket, List<KeyValue> tags, List<RegionPin> regionPins,
      List<CustomInstanceType> instanceTypes, List<CoreSpec> cores, List<ClientGroup> groups, String javaPackage, String javaName,
      Source source) {
    this(name, domain, primaryRegion, vpcCidr, regionPrefixLength, adminCidrs, adminSshKeys, nixpkgs, stateBucket, tags, regionPins,
        instanceTypes, cores, groups, SchedulerAlgorithm.BINPACK, DEFAULT_UTILIZATION_WARNING_PERCENT, javaPackage, javaName, source);
  }

  /** The fully qualified name of the annotated type. */
  public String javaQualifiedName() {
    return javaPackage.isEmpty() ? javaName : javaPackage + "." + javaName;
  }
}
