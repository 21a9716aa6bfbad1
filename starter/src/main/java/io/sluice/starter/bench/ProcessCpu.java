package io.sluice.starter.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;

/** CPU time of this whole process: every thread, the work measured and the JIT's and the collector's alike. */
final class ProcessCpu {
    private ProcessCpu() {}

    /** The process's CPU time so far, in nanoseconds. */
    static long nanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
