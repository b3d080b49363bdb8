package dev.bitte.processor.schedule;

import java.util.Arrays;

/**
 * A segment tree over the nodes' free CPU and memory (max of each per segment), so the planner
 * finds the next node with room in O(log n) instead of walking full nodes one by one.
 */
final class FitTree {
  private final int size;
  private final int[] maxCpu;
  private final int[] maxMem;

  FitTree(int[] freeCpu, int[] freeMem) {
    int s = 1;
    while (s < Math.max(1, freeCpu.length)) {
      s <<= 1;
    }
    size = s;
    maxCpu = new int[2 * s];
    maxMem = new int[2 * s];
    Arrays.fill(maxCpu, -1);
    Arrays.fill(maxMem, -1);
    System.arraycopy(freeCpu, 0, maxCpu, s, freeCpu.length);
    System.arraycopy(freeMem, 0, maxMem, s, freeMem.length);
    for (int i = s - 1; i >= 1; i--) {
      maxCpu[i] = Math.max(maxCpu[2 * i], maxCpu[2 * i + 1]);
      maxMem[i] = Math.max(maxMem[2 * i], maxMem[2 * i + 1]);
    }
  }

  void update(int index, int freeCpu, int freeMem) {
    int i = index + size;
    maxCpu[i] = freeCpu;
    maxMem[i] = freeMem;
    for (i >>= 1; i >= 1; i >>= 1) {
      int c = Math.max(maxCpu[2 * i], maxCpu[2 * i + 1]);
      int m = Math.max(maxMem[2 * i], maxMem[2 * i + 1]);
      if (maxCpu[i] == c && maxMem[i] == m) {
        break;
      }
      maxCpu[i] = c;
      maxMem[i] = m;
    }
  }

  /** The first index in [from, to) with at least {@code cpu} and {@code mem} free, or -1. */
  int first(int from, int to, int cpu, int mem) {
    if (from >= to) {
      return -1;
    }
    return first(1, 0, size, from, to, cpu, mem);
  }

  private int first(int node, int lo, int hi, int from, int to, int cpu, int mem) {
    if (hi <= from || lo >= to || maxCpu[node] < cpu || maxMem[node] < mem) {
      return -1;
    }
    if (node >= size) {
      return lo;
    }
    int mid = (lo + hi) >>> 1;
    int r = first(2 * node, lo, mid, from, to, cpu, mem);
    return r >= 0 ? r : first(2 * node + 1, mid, hi, from, to, cpu, mem);
  }
}
