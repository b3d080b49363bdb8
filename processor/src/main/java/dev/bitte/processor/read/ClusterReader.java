package dev.bitte.processor.read;

import dev.bitte.Protocol;
import dev.bitte.Role;
import dev.bitte.SchedulerAlgorithm;
import dev.bitte.processor.diag.Source;
import dev.bitte.processor.model.ClientGroup;
import dev.bitte.processor.model.CoreSpec;
import dev.bitte.processor.model.CustomInstanceType;
import dev.bitte.processor.model.Fleet;
import dev.bitte.processor.model.HostVolumeSpec;
import dev.bitte.processor.model.KeyValue;
import dev.bitte.processor.model.Names;
import dev.bitte.processor.model.RegionPin;
import dev.bitte.processor.model.SecurityRuleSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Reads a {@code @Cluster} type and its nested {@code @Core}/{@code @AutoscalingGroup} types
 * into a {@link Fleet}. Works the same on source and on class files (a job in another module).
 */
public final class ClusterReader {
  public static final String CLUSTER = "dev.bitte.Cluster";
  public static final String CORE = "dev.bitte.Core";
  public static final String GROUP = "dev.bitte.AutoscalingGroup";

  private final Mirrors mirrors;
  private final Elements elements;

  public ClusterReader(Elements elements) {
    this.elements = elements;
    this.mirrors = new Mirrors(elements);
  }

  public Fleet read(TypeElement type) {
    AnnotationMirror mirror = Mirrors.find(type, CLUSTER);
    ElementSource src = ElementSource.of(type, mirror);
    Mirrors.Values v = mirrors.values(mirror);
    String name = v.string("name").isEmpty() ? Names.kebab(type.getSimpleName().toString()) : v.string("name");
    String region = v.string("region");

    List<KeyValue> tags = new ArrayList<>();
    for (Mirrors.Nested n : v.annotations("tags")) {
      tags.add(new KeyValue(n.values().string("key"), n.values().string("value"), src.nested(n.value(), n.values().mirror())));
    }
    List<RegionPin> pins = new ArrayList<>();
    for (Mirrors.Nested n : v.annotations("regions")) {
      pins.add(new RegionPin(n.values().string("name"), n.values().string("cidr"), src.nested(n.value(), n.values().mirror())));
    }
    List<CustomInstanceType> types = new ArrayList<>();
    for (Mirrors.Nested n : v.annotations("instanceTypes")) {
      Mirrors.Values t = n.values();
      types.add(new CustomInstanceType(t.string("name"), t.integer("vcpus"), t.integer("memoryMib"),
          t.enumName("arch").toLowerCase(Locale.ROOT), t.integer("clockMhz"), src.nested(n.value(), t.mirror())));
    }

    List<CoreSpec> cores = new ArrayList<>();
    List<ClientGroup> groups = new ArrayList<>();
    for (Element e : type.getEnclosedElements()) {
      AnnotationMirror core = Mirrors.find(e, CORE);
      if (core != null) {
        cores.add(readCore((TypeElement) e, core));
      }
      AnnotationMirror group = Mirrors.find(e, GROUP);
      if (group != null) {
        groups.add(readGroup((TypeElement) e, group, region));
      }
    }

    String stateBucket = v.string("stateBucket").isEmpty() ? name + "-bitte-state" : v.string("stateBucket");
    PackageElement pkg = elements.getPackageOf(type);
    return new Fleet(name, v.string("domain"), region, v.string("vpcCidr"), v.integer("regionPrefixLength"),
        v.strings("adminCidrs"), v.strings("adminSshKeys"), v.string("nixpkgs"), stateBucket, tags, pins, types,
        cores, groups, SchedulerAlgorithm.valueOf(orDefault(v.enumName("scheduler"), "BINPACK")), v.integer("utilizationWarningPercent"),
        pkg.isUnnamed() ? "" : pkg.getQualifiedName().toString(), binaryTail(type), src);
  }

  /** {@code Outer.Inner} becomes {@code Outer_Inner} so nested cluster types get distinct Fleet class names. */
  private static String binaryTail(TypeElement type) {
    StringBuilder s = new StringBuilder(type.getSimpleName());
    for (Element e = type.getEnclosingElement(); e instanceof TypeElement t; e = e.getEnclosingElement()) {
      s.insert(0, t.getSimpleName() + "_");
    }
    return s.toString();
  }

  private CoreSpec readCore(TypeElement type, AnnotationMirror mirror) {
    ElementSource src = ElementSource.of(type, mirror);
    Mirrors.Values v = mirrors.values(mirror);
    String name = v.string("name").isEmpty() ? Names.kebab(type.getSimpleName().toString()) : v.string("name");
    return new CoreSpec(name, Role.valueOf(orDefault(v.enumName("role"), "SERVER")), v.integer("count"),
        v.string("instanceType"), v.strings("azs"), v.strings("privateIps"), v.integer("volumeSize"),
        securityRules(v, src), v.strings("nixosModules"), src);
  }

  private ClientGroup readGroup(TypeElement type, AnnotationMirror mirror, String primaryRegion) {
    ElementSource src = ElementSource.of(type, mirror);
    Mirrors.Values v = mirrors.values(mirror);
    String name = v.string("name").isEmpty() ? Names.kebab(type.getSimpleName().toString()) : v.string("name");
    List<KeyValue> meta = new ArrayList<>();
    for (Mirrors.Nested n : v.annotations("meta")) {
      meta.add(new KeyValue(n.values().string("key"), n.values().string("value"), src.nested(n.value(), n.values().mirror())));
    }
    List<HostVolumeSpec> volumes = new ArrayList<>();
    for (Mirrors.Nested n : v.annotations("hostVolumes")) {
      volumes.add(new HostVolumeSpec(n.values().string("name"), n.values().string("path"), n.values().bool("readOnly"),
          src.nested(n.value(), n.values().mirror())));
    }
    return new ClientGroup(name, orDefault(v.string("region"), primaryRegion), v.string("instanceType"),
        v.integer("min"), v.integer("desired"), v.integer("max"), orDefault(v.string("nodeClass"), name),
        v.strings("azs"), v.integer("volumeSize"), meta, volumes, securityRules(v, src), v.strings("nixosModules"), src);
  }

  private static List<SecurityRuleSpec> securityRules(Mirrors.Values v, ElementSource src) {
    List<SecurityRuleSpec> rules = new ArrayList<>();
    for (Mirrors.Nested n : v.annotations("securityRules")) {
      Mirrors.Values r = n.values();
      int port = r.integer("port");
      int toPort = r.integer("toPort") == 0 ? port : r.integer("toPort");
      Source s = src.nested(n.value(), r.mirror());
      rules.add(new SecurityRuleSpec(port, toPort, Protocol.valueOf(orDefault(r.enumName("protocol"), "TCP")),
          r.strings("cidrs"), r.string("description"), s));
    }
    return rules;
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isEmpty() ? fallback : value;
  }
}
