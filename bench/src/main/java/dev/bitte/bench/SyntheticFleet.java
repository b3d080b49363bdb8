package dev.bitte.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Java sources of a synthetic, valid fleet and its jobs, written with the real annotations.
 *
 * <p>Fleet {@code bench}: three servers and a monitoring node in {@code eu-central-1}, then
 * {@code groups} client groups of {@code m5.2xlarge} spread round-robin over the first
 * {@code regions} regions of {@link #REGIONS} (the primary first). Client group {@code i} lies in
 * region {@code i % regions} and has node class {@code pool-k}, {@code k = (i / regions) % classes},
 * with {@code classes = clamp(groups / regions, 1, 5)}, so every (region, class) cell has a
 * group. Each group is sized generously ({@code desired = 10, max = 20}) so every job set below
 * fits with room to spare, whatever placement check the processor makes.
 *
 * <p>Job {@code j} runs in region {@code j % regions} on class {@code (j / regions) % classes}:
 * one group of count 2 with a dynamic port, an HTTP service with a check and one Docker task
 * (100 MHz, 128 MiB). Every tenth job offers a Connect service, and the job five after it
 * calls it through an upstream; one job in a hundred also has a static port (10000 + j / 100,
 * unique, outside the agents' and the dynamic range).
 */
final class SyntheticFleet {
  /** The primary first; all in the region catalog. */
  static final List<String> REGIONS = List.of("eu-central-1", "us-east-2", "us-east-1", "us-west-2", "eu-west-1",
      "eu-west-2", "eu-north-1", "ap-southeast-1", "ap-northeast-1", "sa-east-1");

  static final String PACKAGE = "bench.fleet";
  static final String CLUSTER = "bench";
  static final String SSH_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEXAMPLEEXAMPLEEXAMPLEEXAMPLEEXAMPLEEXAMPLE bench@example.com";

  final int groups;
  final int regions;
  final int jobs;
  final int classes;

  SyntheticFleet(int groups, int regions, int jobs) {
    if (regions < 1 || regions > REGIONS.size() || groups < regions) {
      throw new IllegalArgumentException("need 1 <= regions <= " + REGIONS.size() + " and groups >= regions");
    }
    this.groups = groups;
    this.regions = regions;
    this.jobs = jobs;
    this.classes = Math.max(1, Math.min(5, groups / regions));
  }

  /** Source files by path ({@code bench/fleet/Bench.java} ...), in a fixed order. */
  Map<String, String> sources() {
    Map<String, String> out = new LinkedHashMap<>();
    out.put(PACKAGE.replace('.', '/') + "/Bench.java", cluster());
    for (int j = 0; j < jobs; j++) {
      out.put(PACKAGE.replace('.', '/') + "/" + jobType(j) + ".java", job(j));
    }
    return out;
  }

  String cluster() {
    StringBuilder s = new StringBuilder(256 + groups * 220);
    s.append("package ").append(PACKAGE).append(";\n\n")
        .append("import dev.bitte.AutoscalingGroup;\nimport dev.bitte.Cluster;\nimport dev.bitte.Core;\nimport dev.bitte.Role;\n\n")
        .append("@Cluster(name = \"").append(CLUSTER).append("\", domain = \"bench.example.com\", region = \"").append(REGIONS.get(0))
        .append("\",\n    vpcCidr = \"10.0.0.0/8\", adminCidrs = \"203.0.113.0/24\",\n    adminSshKeys = \"").append(SSH_KEY).append("\")\n");
    if (regions > 4) {
      // Every VPC-scoped port rule takes one inbound rule per region's CIDR: beyond four regions a
      // security group exceeds AWS's default quota of 60, which a real fleet raises and says so.
      s.append("@SuppressWarnings(\"bitte:security-group-size\")\n");
    }
    s.append("public final class Bench {\n  private Bench() {}\n\n")
        .append("  @Core(name = \"core\", count = 3, instanceType = \"t3a.medium\")\n  interface Servers {}\n\n")
        .append("  @Core(role = Role.MONITORING, instanceType = \"r5a.large\", volumeSize = 200)\n  interface Monitoring {}\n");
    for (int i = 0; i < groups; i++) {
      s.append("\n  @AutoscalingGroup(name = \"").append(groupName(i)).append("\", region = \"").append(REGIONS.get(i % regions))
          .append("\", instanceType = \"m5.2xlarge\",\n      min = 1, desired = 10, max = 20, nodeClass = \"pool-")
          .append((i / regions) % classes).append("\")\n  interface ").append(groupType(i)).append(" {}\n");
    }
    return s.append("}\n").toString();
  }

  String job(int j) {
    String id = jobId(j);
    String region = REGIONS.get(j % regions);
    int pool = (j / regions) % classes;
    boolean connect = j % 10 == 0;
    boolean upstream = j % 10 == 5;
    boolean staticPort = j % 100 == 50;
    StringBuilder s = new StringBuilder(1200);
    s.append("package ").append(PACKAGE).append(";\n\n")
        .append("import dev.bitte.Check;\nimport dev.bitte.Driver;\nimport dev.bitte.Env;\nimport dev.bitte.Group;\n")
        .append("import dev.bitte.Job;\nimport dev.bitte.Port;\nimport dev.bitte.Service;\nimport dev.bitte.Task;\nimport dev.bitte.Upstream;\n\n")
        .append("/** Synthetic job ").append(j).append(". */\n")
        .append("@Job(cluster = Bench.class, id = \"").append(id).append("\", namespace = \"").append(j % 3 == 0 ? "ops" : "apps")
        .append("\", datacenters = \"").append(region).append("\")\n")
        .append("public interface ").append(jobType(j)).append(" {\n")
        .append("  @Group(count = 2, nodeClass = \"pool-").append(pool).append("\",\n")
        .append("      ports = {@Port(label = \"http\", to = 8080)");
    if (staticPort) {
      s.append(", @Port(label = \"admin\", value = ").append(10000 + j / 100).append(")");
    }
    s.append("},\n      services = @Service(name = \"").append(id).append("\", port = \"http\", tags = {\"bench\", \"http\"}");
    if (connect) {
      s.append(", connect = true");
    }
    s.append(",\n          checks = @Check(path = \"/health\")");
    if (upstream) {
      s.append(",\n          upstreams = @Upstream(service = \"").append(jobId(j - 5)).append("\", localPort = 9").append(String.format(Locale.ROOT, "%03d", j % 1000)).append(")");
    }
    s.append("))\n  interface Web {\n")
        .append("    @Task(driver = Driver.DOCKER, image = \"ghcr.io/acme/app-").append(j % 50).append(":1.").append(j % 7).append(".0\", ports = \"http\",\n")
        .append("        cpu = 100, memoryMb = 128, env = {@Env(name = \"PORT\", value = \"8080\"), @Env(name = \"JOB\", value = \"")
        .append(id).append("\")})\n    interface Server {}\n  }\n}\n");
    return s.toString();
  }

  static String groupName(int i) {
    return String.format(Locale.ROOT, "clients-%04d", i);
  }

  static String groupType(int i) {
    return String.format(Locale.ROOT, "Clients%04d", i);
  }

  static String jobId(int j) {
    return String.format(Locale.ROOT, "job-%05d", j);
  }

  static String jobType(int j) {
    return String.format(Locale.ROOT, "Job%05d", j);
  }

  /** All source files' total size in bytes (UTF-8 = ASCII here). */
  long sourceBytes() {
    long n = 0;
    for (String s : sources().values()) {
      n += s.length();
    }
    return n;
  }

  List<String> describe() {
    List<String> out = new ArrayList<>();
    out.add(groups + " groups");
    out.add(regions + " regions");
    out.add(jobs + " jobs");
    return out;
  }
}
