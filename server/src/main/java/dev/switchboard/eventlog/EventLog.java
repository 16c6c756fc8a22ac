package dev.switchboard.eventlog;

import dev.switchboard.config.GatewayConfig;
import dev.switchboard.metrics.Metrics;
import dev.switchboard.model.event.PublishRequest;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;

/**
 * The durable event log: publishing (through the group-committing writer) and reading room streams.
 * Owns the {@link Database}; closing it commits what is queued and closes the store.
 */
public final class EventLog implements AutoCloseable {
    private final Database database;
    private final EventLogWriter writer;
    private final RoomReader reader;
    private final Clock clock;

    public EventLog(GatewayConfig config, Clock clock, Metrics metrics) {
        this.clock = clock;
        this.database = Database.open(config, clock);
        this.writer = new EventLogWriter(database.dataSource(), database::renewConnections, database.shared(), database.epoch(), clock, config.logBatchMax(),
                config.logCommitDelay(), config.logQueueCapacity(), config.retention(), new StoreSize(database.h2()), config.logMaterializeEvery(), config.logFoldSliceRows(), metrics);
        this.reader = new RoomReader(database.dataSource(), database.epoch(), database.binaryCollation());
        writer.start();
    }

    /**
     * Publishes one validated request. The future completes after the commit with the outcome, or
     * exceptionally with {@link EventLogException} (queue full, store unreachable, closing).
     *
     * @param payloadJson the request's payload, serialized once by the caller (it checked the size)
     */
    public CompletableFuture<PublishOutcome> publish(PublishRequest request, String payloadJson) {
        // Only a producer's own id can be repeated, so only then is the content hashed (it costs).
        String hash = request.id() == null ? null : request.contentHash();
        return writer.submit(new PendingPublish(request, payloadJson, hash, clock.millis(), new CompletableFuture<>()));
    }

    public void addCommitListener(CommitListener listener) {
        writer.addListener(listener);
    }

    public RoomReader rooms() {
        return reader;
    }

    public Database database() {
        return database;
    }

    /** Ready when the last write succeeded and the store answers. */
    public boolean healthy() {
        return writer.healthy() && database.reachable();
    }

    public int queueDepth() {
        return writer.queueDepth();
    }

    @Override
    public void close() {
        writer.close();
        database.close();
    }
}
