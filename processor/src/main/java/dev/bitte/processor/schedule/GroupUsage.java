package dev.bitte.processor.schedule;

/** A client group after planning: its nodes' capacity (after the reserve) and use, summed. */
public record GroupUsage(String group, int nodes, long cpuMhz, long memoryMib, long cpuUsedMhz, long memoryUsedMib, int allocations) {
  /** CPU used in percent of what the group offers (0 for an empty group). */
  public double cpuPercent() {
    return cpuMhz == 0 ? 0 : 100.0 * cpuUsedMhz / cpuMhz;
  }

  public double memoryPercent() {
    return memoryMib == 0 ? 0 : 100.0 * memoryUsedMib / memoryMib;
  }
}
