package dev.bitte.bench;

import dev.bitte.processor.schedule.Affinity;
import dev.bitte.processor.schedule.Algorithm;
import dev.bitte.processor.schedule.JobType;
import dev.bitte.processor.schedule.NodeSpec;
import dev.bitte.processor.schedule.NomadReserve;
import dev.bitte.processor.schedule.Operator;
import dev.bitte.processor.schedule.PlacementPlan;
import dev.bitte.processor.schedule.PlacementRequest;
import dev.bitte.processor.schedule.Planner;
import dev.bitte.processor.schedule.Spread;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * Times {@link Planner#plan} on synthetic fleets and workloads and prints allocations per second
 * and how the time grows with the number of allocations and of nodes.
 *
 * <p>Arguments ({@code key=value}): {@code allocs=10000,100000,1000000},
 * {@code nodes=500,5000,10000}, {@code repeat=3}, {@code algorithm=binpack|spread},
 * {@code mix=service|batch|mixed}, {@code fill=0.9} (scale the asks so the allocations fill that
 * share of the fleet's CPU: the near-full case where most nodes have no room left),
 * {@code system=true} (add a system job: one more allocation per node).
 *
 * <p>Fleet: nodes in 3 datacenters, one in five an arm64 node of class {@code arm}, 20 racks in
 * {@code meta.rack}; each offers 96 vCPU × 2500 MHz and 384 GiB minus the Nomad reserve, so a
 * million small allocations fit even on 500 nodes. Workload (seeded, so every run is the same):
 * task groups of 1..200 allocations asking 20..100 MHz and 32..128 MiB; in the "mixed" mix 70 %
 * are service, 25 % batch, 4 % constrained to {@code ${node.class} = arm}, 0.5 % with a spread over
 * {@code ${meta.rack}} and 0.5 % with an affinity on the datacenter.
 */
public final class PlacementBench {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private PlacementBench() {}

  public static void main(String[] args) {
    Map<String, String> opts = new TreeMap<>();
    for (String a : args) {
      int eq = a.indexOf('=');
      if (eq > 0) {
        opts.put(a.substring(0, eq), a.substring(eq + 1));
      }
    }
    int[] allocSizes = ints(opts.getOrDefault("allocs", "10000,100000,1000000"));
    int[] nodeSizes = ints(opts.getOrDefault("nodes", "500,5000,10000"));
    int repeat = Integer.parseInt(opts.getOrDefault("repeat", "3"));
    Algorithm algorithm = Algorithm.valueOf(opts.getOrDefault("algorithm", "binpack").toUpperCase(Locale.ROOT));
    String mix = opts.getOrDefault("mix", "mixed");
    double fill = Double.parseDouble(opts.getOrDefault("fill", "0"));
    boolean system = Boolean.parseBoolean(opts.getOrDefault("system", "false"));

    System.out.printf(Locale.ROOT, "placement planner benchmark: algorithm=%s mix=%s fill=%s system=%s repeat=%d (best and median of the repeats)%n",
        algorithm.name().toLowerCase(Locale.ROOT), mix, fill == 0 ? "off" : fill, system, repeat);
    System.out.printf(Locale.ROOT, "java %s, %s, availableProcessors=%d%n", System.getProperty("java.version"),
        System.getProperty("java.vm.name"), Runtime.getRuntime().availableProcessors());

    // Warm up the JIT on a mid-sized run so the first measured size is not penalized.
    List<NodeSpec> warmNodes = fleet(2000);
    List<PlacementRequest> warmReqs = workload(200_000, mix, 99, 1.0, false);
    for (int i = 0; i < 3; i++) {
      Planner.plan(warmNodes, warmReqs, algorithm);
    }

    double[][] best = new double[nodeSizes.length][allocSizes.length];
    System.out.println("wall = elapsed time, cpu = the planning thread's CPU time (what one core spends; less disturbed by other load)");
    System.out.printf(Locale.ROOT, "%8s %9s %10s %10s %10s %14s %10s%n", "nodes", "allocs", "wall best", "wall med", "cpu best", "allocs/cpu-s", "unplaced");
    for (int ni = 0; ni < nodeSizes.length; ni++) {
      List<NodeSpec> nodes = fleet(nodeSizes[ni]);
      for (int ai = 0; ai < allocSizes.length; ai++) {
        double scale = fill == 0 ? 1.0 : fill * nodeSizes[ni] * CPU / (allocSizes[ai] * 60.0);
        List<PlacementRequest> requests = workload(allocSizes[ai], mix, 42, scale, system);
        double[] times = new double[repeat];
        double[] cpuTimes = new double[repeat];
        long placed = 0;
        long wanted = 0;
        for (int r = 0; r < repeat; r++) {
          System.gc();
          long c0 = THREADS.getCurrentThreadCpuTime();
          long t0 = System.nanoTime();
          PlacementPlan plan = Planner.plan(nodes, requests, algorithm);
          times[r] = (System.nanoTime() - t0) / 1e6;
          cpuTimes[r] = (THREADS.getCurrentThreadCpuTime() - c0) / 1e6;
          placed = plan.allocations();
          wanted = plan.placements().stream().mapToLong(p -> p.wanted()).sum();
        }
        Arrays.sort(times);
        Arrays.sort(cpuTimes);
        best[ni][ai] = cpuTimes[0];
        System.out.printf(Locale.ROOT, "%8d %9d %10.1f %10.1f %10.1f %14.0f %10d%n", nodeSizes[ni], placed, times[0], times[repeat / 2],
            cpuTimes[0], placed / (cpuTimes[0] / 1000.0), wanted - placed);
      }
    }
    System.out.println();
    System.out.println("growth exponent k in time ~ allocs^k (fixed nodes), from the best CPU times:");
    for (int ni = 0; ni < nodeSizes.length; ni++) {
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %6d nodes:", nodeSizes[ni]));
      for (int ai = 1; ai < allocSizes.length; ai++) {
        double k = Math.log(best[ni][ai] / best[ni][ai - 1]) / Math.log((double) allocSizes[ai] / allocSizes[ai - 1]);
        line.append(String.format(Locale.ROOT, "  %d→%d: %.2f", allocSizes[ai - 1], allocSizes[ai], k));
      }
      System.out.println(line);
    }
    System.out.println("growth exponent k in time ~ nodes^k (fixed allocs), from the best CPU times:");
    for (int ai = 0; ai < allocSizes.length; ai++) {
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %8d allocs:", allocSizes[ai]));
      for (int ni = 1; ni < nodeSizes.length; ni++) {
        double k = Math.log(best[ni][ai] / best[ni - 1][ai]) / Math.log((double) nodeSizes[ni] / nodeSizes[ni - 1]);
        line.append(String.format(Locale.ROOT, "  %d→%d: %.2f", nodeSizes[ni - 1], nodeSizes[ni], k));
      }
      System.out.println(line);
    }
  }

  private static int[] ints(String csv) {
    return Arrays.stream(csv.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
  }

  static final int CPU = 96 * 2500 - NomadReserve.CPU_MHZ;
  static final int MEMORY = 393216 - NomadReserve.MEMORY_MIB;

  static List<NodeSpec> fleet(int count) {
    List<NodeSpec> nodes = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      boolean arm = i % 5 == 4;
      String name = "node-" + i;
      String dc = "dc" + (i % 3);
      String nodeClass = arm ? "arm" : "general";
      Map<String, String> attrs = new TreeMap<>();
      attrs.put("node.unique.name", name);
      attrs.put("node.datacenter", dc);
      attrs.put("node.class", nodeClass);
      attrs.put("attr.cpu.arch", arm ? "arm64" : "amd64");
      attrs.put("attr.platform.aws.instance-type", arm ? "m7g.24xlarge" : "m6i.24xlarge");
      attrs.put("meta.rack", "r" + (i % 20));
      nodes.add(new NodeSpec(name, nodeClass, dc, 96 * 2500 - NomadReserve.CPU_MHZ, 393216 - NomadReserve.MEMORY_MIB, attrs, Set.of(),
          Set.copyOf(NomadReserve.AGENT_PORTS)));
    }
    return nodes;
  }

  /**
   * Task groups adding up to {@code total} allocations with asks multiplied by {@code scale}, and
   * optionally a system job.
   */
  static List<PlacementRequest> workload(int total, String mix, long seed, double scale, boolean system) {
    Random random = new Random(seed);
    List<PlacementRequest> out = new ArrayList<>();
    if (system) {
      out.add(PlacementRequest.builder("node-exporter", "exporter").type(JobType.SYSTEM).resources(50, 64).build());
    }
    int left = total;
    for (int j = 0; left > 0; j++) {
      int count = Math.min(left, 1 + random.nextInt(200));
      left -= count;
      PlacementRequest.Builder b = PlacementRequest.builder("job-" + j, "group").count(count)
          .resources((int) Math.max(1, (20 + random.nextInt(81)) * scale), (int) Math.max(1, (32 + random.nextInt(97)) * scale * 0.6));
      int roll = random.nextInt(1000);
      switch (mix) {
        case "batch" -> b.type(JobType.BATCH);
        case "service" -> b.type(JobType.SERVICE);
        default -> {
          if (roll < 250) {
            b.type(JobType.BATCH);
          } else if (roll < 290) {
            b.constraint("${node.class}", "=", "arm");
          } else if (roll < 295) {
            b.spread(new Spread("${meta.rack}", 50, List.of()));
          } else if (roll < 300) {
            b.affinity(new Affinity("${node.datacenter}", Operator.EQUAL, "dc1", 50));
          }
        }
      }
      out.add(b.build());
    }
    return out;
  }
}
