package dev.switchboard.eventlog;

import dev.switchboard.config.RetentionLimits;
import dev.switchboard.metrics.Counter;
import dev.switchboard.metrics.Histogram;
import dev.switchboard.metrics.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The single writer of the event log, with group commit.
 *
 * <p>Design. Publishers (HTTP worker threads) put validated requests on a bounded queue and get a
 * future. One thread, {@code eventlog-writer}, takes whatever has queued up (at most
 * {@code log.batch-max}), applies it in one transaction ({@link PublishTransaction}) and commits once:
 * under load one disk write serves many publishes, with no load a publish waits for nobody. A future
 * completes only after the commit returned, so a 201 always means durable. When a batch fails, each
 * of its publishes is retried alone, so one bad publish cannot fail its neighbours.
 *
 * <p>Nodes. On the embedded H2 file this writer is the log's only one. On PostgreSQL every node runs
 * one, and each write transaction begins under the log's write lock, caught up with the other nodes'
 * commits ({@link SharedLog}).
 *
 * <p>Threads. Only the writer thread touches the writer's connection and statements; it also runs
 * retention and the folding of the tail ({@link Materializer}) between batches, so every write to the
 * log has one owner. Commit listeners are called
 * on the writer thread and must only hand off.
 */
final class EventLogWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventLogWriter.class);
    private static final Logger publishLog = LoggerFactory.getLogger("dev.switchboard.eventlog.publish");
    private static final long PROBE_INTERVAL_MILLIS = 500;
    private static final long FOLD_RETRY_MILLIS = 1_000;

    private final DataSource dataSource;
    /** Retires every pooled connection (see {@link Database#renewConnections}); after a failed write. */
    private final Runnable renewConnections;
    /** True when other nodes write the same log (PostgreSQL): every write transaction goes through {@link SharedLog}. */
    private final boolean shared;
    private final String logEpoch;
    private final Clock clock;
    private final int batchMax;
    private final long commitDelayNanos;
    private final BlockingQueue<PendingPublish> queue;
    private final Retention retention;
    private final Duration retentionInterval;
    private final StoreSize storeSize;
    private final Duration compactTime;
    private final long maxSizeBytes;
    private final Histogram retentionSeconds;
    private final List<CommitListener> listeners = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private final Histogram batchSizes;
    private final Histogram commitSeconds;
    private final Counter committedEvents;
    private final Counter failedBatches;

    private final int materializeEvery;
    private final int sliceRows;
    private final Histogram materializeSeconds;

    private volatile boolean accepting = true;
    private volatile boolean healthy = true;
    private WriterStatements statements;   // writer thread only
    private WriterState state;             // writer thread only (built in start(), before the thread runs)
    private long nextRetentionMillis;      // writer thread only
    private long nextMaterializeMillis;    // writer thread only
    private long nextProbeMillis;          // writer thread only: when to try writing again while unhealthy
    private long foldRetryMillis;          // writer thread only: no folding before, after a failed fold
    private int lastBatchSize;             // writer thread only
    private boolean folding;               // writer thread only: the tail passed its limit, fold until empty

    EventLogWriter(DataSource dataSource, Runnable renewConnections, boolean shared, String logEpoch, Clock clock, int batchMax, Duration commitDelay, int queueCapacity,
                   RetentionLimits retentionLimits, StoreSize storeSize, int materializeEvery, int sliceRows, Metrics metrics) {
        this.dataSource = dataSource;
        this.renewConnections = renewConnections;
        this.shared = shared;
        this.logEpoch = logEpoch;
        this.clock = clock;
        this.batchMax = batchMax;
        this.commitDelayNanos = commitDelay.toNanos();
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.retention = new Retention(retentionLimits, storeSize);
        this.retentionInterval = retentionLimits.interval();
        this.storeSize = storeSize;
        this.compactTime = retentionLimits.compactTime();
        this.maxSizeBytes = retentionLimits.maxSizeBytes();
        this.retentionSeconds = metrics.histogram("switchboard_eventlog_retention_step_seconds",
                "Time of one retention step (publishes wait for it), compaction excluded.", Histogram.LATENCY_SECONDS);
        this.materializeEvery = materializeEvery;
        this.sliceRows = sliceRows;
        this.materializeSeconds = metrics.histogram("switchboard_eventlog_materialize_seconds",
                "Time to fold the log's tail into the resource and snapshot tables.", Histogram.LATENCY_SECONDS);
        this.batchSizes = metrics.histogram("switchboard_eventlog_batch_size",
                "Publishes decided per group commit.", Histogram.SIZES);
        this.commitSeconds = metrics.histogram("switchboard_eventlog_commit_seconds",
                "Time to apply and commit one group of publishes.", Histogram.LATENCY_SECONDS);
        this.committedEvents = metrics.counter("switchboard_eventlog_events_committed_total",
                "Events made durable in the event log.");
        this.failedBatches = metrics.counter("switchboard_eventlog_failed_transactions_total",
                "Event log transactions that failed and were rolled back.");
        metrics.gauge("switchboard_eventlog_queue_depth", "Publishes waiting for the writer.", queue::size);
        this.thread = new Thread(this::run, "eventlog-writer");
        this.thread.setDaemon(false);
    }

    /**
     * Loads the writer's view of the log (rebuilding the tail after a crash), folds the tail into the
     * tables, and starts the writer thread.
     */
    void start() {
        try {
            WriterStatements st = statements();
            state = WriterState.load(st.connection);
            materializeAll();
            log.info("event log writer: last seq {}, tail folded up to seq {}", state.seq, state.materializedSeq);
        } catch (SQLException e) {
            rollbackQuietly();
            throw EventLogException.unavailable("cannot load the event log: " + e.getMessage(), e);
        }
        nextRetentionMillis = clock.millis() + retentionInterval.toMillis();
        thread.start();
    }

    void addListener(CommitListener listener) {
        listeners.add(listener);
    }

    /** Queues a publish; fails fast with {@link EventLogException} when the queue is full or closed. */
    CompletableFuture<PublishOutcome> submit(PendingPublish p) {
        if (!accepting) {
            p.result().completeExceptionally(EventLogException.unavailable("the event log is closing", null));
        } else if (!queue.offer(p)) {
            p.result().completeExceptionally(EventLogException.overloaded(
                    "the event log has " + queue.size() + " publishes waiting; retry shortly"));
        } else if (!accepting && queue.remove(p)) {
            // Closed between the check and the offer: the writer may already be gone, so never leave it waiting.
            p.result().completeExceptionally(EventLogException.unavailable("the event log is closing", null));
        }
        return p.result();
    }

    boolean healthy() {
        return healthy;
    }

    int queueDepth() {
        return queue.size();
    }

    private void run() {
        List<PendingPublish> batch = new ArrayList<>(batchMax);
        while (accepting || !queue.isEmpty()) {
            try {
                PendingPublish first = queue.poll(pollMillis(), TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, batchMax - 1);
                    gather(batch);
                    lastBatchSize = batch.size();
                    process(batch);
                    nextMaterializeMillis = clock.millis() + 1_000; // the quiet second starts after the last publish
                    batch.clear();
                }
                maybeProbe();
                maybeMaterialize();
                maybeRunRetention();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException | AssertionError e) {
                // AssertionError: H2 run with -ea trips its own assertions once its store has failed a write.
                // Whatever one batch throws, the writer thread must live on, or every later publish waits forever.
                log.error("event log writer: unexpected failure", e);
                fail(batch, e);
                batch.clear();
            }
        }
        // Anything still queued after an interrupt is refused, never silently dropped.
        List<PendingPublish> rest = new ArrayList<>();
        queue.drainTo(rest);
        fail(rest, EventLogException.unavailable("the event log closed", null));
        try {
            materializeAll();
        } catch (SQLException | RuntimeException e) {
            log.warn("event log: folding the tail at close failed ({}); the next start does it", e.getMessage());
        }
        if (statements != null) {
            statements.close();
        }
    }

    /**
     * Group commit's other half: when publishers are arriving concurrently (the last commit held more
     * than one), wait a little for more of them, up to {@code log.commit-delay}, and stop at the first
     * quiet gap. A lone publisher is never delayed.
     */
    private void gather(List<PendingPublish> batch) throws InterruptedException {
        if (commitDelayNanos <= 0 || lastBatchSize <= 1) {
            return;
        }
        long deadline = System.nanoTime() + commitDelayNanos;
        long gap = Math.max(50_000, commitDelayNanos / 5);
        while (batch.size() < batchMax) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            PendingPublish next = queue.poll(Math.min(left, gap), TimeUnit.NANOSECONDS);
            if (next == null) {
                return;
            }
            batch.add(next);
            queue.drainTo(batch, batchMax - batch.size());
        }
    }

    private long pollMillis() {
        if (folding || retention.running()) {
            return 1;
        }
        long wait = Math.min(nextRetentionMillis, state.tailEmpty() ? Long.MAX_VALUE : nextMaterializeMillis) - clock.millis();
        return Math.max(1, Math.min(wait, 200));
    }

    /**
     * Folds the tail once it reaches {@code log.materialize-every} room stream entries (which bounds
     * what a snapshot reads beyond the tables), and keeps folding until it is empty; or once
     * publishing has paused for a second. One slice per turn of the writer loop, so publishes wait
     * for one slice at most.
     */
    private void maybeMaterialize() {
        long now = clock.millis();
        if (!healthy || now < foldRetryMillis) {
            return; // the store cannot write: the probe finds out when it can again; no busy retries
        }
        if (state.tailEvents >= materializeEvery) {
            folding = true;
        }
        boolean quiet = now >= nextMaterializeMillis && queue.isEmpty();
        if ((folding || quiet) && !state.tailEmpty()) {
            try {
                materializeSlice();
            } catch (SQLException | RuntimeException | AssertionError e) {
                rollbackQuietly();
                foldRetryMillis = now + FOLD_RETRY_MILLIS;
                log.warn("event log: folding the tail failed ({}); will retry in {} ms", e.getMessage(), FOLD_RETRY_MILLIS);
            }
        }
        if (state.tailEmpty()) {
            folding = false;
        }
    }

    private void materializeAll() throws SQLException {
        while (!state.tailEmpty()) {
            materializeSlice();
        }
    }

    private void materializeSlice() throws SQLException {
        long started = System.nanoTime();
        WriterStatements st = statements();
        lockShared(st);
        WriterState.Slice slice = state.nextSlice(sliceRows);
        Materializer.materialize(st.connection, slice);
        st.connection.commit();
        state.sliceMaterialized(slice);
        long took = System.nanoTime() - started;
        materializeSeconds.observeNanos(took);
        if (took > 50_000_000L) {
            // Publishes wait while the writer folds: worth seeing when it is long.
            log.info("event log: folding {} snapshot rows of {} rooms took {} ms", slice.roomResources().size(),
                    slice.roomOffsets().size(), took / 1_000_000);
        }
    }

    private void process(List<PendingPublish> batch) {
        long started = System.nanoTime();
        try {
            WriterStatements st = statements();
            lockShared(st);
            PublishTransaction tx = new PublishTransaction(st, state, logEpoch, clock::millis);
            List<PublishOutcome> outcomes = tx.run(batch);
            st.connection.commit();
            tx.applyTo(state);
            long committed = System.nanoTime();
            healthy = true;
            commitSeconds.observeNanos(committed - started);
            batchSizes.observe(batch.size());
            complete(batch, outcomes, committed);
        } catch (SQLException | RuntimeException | AssertionError e) {
            failedBatches.inc();
            rollbackQuietly();
            if (batch.size() > 1) {
                log.warn("event log: a group of {} publishes failed ({}); retrying each alone", batch.size(), e.getMessage());
                for (PendingPublish p : batch) {
                    process(List.of(p));
                }
            } else {
                // The store failed on a lone publish: unhealthy until a probe commits (maybeProbe), and the
                // next attempt starts on a fresh connection (after a failed write H2 closes the database).
                healthy = false;
                nextProbeMillis = clock.millis() + PROBE_INTERVAL_MILLIS;
                discardStatements();
                renewConnections.run();
                PendingPublish p = batch.get(0);
                log.error("event log: publish of id={} resource={} failed: {}", p.request().id(),
                        p.request().resourceId(), e.getMessage());
                fail(batch, EventLogException.unavailable("the event log could not store the event: "
                        + Database.rootMessage(e), e));
            }
        }
    }

    private void complete(List<PendingPublish> batch, List<PublishOutcome> outcomes, long commitNanos) {
        List<StoredEvent> created = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            PublishOutcome outcome = outcomes.get(i);
            if (outcome instanceof PublishOutcome.Created c) {
                created.add(c.event());
                if (publishLog.isDebugEnabled()) {
                    publishLog.debug("stored event={} seq={} type={} resource={} version={} rooms={}",
                            c.event().event().id(), c.event().event().seq(), c.event().event().type(),
                            c.event().event().resourceId(), c.event().event().version(), c.event().offsets());
                }
            }
            batch.get(i).result().complete(outcome);
        }
        committedEvents.add(created.size());
        if (!created.isEmpty()) {
            for (CommitListener l : listeners) {
                try {
                    l.committed(created, commitNanos);
                } catch (RuntimeException e) {
                    log.error("commit listener {} failed; the events are stored regardless", l, e);
                }
            }
        }
    }

    /**
     * While unhealthy, tries every {@link #PROBE_INTERVAL_MILLIS} to commit a small write on a fresh
     * connection, so that the node becomes ready again by itself once the store can write (space
     * returned on a full disk) even when nobody publishes: a not-ready node gets no publishes.
     * Publishes that come meanwhile are tried as usual; one that commits makes the node healthy too.
     */
    private void maybeProbe() {
        long now = clock.millis();
        if (healthy || now < nextProbeMillis) {
            return;
        }
        nextProbeMillis = now + PROBE_INTERVAL_MILLIS;
        try {
            WriterStatements st = statements();
            WriteProbe.write(st.connection, now);
            // The view of the log is read again from what the store holds: a commit that reported a
            // failure may still have reached the file, and the next seq and offsets must follow it.
            state = WriterState.load(st.connection);
            st.connection.commit();
            healthy = true;
            log.info("event log: writes succeed again; the node is ready");
        } catch (SQLException | RuntimeException | AssertionError e) {
            discardStatements();
            renewConnections.run();
            log.debug("event log: still cannot write: {}", e.getMessage());
        }
    }

    /**
     * Every {@code log.retention-interval} a retention pass starts; it runs one bounded step per turn
     * of the writer loop (so publishes wait for one step at most) and, when it deleted rows from the
     * H2 file, ends with a compaction of at most {@code log.compact-time}.
     */
    private void maybeRunRetention() {
        long now = clock.millis();
        if (!healthy || (!retention.running() && now < nextRetentionMillis)) {
            return; // unhealthy: a trim cannot commit either; the next interval tries again
        }
        long started = System.nanoTime();
        try {
            WriterStatements st = statements();
            lockShared(st);
            if (!retention.running()) {
                nextRetentionMillis = now + retentionInterval.toMillis();
                retention.begin(st.connection, now);
            }
            // Trimming stops at each room's materialized offset, deleting at materialized_seq.
            Retention.PassCounts done = retention.step(st.connection, state.materializedSeq);
            st.connection.commit();
            retentionSeconds.observeNanos(System.nanoTime() - started);
            if (done != null && done.deletedAny()) {
                log.info("retention: trimmed {} room stream entries and deleted {} events no stream or snapshot needs"
                        + " (cutoff seq {})", done.streamEntries, done.events, done.cutoffSeq);
                compactAfterRetention(st);
            }
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            retention.abandon();
            log.warn("retention step failed: {}", e.getMessage());
        }
    }

    private void compactAfterRetention(WriterStatements st) throws SQLException {
        if (compactTime.isZero() || !storeSize.h2()) {
            return;
        }
        long file = storeSize.fileBytes(st.connection);
        long live = storeSize.liveBytes(st.connection);
        st.connection.commit();
        boolean overBound = maxSizeBytes > 0 && file > maxSizeBytes;
        if (!overBound && file - live < Math.max(file / 5, 1 << 20)) {
            return; // less than a fifth (or a megabyte) is dead space: H2 reuses it, not worth a rewrite
        }
        long started = System.nanoTime();
        if (FileCompaction.compact(st.connection, compactTime)) {
            log.info("retention: compacted the event log file from {} to {} bytes in {} ms", file,
                    storeSize.fileBytes(st.connection), (System.nanoTime() - started) / 1_000_000);
            st.connection.commit();
        }
    }

    /**
     * On a log other nodes write too: takes the log's write lock for the transaction about to run on
     * {@code st} and catches the writer's view up with their commits (see {@link SharedLog}).
     */
    private void lockShared(WriterStatements st) throws SQLException {
        if (shared) {
            state = SharedLog.lockAndCatchUp(st.connection, state);
        }
    }

    private WriterStatements statements() throws SQLException {
        if (statements != null && statements.connection.isClosed()) {
            statements.close();
            statements = null;
        }
        if (statements == null) {
            statements = WriterStatements.open(dataSource);
        }
        return statements;
    }

    private void discardStatements() {
        if (statements != null) {
            try {
                statements.connection.rollback();
            } catch (SQLException | RuntimeException | AssertionError ignored) {
                // Thrown away regardless.
            }
            statements.close();
            statements = null;
        }
    }

    private void rollbackQuietly() {
        if (statements == null) {
            return;
        }
        try {
            statements.connection.rollback();
        } catch (SQLException | RuntimeException | AssertionError e) {
            // A connection that cannot roll back is broken: start over with a new one.
            statements.close();
            statements = null;
        }
    }

    private static void fail(List<PendingPublish> batch, Throwable cause) {
        for (PendingPublish p : batch) {
            p.result().completeExceptionally(cause);
        }
    }

    /** Stops taking publishes, commits everything already queued, and ends the writer thread. */
    @Override
    public void close() {
        accepting = false;
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            thread.interrupt();
        }
    }
}
