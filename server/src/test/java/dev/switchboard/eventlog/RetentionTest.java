package dev.switchboard.eventlog;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.config.ConfigKey;
import dev.switchboard.config.GatewayConfig;
import dev.switchboard.metrics.Metrics;
import dev.switchboard.model.event.PublishRequest;
import dev.switchboard.model.json.Json;
import dev.switchboard.testing.Await;
import dev.switchboard.model.time.SimulatedClock;
import dev.switchboard.testing.TestGateway;
import dev.switchboard.trace.TraceRecord;
import dev.switchboard.trace.TraceRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retention bounds the disk (docs/event-log.md, "Retention"): the real event log on a temp H2 file,
 * fed for simulated days with a clock the test moves, keeps its age and size bounds, deletes events
 * nobody needs, never one a snapshot needs, and gives the disk back.
 */
class RetentionTest {
    private static final Duration HOUR = Duration.ofHours(1);
    private static final List<String> ROOMS = List.of("doc:1", "doc:2", "doc:3", "team:a");
    private static final long MAX_SIZE = 4L << 20;

    private final SimulatedClock clock = new SimulatedClock(Instant.parse("2026-11-01T00:00:00Z"));
    private final Random random = new Random(15);
    /** room → resource → the payload last published to it there, as the producer was answered. */
    private final Map<String, Map<String, String>> latest = new TreeMap<>();
    private final Map<String, Long> versions = new HashMap<>();
    private long published;

    @Test
    void aWeekOfPublishesStaysWithinTheAgeAndSizeBoundsAndSnapshotsStayComplete(@TempDir Path data) throws Exception {
        // The tail is folded by volume (every 200 entries): the writer's "quiet second" never comes
        // while this test publishes without pause, and trimming waits for the fold.
        String epoch;
        long dayOneCursor;
        EventLog log = open(data, Map.of(ConfigKey.LOG_MAX_AGE, "2d", ConfigKey.LOG_MAX_SIZE, "4MB",
                ConfigKey.LOG_MATERIALIZE_EVERY, "200"));
        try {
            // Resources published on the first day only: their single version must outlive every bound.
            for (int i = 0; i < 50; i++) {
                publish(log, "rare:" + i, 1);
            }
            epoch = log.rooms().head("doc:1").epoch();
            dayOneCursor = log.rooms().head("doc:1").head();
            for (int day = 1; day <= 7; day++) {
                // Four quiet days (the age bound is what trims), then three busy ones (the size bound is).
                int perHour = day <= 4 ? 40 : 300;
                for (int hour = 0; hour < 24; hour++) {
                    publishHour(log, perHour);
                }
                String when = "day " + day;
                Await.until("nothing older than two days in any stream on " + when, Duration.ofSeconds(30), () -> {
                    clock.advance(HOUR);
                    publishHour(log, 1);
                    return oldestRetainedAge(log).compareTo(Duration.ofDays(2)) <= 0;
                });
                if (day >= 3 && day <= 4) {
                    assertThat(oldestRetainedAge(log)).as("on quiet days the age bound, not the size bound, trims")
                            .isGreaterThan(Duration.ofHours(36));
                }
                Await.until("live data under the size bound on " + when, Duration.ofSeconds(30), () -> {
                    clock.advance(HOUR);
                    publishHour(log, 1);
                    return liveBytes(log) <= MAX_SIZE;
                });
            }
            assertThat(published).as("events fed over the week").isGreaterThan(25_000);
            assertThat(count(log, "SELECT COUNT(*) FROM events"))
                    .as("events no stream or snapshot needs were deleted").isLessThan(published / 3);
            // Two busy days (within the age bound) are about 21,600 stream entries: the size bound trimmed them.
            assertThat(count(log, "SELECT COUNT(*) FROM room_events")).isLessThan(14_000);
        } finally {
            log.close();
        }
        assertThat(fileSize(data)).as("the file on disk after a clean close").isLessThanOrEqualTo(MAX_SIZE);
        try (EventLog reopened = open(data, Map.of(ConfigKey.LOG_MAX_AGE, "2d", ConfigKey.LOG_MAX_SIZE, "4MB"))) {
            RoomReader.Recovery behind = reopened.rooms().recover("doc:1", epoch, dayOneCursor, 1_000_000);
            assertThat(behind.snapshotRequired()).as("a cursor from day one is older than what is kept").isTrue();
            assertThat(reopened.rooms().page("doc:1", dayOneCursor, epoch, 100).snapshotRequired()).isTrue();
            for (String room : ROOMS) {
                assertThat(snapshot(reopened, room)).as("snapshot of " + room).isEqualTo(latest.get(room));
            }
        }
    }

