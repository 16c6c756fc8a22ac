package dev.switchboard.http;

import dev.switchboard.metrics.Counter;
import dev.switchboard.metrics.Metrics;

import java.util.concurrent.Semaphore;

/**
 * Bounds how many snapshot pages the node reads at once ({@code snapshot.max-concurrent}): a page holds
 * up to {@code snapshot.page-bytes} of payload, parsed and then serialized, while it is read, so the
 * bound on pages being read is the bound on that memory. Over it a request is refused at once (503
 * with Retry-After, counted), never queued: waiting requests would hold HTTP workers instead.
 * Thread-safe; called from HTTP workers.
 */
final class SnapshotGate {
    private final Semaphore permits;
    private final int max;
    private final Counter refused;

    SnapshotGate(int max, Metrics metrics) {
        this.max = max;
        this.permits = new Semaphore(max);
        this.refused = metrics.counter("switchboard_snapshot_refused_total",
                "Snapshot page requests refused with 503 because snapshot.max-concurrent were being read.");
        metrics.gauge("switchboard_snapshot_reads_active", "Snapshot pages being read now.",
                () -> max - permits.availablePermits());
    }

    /** What is read under a permit. */
    @FunctionalInterface
    interface Read<T> {
        T get() throws ApiException;
    }

    /** Runs {@code read} holding a permit, or refuses with 503 overloaded when none is free. */
    <T> T read(Read<T> read) throws ApiException {
        if (!permits.tryAcquire()) {
            refused.inc();
            throw new ApiException(503, "overloaded", max + " snapshot reads are in progress on this node"
                    + " (snapshot.max-concurrent); retry shortly");
        }
        try {
            return read.get();
        } finally {
            permits.release();
        }
    }
}
