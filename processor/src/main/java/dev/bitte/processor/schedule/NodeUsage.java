package dev.bitte.processor.schedule;

/** One node after planning: what it offers (after the reserve) and what was placed on it. */
public record NodeUsage(String name, String group, String datacenter, int cpuMhz, int memoryMib, long cpuUsedMhz, long memoryUsedMib, int allocations) {}