    @Test
    void compactionGivesTheDiskBack(@TempDir Path data) throws Exception {
        try (EventLog log = open(data, Map.of(ConfigKey.LOG_MAX_AGE, "1d"))) {
            for (int hour = 0; hour < 10; hour++) {
                publishHour(log, 1_500);
            }
            long before = fileSize(data);
            assertThat(before).as("15,000 events of ~600 bytes").isGreaterThan(10L << 20);
            clock.advance(Duration.ofDays(2));
            publishHour(log, 1);
            Await.until("the file shrinks to under a third of " + before + " bytes", Duration.ofSeconds(30), () -> {
                clock.advance(HOUR);
                publishHour(log, 1);
                return fileSize(data) < before / 3;
            });
            for (String room : ROOMS) {
                assertThat(snapshot(log, room)).as("snapshot of " + room).isEqualTo(latest.get(room));
            }
        }
    }

    @Test
    void traceRecordsOlderThanTheirRetentionAreDeleted(@TempDir Path data) throws Exception {
        try (EventLog log = open(data, Map.of());
             TraceRecorder trace = new TraceRecorder(log.database().dataSource(), clock, Duration.ofHours(48), true,
                     "test-node", new Metrics())) {
            connection(trace, "old-connection");
            clock.advance(Duration.ofHours(47));
            connection(trace, "recent-connection");
            trace.flush();
            assertThat(count(log, "SELECT COUNT(*) FROM trace_connections")).isEqualTo(2);
            clock.advance(Duration.ofHours(2)); // the first is now 49 hours old, the second 2
            Await.until("the old connection's records are trimmed", () -> {
                trace.record(new TraceRecord.HttpRead("u", "d", "doc:1", 0, 0, clock.millis())); // wakes the writer
                return count(log, "SELECT COUNT(*) FROM trace_connections WHERE connection_id = 'old-connection'") == 0;
            });
            assertThat(count(log, "SELECT COUNT(*) FROM trace_memberships WHERE connection_id = 'old-connection'")).isZero();
            assertThat(count(log, "SELECT COUNT(*) FROM trace_connections WHERE connection_id = 'recent-connection'")).isEqualTo(1);
            assertThat(count(log, "SELECT COUNT(*) FROM trace_memberships WHERE connection_id = 'recent-connection'")).isEqualTo(1);
        }
    }

    private void connection(TraceRecorder trace, String id) {
        long at = clock.millis();
        trace.record(new TraceRecord.ConnectionOpened(id, "test-node", "u", "d", null, null, at));
        trace.record(new TraceRecord.MembershipStarted(id + "/m", id, "doc:1", "e", at, 0, null, false));
        trace.record(new TraceRecord.MembershipEnded(id + "/m", at, 0, 0, "left"));
        trace.record(new TraceRecord.ConnectionClosed(id, at, 1000, "bye"));
    }

