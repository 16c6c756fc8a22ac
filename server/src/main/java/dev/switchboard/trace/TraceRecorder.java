package dev.switchboard.trace;

import dev.switchboard.metrics.Counter;
import dev.switchboard.metrics.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes {@link TraceRecord}s to the database off every hot path: callers (socket, fanout and request
 * threads) only offer to a bounded queue, and one thread, {@code trace-writer}, stores them in batches
 * of one transaction. Tracing is best effort by design: when the queue is full a record is dropped and
 * counted ({@code switchboard_trace_records_dropped_total}) rather than slowing delivery down.
 * Also trims records older than {@code trace.retention}.
 *
 * <p>The writer gathers records for up to {@link #LINGER_MILLIS} before it stores them. Storing
 * whatever had arrived made one transaction per committed publish batch (the fanout hand-off record):
 * with {@code WRITE_DELAY=0} every one of them is a second MVStore commit and chunk write next to
 * the event log's own, on the same store. A reader who needs what was just recorded calls
 * {@link #flush()}, which ends the wait at once.
 */
public final class TraceRecorder implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TraceRecorder.class);
    private static final int BATCH = 2_000;
    private static final long RETENTION_EVERY_MILLIS = 60_000;
    private static final long LINGER_MILLIS = 200;
    /** How often a lingering writer looks whether a flush is waiting. */
    private static final long LINGER_STEP_MILLIS = 10;

    private final DataSource dataSource;
    private final Clock clock;
    private final Duration retention;
    private final boolean enabled;
    private final BlockingQueue<TraceRecord> queue;
    private final Counter dropped;
    private final Counter written;
    private final Thread thread;
    private volatile boolean closing;
    private final AtomicLong offered = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private final AtomicInteger flushing = new AtomicInteger();
    private long lastRetention;

    public TraceRecorder(DataSource dataSource, Clock clock, Duration retention, boolean enabled, String node, Metrics metrics) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.retention = retention;
        this.enabled = enabled;
        this.queue = new ArrayBlockingQueue<>(100_000);
        this.dropped = metrics.counter("switchboard_trace_records_dropped_total",
                "Trace records dropped because the trace writer fell behind (traces then have holes).");
        this.written = metrics.counter("switchboard_trace_records_written_total", "Trace records stored.");
        metrics.gauge("switchboard_trace_queue_depth", "Trace records waiting to be stored.", queue::size);
        closeLeftovers(node);
        this.thread = new Thread(this::run, "trace-writer");
        thread.setDaemon(true);
        if (enabled) {
            thread.start();
        }
    }

    public boolean enabled() {
        return enabled;
    }

    public long now() {
        return clock.millis();
    }

    /** Never blocks. */
    public void record(TraceRecord r) {
        if (!enabled || closing) {
            return;
        }
        if (queue.offer(r)) {
            offered.incrementAndGet();
        } else {
            dropped.inc();
        }
    }

    /** Connections this node had open when it stopped without closing them (a crash) are closed now. */
    private void closeLeftovers(String node) {
        long now = clock.millis();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement m = c.prepareStatement("UPDATE trace_memberships SET left_at = ?, left_reason = 'node_stopped'"
                    + " WHERE left_at IS NULL AND connection_id IN (SELECT connection_id FROM trace_connections"
                    + " WHERE node = ? AND disconnected_at IS NULL)");
                 PreparedStatement k = c.prepareStatement("UPDATE trace_connections SET disconnected_at = ?, close_code = 1006,"
                         + " close_reason = 'node stopped without closing it' WHERE node = ? AND disconnected_at IS NULL")) {
                m.setLong(1, now);
                m.setString(2, node);
                m.executeUpdate();
                k.setLong(1, now);
                k.setString(2, node);
                int n = k.executeUpdate();
                if (n > 0) {
                    log.info("trace: {} connections of node {} were left open by the last run; closed at start", n, node);
                }
            }
            c.commit();
        } catch (SQLException e) {
            log.warn("trace: cannot close the last run's connections: {}", e.getMessage());
        }
    }

    private void run() {
        List<TraceRecord> batch = new ArrayList<>(BATCH);
        while (true) {
            try {
                TraceRecord first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    gather(batch);
                    store(batch);
                    batch.clear();
                } else if (closing) {
                    return;
                }
                long now = clock.millis();
                if (now - lastRetention > RETENTION_EVERY_MILLIS) {
                    lastRetention = now;
                    trim(now - retention.toMillis());
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.error("trace writer failed; {} records lost", batch.size(), e);
                batch.clear();
            }
        }
    }

    /** Adds what arrives within {@link #LINGER_MILLIS}, up to {@link #BATCH} records, unless a flush or close waits. */
    private void gather(List<TraceRecord> batch) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LINGER_MILLIS);
        while (true) {
            queue.drainTo(batch, BATCH - batch.size());
            long left = deadline - System.nanoTime();
            if (batch.size() >= BATCH || left <= 0 || closing || flushing.get() > 0) {
                return;
            }
            TraceRecord next = queue.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(LINGER_STEP_MILLIS)),
                    TimeUnit.NANOSECONDS);
            if (next != null) {
                batch.add(next);
            }
        }
    }

    private void store(List<TraceRecord> batch) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (TraceStatements st = new TraceStatements(c)) {
                for (TraceRecord r : batch) {
                    st.add(r);
                }
                st.execute();
            }
            c.commit();
            written.add(batch.size());
        } catch (SQLException e) {
            dropped.add(batch.size());
            log.warn("trace: {} records not stored: {}", batch.size(), e.getMessage());
        } finally {
            done.addAndGet(batch.size());
        }
    }

    private void trim(long cutoff) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            int n = 0;
            for (String sql : List.of(
                    "DELETE FROM trace_memberships WHERE connection_id IN (SELECT connection_id FROM trace_connections"
                            + " WHERE disconnected_at < ?)",
                    "DELETE FROM trace_connections WHERE disconnected_at < ?",
                    "DELETE FROM trace_drops WHERE at < ?",
                    "DELETE FROM trace_http_reads WHERE at < ?",
                    "DELETE FROM trace_fanout WHERE handed_at < ?")) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setLong(1, cutoff);
                    n += ps.executeUpdate();
                }
            }
            c.commit();
            if (n > 0) {
                log.info("trace: trimmed {} records older than {}", n, retention);
            }
        } catch (SQLException e) {
            log.warn("trace: trimming failed: {}", e.getMessage());
        }
    }

    /**
     * Waits (up to 10 s) until everything recorded before the call is stored: a trace asked for right
     * after an event was delivered then includes it.
     */
    public void flush() {
        long target = offered.get();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        flushing.incrementAndGet();
        try {
            while (enabled && done.get() < target && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            flushing.decrementAndGet();
        }
    }

    /** Stores what is queued, then stops. */
    @Override
    public void close() {
        closing = true;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void setNullableLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }
}
