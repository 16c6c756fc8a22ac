package dev.switchboard.fanout;

import dev.switchboard.config.ClusterSettings;
import dev.switchboard.eventlog.LogTail;
import dev.switchboard.eventlog.StoredEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bus of a node that shares its event log with other nodes: it hands this node's sockets every
 * event of the log, whichever node committed it, once and in seq order (so in offset order in every
 * room).
 *
 * <p>Design. Events come from two sources: this node's own commits ({@link #publish}, at once) and
 * the log itself, read after the last seq delivered ({@link LogTail}): every {@code poll} while
 * nothing else tells of new events, and at once when a seq is missing from what arrived (another
 * node committed it in between). They meet here keyed by seq; the fanout thread releases the run that
 * continues the last seq delivered and drops what it has seen. Nothing is skipped: on a shared log
 * seqs become visible in commit order, so a missing seq is one that has committed and can be read.
 * A faster carrier of other nodes' commits (a message bus) is one more source of the same kind; the
 * log stays the one that cannot miss.
 *
 * <p>The first seq delivered is the one after the log's last at start: what was committed before is
 * for clients to recover by replay, as after any restart.
 *
 * <p>Threads: {@code publish} runs on the event log's writer thread and only queues; the fanout
 * thread reads the log and delivers. {@code pending} and {@code nextSeq} are guarded by {@code lock}.
 */
