package dev.bitte.processor.schedule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Places allocations on nodes the way Nomad's schedulers do, deterministically.
 *
 * <p><b>Order.</b> System and sysbatch groups are placed first (Nomad's system scheduler places on
 * every node and may preempt, so its allocations are there before anything else), then the
 * others by priority (highest first), namespace, job and group name; equal keys keep the order
 * given.
 *
 * <p><b>Feasibility</b>, in Nomad's order: datacenter (with {@code *} globs), constraints, host
 * volumes, {@code distinct_hosts}, {@code distinct_property}, then the static ports, CPU and
 * memory left on the node. Constraints are evaluated once per "computed node class" (nodes equal
 * in everything but their {@code unique.} attributes) as Nomad caches them; constraints on a
 * {@code unique.} attribute are evaluated per node.
 *
 * <p><b>Ranking</b> is Nomad's {@code GenericStack}: the fitness of the node with the allocation
 * added (BestFit v3 for {@link Algorithm#BINPACK}, its mirror for {@link Algorithm#SPREAD}) over
 * 18, the job anti-affinity penalty {@code -(collisions+1)/count}, the normalized affinity score
 * and the spread boost, averaged over the scores that apply. Like Nomad, a placement does not
 * score every node: the nodes are walked from where the previous placement of the group stopped
 * (Nomad's {@code StaticIterator} keeps its offset) and the first {@code limit} nodes that fit are
 * scored, {@code limit} being {@code ceil(log2(nodes in the job's datacenters))} (at least 2) for service jobs, 2 for
 * batch jobs and {@code max(100, count)} when the group has affinities or spreads; up to 3 nodes
 * scoring at most 0 are skipped in favour of later ones. The best score wins, the first seen on a
 * tie. Nomad shuffles the nodes per evaluation; we walk them in a fixed order (grouped by class,
 * then as given), so the same input always gives the same plan. A segment tree over free CPU and
 * memory skips full nodes, so a placement costs O(limit · log n).
 */
public final class Planner {
  /** Nomad's {@code skipScoreThreshold}: options scoring at or below it are skipped if others remain. */
  static final double SKIP_SCORE_THRESHOLD = 0.0;
  /** Nomad's {@code maxSkip}. */
  static final int MAX_SKIP = 3;
  /** Nodes scored per placement when a group has affinities or spreads (Nomad's feasibility node limit). */
  static final int AFFINITY_NODE_LIMIT = 100;
  /** Nomad's {@code binPackingMaxFitScore}. */
  static final double MAX_FIT_SCORE = 18.0;
  private static final double LN10 = Math.log(10);

  private final Algorithm algorithm;
  private final List<NodeSpec> input;
  private final int n;
  private final NodeSpec[] nodes; // internal order
  private final int[] inputIndexOf;
  private final int[] internalIndexOf;
  private final int[] classOf;
  private final int[] classStart;
  private final int[] classEnd;
  private final NodeSpec[] classRep;
  private final int[] cap;
  private final int[] capMem;
  private final int[] freeCpu;
  private final int[] freeMem;
  private final int[] allocs;
  private final FitTree tree;
  private final Set<Long> usedPorts = new HashSet<>();
  /** Allocations of the group being placed, per node; cleared through {@link #touched}. */
  private final int[] groupCount;
  private int[] touched = new int[64];
  private int touchedSize;
  /** Allocations of the job being placed (all its groups), per node; cleared when the job changes. */
  private final int[] jobCount;
  private int[] jobTouched = new int[64];
  private int jobTouchedSize;
  private String currentJob;
  /** Job-level distinct_property counts of the job being placed, by attribute. */
  private final Map<String, Map<String, Integer>> jobProperties = new HashMap<>();

  private Planner(List<NodeSpec> nodeList, Algorithm algorithm) {
    this.algorithm = algorithm;
    this.input = List.copyOf(nodeList);
    this.n = input.size();
    Map<Object, Integer> classIds = new LinkedHashMap<>();
    int[] inputClass = new int[n];
    for (int i = 0; i < n; i++) {
      inputClass[i] = classIds.computeIfAbsent(input.get(i).computedClass(), k -> classIds.size());
    }
    int classes = classIds.size();
    classStart = new int[classes];
    classEnd = new int[classes];
    classRep = new NodeSpec[classes];
    int[] perClass = new int[classes];
    for (int c : inputClass) {
      perClass[c]++;
    }
    for (int c = 1; c < classes; c++) {
      classStart[c] = classStart[c - 1] + perClass[c - 1];
    }
    int[] fill = classStart.clone();
    nodes = new NodeSpec[n];
    inputIndexOf = new int[n];
    internalIndexOf = new int[n];
    classOf = new int[n];
    for (int i = 0; i < n; i++) {
      int c = inputClass[i];
      int at = fill[c]++;
      nodes[at] = input.get(i);
      inputIndexOf[at] = i;
      internalIndexOf[i] = at;
      classOf[at] = c;
      if (classRep[c] == null) {
        classRep[c] = input.get(i);
      }
    }
    for (int c = 0; c < classes; c++) {
      classEnd[c] = classStart[c] + perClass[c];
    }
    cap = new int[n];
    capMem = new int[n];
    freeCpu = new int[n];
    freeMem = new int[n];
    allocs = new int[n];
    groupCount = new int[n];
    jobCount = new int[n];
    for (int i = 0; i < n; i++) {
      cap[i] = Math.max(0, nodes[i].cpuMhz());
      capMem[i] = Math.max(0, nodes[i].memoryMib());
      freeCpu[i] = cap[i];
      freeMem[i] = capMem[i];
    }
    tree = new FitTree(freeCpu, freeMem);
  }

  /** Plans every request on the nodes with the cluster's scheduler algorithm. */
  public static PlacementPlan plan(List<NodeSpec> nodes, List<PlacementRequest> requests, Algorithm algorithm) {
    Planner planner = new Planner(nodes, algorithm);
    List<PlacementRequest> ordered = order(requests);
    List<Placement> placements = new ArrayList<>(ordered.size());
    for (PlacementRequest r : ordered) {
      planner.startJob(r);
      placements.add(r.type().isSystem() ? planner.placeSystem(r) : planner.placeGeneric(r));
    }
    return new PlacementPlan(algorithm, placements, planner.nodeUsage(), planner.groupUsage());
  }

  /**
   * Nomad's {@code ScoreFitBinPack} / {@code ScoreFitSpread} (0..18) for a node offering
   * {@code cpu}/{@code mem} (after the reserve) with {@code usedCpu}/{@code usedMem} allocated,
   * the allocation being scored included: BestFit v3, {@code 20 − (10^freeCpu + 10^freeMem)}, or
   * its mirror for the spread algorithm.
   */
  static double fitness(Algorithm algorithm, int cpu, int mem, long usedCpu, long usedMem) {
    double fc = cpu == 0 ? 0 : 1 - (double) usedCpu / cpu;
    double fm = mem == 0 ? 0 : 1 - (double) usedMem / mem;
    double total = Math.exp(fc * LN10) + Math.exp(fm * LN10);
    double score = algorithm == Algorithm.BINPACK ? 20.0 - total : total - 2.0;
    return Math.max(0, Math.min(MAX_FIT_SCORE, score));
  }

  /** Groups of one job are placed one after the other; job-level distinct checks span them. */
  private void startJob(PlacementRequest r) {
    String job = r.namespace() + "\u0000" + r.jobId();
    if (job.equals(currentJob)) {
      return;
    }
    currentJob = job;
    for (int k = 0; k < jobTouchedSize; k++) {
      jobCount[jobTouched[k]] = 0;
    }
    jobTouchedSize = 0;
    jobProperties.clear();
  }

  /** The order requests are placed in (see the class comment). */
  public static List<PlacementRequest> order(List<PlacementRequest> requests) {
    return requests.stream()
        .sorted(Comparator.<PlacementRequest>comparingInt(r -> r.type().isSystem() ? 0 : 1)
            .thenComparing(Comparator.comparingInt(PlacementRequest::priority).reversed())
            .thenComparing(PlacementRequest::namespace)
            .thenComparing(PlacementRequest::jobId)
            .thenComparing(PlacementRequest::group))
        .toList();
  }

  /**
   * Whether one allocation of the request could run on an empty node like this one: the static
   * checks and the resources, ignoring other allocations. Used to tell which client groups could
   * help a group that does not fit.
   */
  public static boolean fitsEmpty(NodeSpec node, PlacementRequest request) {
    Planner p = new Planner(List.of(node), Algorithm.BINPACK);
    Ask a = p.new Ask(request);
    return a.eligibleClass[0] && a.rejectReason(0) == null && a.exhaustedDimension(0) == null;
  }

  /** The classes an ask may use (read-only once made; shared by the asks with the same key). */
  private record Eligibility(boolean[] eligibleClass, String[] classReason, int[] rangeLo, int[] rangeHi) {}

  private final Map<List<Object>, Eligibility> eligibility = new HashMap<>();

  private Eligibility eligibility(PlacementRequest r, List<Constraint> perClass) {
    List<Pattern> dcs = r.datacenters().stream().map(Planner::glob).toList();
    // Whether a datacenter matches, per datacenter: a fleet has a handful of datacenters but
    // many node classes, and matching the globs for every class was a regex match per class.
    Map<String, Boolean> dcMatches = new HashMap<>();
    int classes = classRep.length;
    boolean[] eligibleClass = new boolean[classes];
    String[] classReason = new String[classes];
    List<int[]> ranges = new ArrayList<>();
    for (int c = 0; c < classes; c++) {
      NodeSpec rep = classRep[c];
      String reason = null;
      if (!dcMatches.computeIfAbsent(rep.datacenter(), d -> dcs.stream().anyMatch(p -> p.matcher(d).matches()))) {
        reason = "";
      } else {
        for (Constraint k : perClass) {
          if (!Matcher.matches(k, rep)) {
            reason = k.label();
            break;
          }
        }
        if (reason == null && !rep.hostVolumes().containsAll(r.hostVolumes())) {
          reason = "missing compatible host volumes";
        }
      }
      classReason[c] = reason;
      eligibleClass[c] = reason == null;
      if (reason == null && classEnd[c] > classStart[c]) {
        if (!ranges.isEmpty() && ranges.get(ranges.size() - 1)[1] == classStart[c]) {
          ranges.get(ranges.size() - 1)[1] = classEnd[c];
        } else {
          ranges.add(new int[] {classStart[c], classEnd[c]});
        }
      }
    }
    return new Eligibility(eligibleClass, classReason, ranges.stream().mapToInt(x -> x[0]).toArray(),
        ranges.stream().mapToInt(x -> x[1]).toArray());
  }

  // ---------------------------------------------------------------- per request state

  private static final class SpreadState {
    final String key;
    final double weight;
    final Map<String, Double> desired = new HashMap<>();
    final Map<String, Integer> used = new HashMap<>();

    SpreadState(Spread s, int count, double sumWeights) {
      key = Interpolation.key(s.attribute());
      weight = sumWeights == 0 ? 0 : s.weight() / sumWeights;
      double sum = 0;
      for (Spread.Target t : s.targets()) {
        double d = t.percent() / 100.0 * count;
        desired.put(t.value(), d);
        sum += d;
      }
      if (sum > 0 && sum < count) {
        desired.put("*", count - sum);
      }
    }
  }

  private static final class PropertyState {
    final String key;
    final int limit;
    final String label;
    final Map<String, Integer> used;

    PropertyState(Constraint c, Map<String, Integer> used) {
      key = Interpolation.key(c.attribute());
      limit = c.propertyLimit();
      label = "distinct_property " + c.attribute();
      this.used = used;
    }
  }

  private static final Object DATACENTER = new Object();

  /** One request being placed: its static feasibility per class and its placement-dependent state. */
  private final class Ask {
    final PlacementRequest r;
    final int cpu;
    final int mem;
    final int[] ports;
    final boolean[] eligibleClass;
    final String[] classReason; // null when eligible; "" when outside the datacenters
    final int[] rangeLo;
    final int[] rangeHi;
    final List<Constraint> perNode = new ArrayList<>();
    final boolean distinctHosts;
    final boolean distinctHostsJob;
    final List<PropertyState> properties = new ArrayList<>();
    final List<Affinity> affinities;
    final double affinityWeights;
    final boolean affinityPerNode;
    final double[] classAffinity;
    final List<SpreadState> spreads = new ArrayList<>();
    double lowestSpreadBoost = -1.0;
    final int limit;
    int cursor;

    Ask(PlacementRequest r) {
      this.r = r;
      cpu = r.cpuMhz();
      mem = r.memoryMib();
      ports = r.staticPorts().stream().mapToInt(Integer::intValue).distinct().toArray();
      List<Constraint> perClass = new ArrayList<>();
      boolean dh = false;
      boolean dhJob = false;
      for (Constraint c : r.constraints()) {
        switch (c.operator()) {
          case DISTINCT_HOSTS -> {
            boolean on = !c.value().equalsIgnoreCase("false");
            dh |= on && !c.jobLevel();
            dhJob |= on && c.jobLevel();
          }
          case DISTINCT_PROPERTY -> properties.add(new PropertyState(c,
              c.jobLevel() ? jobProperties.computeIfAbsent(Interpolation.key(c.attribute()), k -> new HashMap<>()) : new HashMap<>()));
          default -> (refersToUnique(c) ? perNode : perClass).add(c);
        }
      }
      distinctHosts = dh;
      distinctHostsJob = dhJob;
      // Which classes are eligible depends only on the datacenters, the per-class constraints
      // and the host volumes, which many groups share (1,000 jobs on ten pools): computed once
      // per distinct combination and plan.
      Eligibility e = eligibility.computeIfAbsent(List.of(r.datacenters(), perClass, r.hostVolumes()),
          k -> eligibility(r, perClass));
      eligibleClass = e.eligibleClass;
      classReason = e.classReason;
      rangeLo = e.rangeLo;
      rangeHi = e.rangeHi;
      int classes = classRep.length;
      affinities = r.affinities();
      affinityWeights = affinities.stream().mapToDouble(x -> Math.abs(x.weight())).sum();
      affinityPerNode = affinities.stream().anyMatch(x -> refersToUnique(x.asConstraint()));
      classAffinity = new double[classes];
      Arrays.fill(classAffinity, Double.NaN);
      double sumSpread = r.spreads().stream().mapToDouble(Spread::weight).sum();
      for (Spread s : r.spreads()) {
        spreads.add(new SpreadState(s, r.count(), sumSpread));
      }
      if (!affinities.isEmpty() || !spreads.isEmpty()) {
        limit = Math.max(AFFINITY_NODE_LIMIT, r.count());
      } else if (r.type() == JobType.BATCH) {
        limit = 2;
      } else {
        // Nomad takes the log of the nodes it was given: the ready nodes in the job's datacenters.
        int inDatacenters = 0;
        for (int c = 0; c < classes; c++) {
          if (!"".equals(classReason[c])) {
            inDatacenters += classEnd[c] - classStart[c];
          }
        }
        limit = Math.max(2, inDatacenters == 0 ? 0 : (int) Math.ceil(Math.log(inDatacenters) / Math.log(2)));
      }
    }

    /** Placement-dependent and per-node checks; the reason a node is filtered, or null. */
    String rejectReason(int i) {
      NodeSpec node = nodes[i];
      for (Constraint c : perNode) {
        if (!Matcher.matches(c, node)) {
          return c.label();
        }
      }
      if ((distinctHosts && groupCount[i] > 0) || (distinctHostsJob && jobCount[i] > 0)) {
        return "distinct_hosts";
      }
      for (PropertyState p : properties) {
        String v = node.attributes().get(p.key);
        if (v == null || p.used.getOrDefault(v, 0) >= p.limit) {
          return p.label;
        }
      }
      return null;
    }

    /** The first dimension without room on the node (Nomad checks ports, then CPU, then memory), or null. */
    String exhaustedDimension(int i) {
      for (int p : ports) {
        if (portTaken(i, p)) {
          return "port " + p;
        }
      }
      if (freeCpu[i] < cpu) {
        return "cpu";
      }
      if (freeMem[i] < mem) {
        return "memory";
      }
      return null;
    }

    boolean nodeOk(int i) {
      if (!perNode.isEmpty() || distinctHosts || distinctHostsJob || !properties.isEmpty()) {
        if (rejectReason(i) != null) {
          return false;
        }
      }
      for (int p : ports) {
        if (portTaken(i, p)) {
          return false;
        }
      }
      return true;
    }

    /** The first node in [from, to), in an eligible class, with room and passing the per-node checks. */
    int nextFit(int from, int to) {
      for (int k = 0; k < rangeLo.length; k++) {
        if (rangeHi[k] <= from) {
          continue;
        }
        if (rangeLo[k] >= to) {
          break;
        }
        int i = Math.max(from, rangeLo[k]);
        int end = Math.min(to, rangeHi[k]);
        while (i < end) {
          int j = freeCpu[i] >= cpu && freeMem[i] >= mem ? i : tree.first(i, end, cpu, mem);
          if (j < 0) {
            break;
          }
          if (nodeOk(j)) {
            return j;
          }
          i = j + 1;
        }
      }
      return -1;
    }

    double score(int i) {
      double sum = fitness(i) / MAX_FIT_SCORE;
      int k = 1;
      int collisions = groupCount[i];
      if (collisions > 0) {
        sum += -(double) (collisions + 1) / r.count();
        k++;
      }
      if (!affinities.isEmpty()) {
        double a = affinity(i);
        if (a != 0) {
          sum += a;
          k++;
        }
      }
      if (!spreads.isEmpty()) {
        double s = spread(i);
        if (s != 0) {
          sum += s;
          k++;
        }
      }
      return sum / k;
    }

    double fitness(int i) {
      return Planner.fitness(algorithm, cap[i], capMem[i], cap[i] - freeCpu[i] + cpu, capMem[i] - freeMem[i] + mem);
    }

    double affinity(int i) {
      if (!affinityPerNode) {
        int c = classOf[i];
        if (Double.isNaN(classAffinity[c])) {
          classAffinity[c] = affinityOf(nodes[i]);
        }
        return classAffinity[c];
      }
      return affinityOf(nodes[i]);
    }

    private double affinityOf(NodeSpec node) {
      double total = 0;
      for (Affinity a : affinities) {
        if (Matcher.matches(a.asConstraint(), node)) {
          total += a.weight();
        }
      }
      return total / affinityWeights;
    }

    double spread(int i) {
      double total = 0;
      for (SpreadState s : spreads) {
        String v = nodes[i].attributes().get(s.key);
        if (v == null) {
          total -= 1.0;
          continue;
        }
        int used = s.used.getOrDefault(v, 0) + 1;
        if (s.desired.isEmpty()) {
          total += evenSpreadBoost(s, v);
          continue;
        }
        Double desired = s.desired.get(v);
        if (desired == null) {
          desired = s.desired.get("*");
          if (desired == null) {
            total -= 1.0;
            continue;
          }
        }
        if (desired == 0) {
          total += lowestSpreadBoost;
          continue;
        }
        double boost = (desired - used) / desired * s.weight;
        total += boost;
        if (boost < lowestSpreadBoost) {
          lowestSpreadBoost = boost;
        }
      }
      return total;
    }

    /** Nomad's {@code evenSpreadScoreBoost}: favour the attribute values with the fewest allocations. */
    double evenSpreadBoost(SpreadState s, String value) {
      if (s.used.isEmpty()) {
        return 0.0;
      }
      int current = s.used.getOrDefault(value, 0);
      int min = 0;
      int max = 0;
      for (int v : s.used.values()) {
        if (min == 0 || v < min) {
          min = v;
        }
        if (max == 0 || v > max) {
          max = v;
        }
      }
      double deltaBoost = min == 0 ? -1.0 : (double) (min - current) / min;
      if (current != min) {
        return deltaBoost;
      } else if (min == max) {
        return -1.0;
      } else if (min == 0) {
        return 1.0;
      }
      return (double) (max - min) / min;
    }

    void place(int i) {
      freeCpu[i] -= cpu;
      freeMem[i] -= mem;
      tree.update(i, freeCpu[i], freeMem[i]);
      allocs[i]++;
      for (int p : ports) {
        usedPorts.add(portKey(i, p));
      }
      if (groupCount[i]++ == 0) {
        if (touchedSize == touched.length) {
          touched = Arrays.copyOf(touched, touchedSize * 2);
        }
        touched[touchedSize++] = i;
      }
      if (jobCount[i]++ == 0) {
        if (jobTouchedSize == jobTouched.length) {
          jobTouched = Arrays.copyOf(jobTouched, jobTouchedSize * 2);
        }
        jobTouched[jobTouchedSize++] = i;
      }
      for (PropertyState p : properties) {
        p.used.merge(nodes[i].attributes().get(p.key), 1, Integer::sum);
      }
      for (SpreadState s : spreads) {
        String v = nodes[i].attributes().get(s.key);
        if (v != null) {
          s.used.merge(v, 1, Integer::sum);
        }
      }
    }

    void finish() {
      for (int k = 0; k < touchedSize; k++) {
        groupCount[touched[k]] = 0;
      }
      touchedSize = 0;
    }

    /** Nomad's AllocMetric for a failed placement: every node, counted once by its first reason. */
    AllocMetric metric(int coalesced) {
      Map<String, Integer> filtered = new TreeMap<>();
      Map<String, Integer> exhausted = new TreeMap<>();
      int outside = 0;
      int evaluated = 0;
      int filteredNodes = 0;
      int exhaustedNodes = 0;
      for (int i = 0; i < n; i++) {
        String reason = classReason[classOf[i]];
        if ("".equals(reason)) {
          outside++;
          continue;
        }
        evaluated++;
        if (reason == null) {
          reason = rejectReason(i);
        }
        if (reason != null) {
          filtered.merge(reason, 1, Integer::sum);
          filteredNodes++;
          continue;
        }
        String dim = exhaustedDimension(i);
        if (dim != null) {
          exhausted.merge(dim, 1, Integer::sum);
          exhaustedNodes++;
        }
      }
      return new AllocMetric(n, outside, evaluated, filteredNodes, filtered, exhaustedNodes, exhausted, coalesced);
    }
  }

  private boolean portTaken(int i, int port) {
    return nodes[i].reservedPorts().contains(port) || usedPorts.contains(portKey(i, port));
  }

  private static long portKey(int node, int port) {
    return ((long) node << 20) | (port & 0xFFFFF);
  }

  private static boolean refersToUnique(Constraint c) {
    return (Interpolation.isReference(c.attribute()) && Interpolation.isUnique(c.attribute()))
        || (Interpolation.isReference(c.value()) && Interpolation.isUnique(c.value()));
  }

  /** Compiled datacenter globs: jobs name the same few datacenters, each ask would compile them again. */
  private static final java.util.concurrent.ConcurrentHashMap<String, Pattern> GLOBS = new java.util.concurrent.ConcurrentHashMap<>();

  private static Pattern glob(String dc) {
    Pattern cached = GLOBS.get(dc);
    if (cached == null) {
      cached = compileGlob(dc);
      if (GLOBS.size() < 10_000) {
        GLOBS.putIfAbsent(dc, cached);
      }
    }
    return cached;
  }

  private static Pattern compileGlob(String dc) {
    StringBuilder re = new StringBuilder();
    for (char ch : dc.toCharArray()) {
      re.append(ch == '*' ? ".*" : Pattern.quote(String.valueOf(ch)));
    }
    return Pattern.compile(re.toString());
  }

  // ---------------------------------------------------------------- the two schedulers

  private Placement placeGeneric(PlacementRequest r) {
    Ask a = new Ask(r);
    List<String> placed = new ArrayList<>(r.count());
    AllocMetric failure = null;
    int failed = 0;
    for (int k = 0; k < r.count(); k++) {
      int best = failure == null ? select(a) : -1;
      if (best < 0) {
        if (failure == null) {
          failure = a.metric(0);
        }
        failed++;
        continue;
      }
      a.place(best);
      placed.add(nodes[best].name());
    }
    if (failure != null) {
      failure = new AllocMetric(failure.nodesInPool(), failure.nodesOutsideDatacenters(), failure.nodesEvaluated(), failure.nodesFiltered(),
          failure.constraintFiltered(), failure.nodesExhausted(), failure.dimensionExhausted(), failed - 1);
    }
    a.finish();
    return new Placement(r, placed, r.count(), failure);
  }

  /** Nomad's source iterator: the eligible nodes with room, from the cursor to the end, then from the start. */
  private final class Walk {
    final Ask a;
    final int start;
    int pos;
    boolean wrapped;
    boolean done;

    Walk(Ask a) {
      this.a = a;
      this.start = a.cursor;
      this.pos = a.cursor;
    }

    int next() {
      if (done) {
        return -1;
      }
      int j = -1;
      if (!wrapped) {
        j = a.nextFit(pos, n);
        if (j < 0) {
          wrapped = true;
          pos = 0;
        }
      }
      if (j < 0) {
        j = a.nextFit(pos, start);
      }
      if (j < 0) {
        done = true;
        pos = start;
        return -1;
      }
      pos = j + 1;
      return j;
    }
  }

  /**
   * One placement: Nomad's source → limit (with skipping) → max-score chain. Returns the node
   * index or -1, and leaves the group's cursor where the source stopped.
   */
  private int select(Ask a) {
    if (n == 0) {
      return -1;
    }
    Walk source = new Walk(a);
    int[] skipped = new int[MAX_SKIP];
    double[] skippedScore = new double[MAX_SKIP];
    int skippedCount = 0;
    int skippedUsed = 0;
    int best = -1;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int seen = 0; seen < a.limit; seen++) {
      // nextOption(): the source, else a skipped node. Written out twice in this loop on purpose:
      // keeping the iterator's state in locals measured ~12 % faster on 1M allocations / 5,000
      // nodes than the same steps as methods of a small helper object (600 vs 690 ms, A/B).
      int option = source.next();
      double score;
      if (option >= 0) {
        score = a.score(option);
      } else if (skippedUsed < skippedCount) {
        score = skippedScore[skippedUsed];
        option = skipped[skippedUsed++];
      } else {
        break;
      }
      while (option >= 0 && score <= SKIP_SCORE_THRESHOLD && skippedCount < MAX_SKIP) {
        skipped[skippedCount] = option;
        skippedScore[skippedCount++] = score;
        option = source.next();
        score = option >= 0 ? a.score(option) : 0;
      }
      if (option < 0) {
        option = source.next();
        if (option >= 0) {
          score = a.score(option);
        } else if (skippedUsed < skippedCount) {
          score = skippedScore[skippedUsed];
          option = skipped[skippedUsed++];
        } else {
          break;
        }
      }
      if (score > bestScore) {
        bestScore = score;
        best = option;
      }
    }
    a.cursor = source.pos >= n ? 0 : source.pos;
    return best;
  }

  /** System and sysbatch: one allocation on every node that passes the constraints, in the nodes' order. */
  private Placement placeSystem(PlacementRequest r) {
    Ask a = new Ask(r);
    List<String> placed = new ArrayList<>();
    Map<String, Integer> filtered = new TreeMap<>();
    Map<String, Integer> exhausted = new TreeMap<>();
    int outside = 0;
    int filteredNodes = 0;
    int exhaustedNodes = 0;
    for (int in = 0; in < n; in++) {
      int i = internalIndexOf[in];
      String reason = a.classReason[classOf[i]];
      if ("".equals(reason)) {
        outside++;
        continue;
      }
      if (reason == null) {
        reason = a.rejectReason(i);
      }
      if (reason != null) {
        filtered.merge(reason, 1, Integer::sum);
        filteredNodes++;
        continue;
      }
      String dim = a.exhaustedDimension(i);
      if (dim != null) {
        exhausted.merge(dim, 1, Integer::sum);
        exhaustedNodes++;
        continue;
      }
      a.place(i);
      placed.add(nodes[i].name());
    }
    a.finish();
    AllocMetric failure = exhaustedNodes == 0 ? null
        : new AllocMetric(n, outside, n - outside, filteredNodes, filtered, exhaustedNodes, exhausted, exhaustedNodes - 1);
    return new Placement(r, placed, placed.size() + exhaustedNodes, failure);
  }

  // ---------------------------------------------------------------- report

  private List<NodeUsage> nodeUsage() {
    List<NodeUsage> out = new ArrayList<>(n);
    for (int in = 0; in < n; in++) {
      int i = internalIndexOf[in];
      NodeSpec s = nodes[i];
      out.add(new NodeUsage(s.name(), s.group(), s.datacenter(), cap[i], capMem[i], cap[i] - freeCpu[i], capMem[i] - freeMem[i], allocs[i]));
    }
    return out;
  }

  private List<GroupUsage> groupUsage() {
    Map<String, long[]> sums = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      long[] s = sums.computeIfAbsent(nodes[i].group(), g -> new long[6]);
      s[0]++;
      s[1] += cap[i];
      s[2] += capMem[i];
      s[3] += cap[i] - freeCpu[i];
      s[4] += capMem[i] - freeMem[i];
      s[5] += allocs[i];
    }
    List<GroupUsage> out = new ArrayList<>();
    sums.forEach((g, s) -> out.add(new GroupUsage(g, (int) s[0], s[1], s[2], s[3], s[4], (int) s[5])));
    return out;
  }
}
