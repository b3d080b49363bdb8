package dev.bitte.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The peak of used heap during a stretch of work: the largest of (a) the used heap just before
 * each garbage collection (from the collectors' notifications, which see every peak that a
 * collection ends) and (b) a poll of {@link MemoryMXBean#getHeapMemoryUsage()} every millisecond
 * (for the last stretch, which no collection ends). The figure includes garbage not yet collected,
 * so it depends on the heap size and the collector: it is an upper bound of what the work needs.
 */
final class HeapWatch implements AutoCloseable {
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
  private static final java.util.Set<String> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
      .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP).map(java.lang.management.MemoryPoolMXBean::getName)
      .collect(java.util.stream.Collectors.toUnmodifiableSet());

  private final AtomicLong peak = new AtomicLong();
  private final List<NotificationEmitter> emitters = new ArrayList<>();
  private final NotificationListener listener = this::onGc;
  private final Thread poller;
  private volatile boolean running = true;

  HeapWatch() {
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter e) {
        e.addNotificationListener(listener, null, null);
        emitters.add(e);
      }
    }
    poller = new Thread(() -> {
      while (running) {
        record(MEMORY.getHeapMemoryUsage().getUsed());
        try {
          Thread.sleep(1);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "heap-watch");
    poller.setDaemon(true);
    poller.start();
  }

  private void onGc(Notification n, Object handback) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
      return;
    }
    var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
    long used = 0;
    for (var e : info.getGcInfo().getMemoryUsageBeforeGc().entrySet()) {
      if (HEAP_POOLS.contains(e.getKey())) { // the map also holds metaspace and the code cache
        used += e.getValue().getUsed();
      }
    }
    record(used);
  }

  private void record(long used) {
    peak.accumulateAndGet(used, Math::max);
  }

  /** The peak so far, in bytes. */
  long peak() {
    record(MEMORY.getHeapMemoryUsage().getUsed());
    return peak.get();
  }

  @Override
  public void close() {
    running = false;
    poller.interrupt();
    for (NotificationEmitter e : emitters) {
      try {
        e.removeNotificationListener(listener);
      } catch (javax.management.ListenerNotFoundException ignored) {
        // already gone
      }
    }
  }

  /** Used heap after a full collection, in bytes (the live set, give or take). */
  static long liveHeap() {
    System.gc();
    System.gc();
    return MEMORY.getHeapMemoryUsage().getUsed();
  }
}