public final class SequencedBus implements EventBus {
    private static final Logger log = LoggerFactory.getLogger(SequencedBus.class);
    private static final int READ_LIMIT = 1_000;
    private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);
    /**
     * While a seq is missing, the log is read again no sooner than this. Waiting longer for Redis to
     * bring it (20 ms was tried) did not lower the cost and added its wait to deliveries behind it.
     */
    private static final long GAP_READ_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    /** An event waiting for its turn, and when it committed on this JVM's {@link System#nanoTime()} clock. */
    private record Pending(StoredEvent event, long committedAtNanos) {
    }

    private final LogTail tail;
    private final long pollNanos;
    private final long busCheckNanos;
    /** Null when no Redis is configured. */
    private final RedisCarrier carrier;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final TreeMap<Long, Pending> pending = new TreeMap<>();
    private long nextSeq;
    private boolean closed;
    private Thread thread;
    private volatile long readFromLog;
    private boolean readNow;

    /**
     * Starts after the log's current last seq. With {@code settings.redisUrl()} other nodes' commits
     * also come over Redis ({@link RedisCarrier}) and the log is read every {@code busCheck} while it
     * is up; otherwise, and while it is down, every {@code logPoll}. Batches on Redis are signed with a key
     * derived from {@code tokenSecret} ({@link BusSignature}).
     */
    public SequencedBus(LogTail tail, ClusterSettings settings, String node, String tokenSecret) {
        this.tail = tail;
        this.pollNanos = settings.logPoll().toNanos();
        this.busCheckNanos = settings.busCheck().toNanos();
        try {
            this.nextSeq = tail.lastSeq() + 1;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the event log's last seq: " + e.getMessage(), e);
        }
        this.carrier = settings.redisUrl() == null ? null : new RedisCarrier(settings.redisUrl(), tail.epoch(), node, tokenSecret,
                new RedisCarrier.Sink() {
                    @Override
                    public void received(List<StoredEvent> events, long committedAtMillis) {
                        offer(events, nanosOf(committedAtMillis));
                    }

                    @Override
                    public void linkUp() {
                        readLogNow();
                    }
                });
    }

    @Override
    public void publish(CommittedBatch batch) {
        offer(batch.events(), batch.committedAtNanos());
        if (carrier != null) {
            long ago = System.nanoTime() - batch.committedAtNanos();
            carrier.send(batch.events(), System.currentTimeMillis() - TimeUnit.NANOSECONDS.toMillis(ago));
        }
    }

    /** A wall-clock commit time on this JVM's nanoTime clock (for the lag of other nodes' commits). */
    private static long nanosOf(long committedAtMillis) {
        long ago = Math.max(0, System.currentTimeMillis() - committedAtMillis);
        return System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(ago);
    }

    private void readLogNow() {
        lock.lock();
        try {
            readNow = true;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** How long the log may go unread now: longer while Redis carries the other nodes' commits. */
    private long pollNanos() {
        return carrier != null && carrier.up() ? busCheckNanos : pollNanos;
    }

    /** True while a configured Redis is not carrying commits: deliveries from other nodes come from the log, later. */
    public boolean degraded() {
        return carrier != null && !carrier.up();
    }

    /** Null without Redis. */
    public RedisCarrier carrier() {
        return carrier;
    }

    private void offer(List<StoredEvent> events, long committedAtNanos) {
        lock.lock();
        try {
            for (StoredEvent e : events) {
                long seq = e.event().seq();
                if (seq >= nextSeq) {
                    pending.putIfAbsent(seq, new Pending(e, committedAtNanos));
                }
            }
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public synchronized void subscribe(Subscriber subscriber) {
        if (thread != null) {
            throw new IllegalStateException("the sequenced bus has one subscriber");
        }
        thread = new Thread(() -> run(subscriber), "fanout");
        thread.setDaemon(true);
        thread.start();
    }

    private void run(Subscriber subscriber) {
        long lastRead = System.nanoTime();
        while (true) {
            List<Pending> ready;
            boolean read;
            lock.lock();
            try {
                ready = takeRun();
                if (ready.isEmpty() && !closed && !readNow) {
                    long wait = (pending.isEmpty() ? pollNanos() : GAP_READ_NANOS) - (System.nanoTime() - lastRead);
                    if (wait > 0) {
                        arrived.awaitNanos(wait);
                        ready = takeRun();
                    }
                }
                if (closed && ready.isEmpty()) {
                    return;
                }
                // Read the log when a seq is missing, or when it has not been read for a poll's time.
                long since = System.nanoTime() - lastRead;
                read = ready.isEmpty() && (readNow || since >= (pending.isEmpty() ? pollNanos() : GAP_READ_NANOS));
                if (read) {
                    readNow = false;
                }
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            if (read) {
                lastRead = System.nanoTime();
                if (!readLog()) {
                    sleep(RETRY_NANOS);
                }
                continue;
            }
            deliver(subscriber, ready);
        }
    }

    /** The pending run that continues the last seq delivered, taken out; caller holds the lock. */
    private List<Pending> takeRun() {
        List<Pending> run = new ArrayList<>();
        Map.Entry<Long, Pending> first;
        while ((first = pending.firstEntry()) != null && first.getKey() == nextSeq) {
            run.add(pending.pollFirstEntry().getValue());
            nextSeq++;
        }
        return run;
    }

    /** Reads what the log has after the last seq taken; false when the database could not be read. */
    private boolean readLog() {
        long after;
        lock.lock();
        try {
            after = nextSeq - 1;
        } finally {
            lock.unlock();
        }
        List<LogTail.Committed> read;
        try {
            read = tail.after(after, READ_LIMIT);
        } catch (SQLException | RuntimeException e) {
            log.warn("fanout: cannot read the event log after seq {} ({}); retrying", after, e.getMessage());
            return false;
        }
        if (!read.isEmpty() && read.get(0).event().event().seq() > after + 1) {
            skipTo(read.get(0).event().event().seq());
        }
        for (LogTail.Committed c : read) {
            offer(List.of(c.event()), nanosOf(c.committedAtMillis()));
        }
        readFromLog += read.size();
        return true;
    }

    /**
     * The log no longer holds the seqs before {@code seq} (retention deleted them while this node was
     * far behind): delivery goes on from there, and clients find the gap by its offsets and recover.
     */
    private void skipTo(long seq) {
        lock.lock();
        try {
            if (seq > nextSeq) {
                log.warn("fanout: the event log no longer holds seqs {} to {}; delivering from {}", nextSeq, seq - 1, seq);
                pending.headMap(seq).clear();
                nextSeq = seq;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Hands a run over in batches of one commit time each (the lag metric is per batch). */
    private static void deliver(Subscriber subscriber, List<Pending> run) {
        int from = 0;
        while (from < run.size()) {
            int to = from + 1;
            while (to < run.size() && run.get(to).committedAtNanos() == run.get(from).committedAtNanos()) {
                to++;
            }
            List<StoredEvent> events = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                events.add(run.get(i).event());
            }
            CommittedBatch batch = new CommittedBatch(events, run.get(from).committedAtNanos());
            try {
                subscriber.deliver(batch);
            } catch (RuntimeException e) {
                // A bug in delivery must not stop every later event; clients detect the gap and recover.
                log.error("fanout failed for a batch of {} events starting with {}", events.size(),
                        events.get(0).event().id(), e);
            }
            from = to;
        }
    }

    private static void sleep(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Events this node read from the log rather than from its own commits. */
    public long readFromLog() {
        return readFromLog;
    }

    @Override
    public int backlog() {
        lock.lock();
        try {
            return pending.size();
        } finally {
            lock.unlock();
        }
    }

    /** Delivers what is pending in order, then stops the thread. */
    @Override
    public void close() {
        if (carrier != null) {
            carrier.close();
        }
        Thread t;
        lock.lock();
        try {
            closed = true;
            arrived.signalAll();
            t = thread;
        } finally {
            lock.unlock();
        }
        if (t != null) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