    private EventLog open(Path data, Map<ConfigKey, String> retention) {
        Map<ConfigKey, String> values = new EnumMap<>(ConfigKey.class);
        values.put(ConfigKey.DATA_DIR, data.toString());
        values.put(ConfigKey.TOKEN_SECRET, TestGateway.SECRET);
        values.put(ConfigKey.LOG_RETENTION_INTERVAL, "1h");
        values.put(ConfigKey.LOG_COMPACT_TIME, "5s"); // live compaction is off by default; the shrink test needs it
        values.putAll(retention);
        return new EventLog(GatewayConfig.from(values), clock, new Metrics());
    }

    /** One simulated hour: {@code n} publishes spread over it, sent in concurrent groups like busy producers. */
    private void publishHour(EventLog log, int n) {
        List<CompletableFuture<PublishOutcome>> group = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            clock.advance(HOUR.dividedBy(n));
            group.add(publishAsync(log, "res:" + random.nextInt(400), 1 + random.nextInt(2)));
            if (group.size() == 200 || i == n - 1) {
                group.forEach(CompletableFuture::join);
                group.clear();
            }
        }
    }

    private void publish(EventLog log, String resource, int rooms) {
        publishAsync(log, resource, rooms).join();
    }

    /** Publishes to a resource (one at a time per resource within a group is not needed: no expectedVersion). */
    private CompletableFuture<PublishOutcome> publishAsync(EventLog log, String resource, int roomCount) {
        List<String> rooms = new ArrayList<>(ROOMS);
        java.util.Collections.shuffle(rooms, random);
        rooms = List.copyOf(rooms.subList(0, roomCount));
        ObjectNode payload = Json.object();
        payload.put("n", published++);
        payload.put("text", "x".repeat(500));
        String json = Json.write(payload);
        List<String> to = rooms;
        return log.publish(new PublishRequest(null, "doc.edited", resource, rooms, "tester", payload, null), json)
                .thenApply(outcome -> {
                    synchronized (latest) {
                        PublishOutcome.Created created = (PublishOutcome.Created) outcome;
                        long version = created.event().event().version();
                        String key = resource;
                        for (String room : to) {
                            String before = latest.computeIfAbsent(room, r -> new TreeMap<>()).get(key);
                            if (before == null || versionOf(before) < version) {
                                latest.get(room).put(key, version + ":" + json);
                            }
                        }
                        versions.merge(resource, version, Math::max);
                    }
                    return outcome;
                });
    }

    private static long versionOf(String versionAndPayload) {
        return Long.parseLong(versionAndPayload.substring(0, versionAndPayload.indexOf(':')));
    }

    /** Every page of a room's snapshot: resource → "version:payload". */
    static Map<String, String> snapshot(EventLog log, String room) {
        Map<String, String> resources = new TreeMap<>();
        String after = "";
        while (true) {
            SnapshotPage page = log.rooms().snapshotPage(room, after, 1000, 64L << 20);
            for (SnapshotResource r : page.resources()) {
                resources.put(r.resourceId(), r.version() + ":" + Json.write(r.state()));
            }
            if (page.complete()) {
                return resources;
            }
            after = page.nextAfter();
        }
    }

    /** How old the oldest event still in any room stream is. */
    private Duration oldestRetainedAge(EventLog log) {
        long oldest = Long.MAX_VALUE;
        for (String room : ROOMS) {
            RoomReader.StreamHead head = log.rooms().head(room);
            RoomPage page = log.rooms().page(room, head.firstOffset() - 1, head.epoch(), 1);
            if (!page.events().isEmpty()) {
                oldest = Math.min(oldest, page.events().get(0).event().occurredAt().toEpochMilli());
            }
        }
        return Duration.ofMillis(clock.millis() - oldest);
    }

    private static long liveBytes(EventLog log) {
        try (Connection c = log.database().dataSource().getConnection()) {
            return new StoreSize(true).liveBytes(c);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long fileSize(Path data) {
        try {
            return Files.size(data.resolve("switchboard.mv.db"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long count(EventLog log, String sql) {
        try (Connection c = log.database().dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
