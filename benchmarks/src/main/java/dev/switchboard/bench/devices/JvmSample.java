package dev.switchboard.bench.devices;

import java.io.IOException;
import java.lang.management.ManagementFactory;

/**
 * This JVM at one moment, after a full collection: live heap, resident memory, threads, and the CPU
 * time used so far.
 */
public record JvmSample(long heapUsedBytes, long heapCommittedBytes, long rssBytes, long threads, long cpuNanos,
                        long atNanos) {

    public static JvmSample take() throws IOException {
        System.gc();
        System.gc();
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        ProcStats self = ProcStats.self();
        return new JvmSample(heap.getUsed(), heap.getCommitted(), self.rssBytes(), self.threads(), self.cpuNanos(),
                System.nanoTime());
    }

    /** Without a collection: for CPU readings that a GC must not disturb. */
    public static JvmSample cpuOnly() throws IOException {
        return new JvmSample(0, 0, 0, 0, ProcStats.self().cpuNanos(), System.nanoTime());
    }
}
