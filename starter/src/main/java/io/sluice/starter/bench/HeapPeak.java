package io.sluice.starter.bench;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;

/** Samples this JVM's heap in use every 10 ms and keeps the peak above where it started. */
final class HeapPeak implements AutoCloseable {
    private final AtomicLong peak = new AtomicLong();
    private final Thread sampler;
    private volatile boolean running = true;

    HeapPeak() {
        var memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long base = memory.getHeapMemoryUsage().getUsed();
        sampler = new Thread(() -> {
            while (running) {
                peak.accumulateAndGet(Math.max(0, memory.getHeapMemoryUsage().getUsed() - base), Math::max);
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

    long peakBytes() {
        return peak.get();
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
