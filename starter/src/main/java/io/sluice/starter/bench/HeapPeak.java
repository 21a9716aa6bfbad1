package io.sluice.starter.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples the heap every 10 ms while open, against what it held when opened (after a collection):
 * the peak of what was in use, garbage included, and the peak of what the collector found live
 * after each collection (the heap's pools after their last collection), which is what work that
 * holds its data in memory makes grow and streaming work does not.
 */
final class HeapPeak implements AutoCloseable {
    private final AtomicLong peak = new AtomicLong();
    private final AtomicLong livePeak = new AtomicLong();
    private final Thread sampler;
    private volatile boolean running = true;

    HeapPeak() {
        var memory = ManagementFactory.getMemoryMXBean();
        List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null).toList();
        System.gc();
        long base = memory.getHeapMemoryUsage().getUsed();
        long liveBase = live(heapPools);
        sampler = new Thread(() -> {
            while (running) {
                peak.accumulateAndGet(Math.max(0, memory.getHeapMemoryUsage().getUsed() - base), Math::max);
                livePeak.accumulateAndGet(Math.max(0, live(heapPools) - liveBase), Math::max);
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-peak");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Peak heap in use, garbage included, above what was in use when opened. */
    long peakBytes() {
        return peak.get();
    }

    /** Peak heap found live by a collection, above what was live when opened. */
    long peakLiveBytes() {
        return livePeak.get();
    }

    private static long live(List<MemoryPoolMXBean> pools) {
        long used = 0;
        for (MemoryPoolMXBean pool : pools) {
            MemoryUsage afterCollection = pool.getCollectionUsage();
            used += afterCollection == null ? 0 : afterCollection.getUsed();
        }
        return used;
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
