package dev.switchboard.eventlog;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.config.ConfigKey;
import dev.switchboard.config.GatewayConfig;
import dev.switchboard.metrics.Metrics;
import dev.switchboard.model.event.PublishRequest;
import dev.switchboard.model.json.Json;
import dev.switchboard.testing.PostgresSchema;
import dev.switchboard.testing.TestGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three gateway nodes' event logs on one real PostgreSQL, written at once: what the cluster promises
 * about positions, versions, compare-and-set and idempotency holds across nodes, not only within one.
 */
class SharedLogTest {
    @RegisterExtension
    final PostgresSchema pg = new PostgresSchema();

    private final List<EventLog> nodes = new ArrayList<>();

    @AfterEach
    void closeNodes() {
        nodes.forEach(EventLog::close);
    }

    private EventLog node(Path data) {
        Map<ConfigKey, String> values = new EnumMap<>(pg.config());
        values.put(ConfigKey.DATA_DIR, data.toString());
        values.put(ConfigKey.TOKEN_SECRET, TestGateway.SECRET);
        values.put(ConfigKey.LOG_MATERIALIZE_EVERY, "50"); // folds of the tail happen, by several nodes, during the run
        EventLog log = new EventLog(GatewayConfig.from(values), Clock.systemUTC(), new Metrics());
        nodes.add(log);
        return log;
    }

    private static CompletableFuture<PublishOutcome> publish(EventLog log, String id, String resource, List<String> rooms,
                                                             Long expectedVersion, int n) {
        ObjectNode payload = Json.object().put("n", n);
        return log.publish(new PublishRequest(id, "t", resource, rooms, null, payload, expectedVersion), Json.write(payload));
    }

    @Test
    void concurrentPublishersOnThreeNodesGetGapFreeUniqueOffsetsSeqsAndVersions(@TempDir Path a, @TempDir Path b,
                                                                                 @TempDir Path c) throws Exception {
        List<EventLog> logs = List.of(node(a), node(b), node(c));
        int perThread = 150;
        int threadsPerNode = 3;
        ExecutorService pool = Executors.newFixedThreadPool(logs.size() * threadsPerNode);
        CountDownLatch start = new CountDownLatch(1);
        ConcurrentLinkedQueue<PublishOutcome> outcomes = new ConcurrentLinkedQueue<>();
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (int node = 0; node < logs.size(); node++) {
            EventLog log = logs.get(node);
            for (int t = 0; t < threadsPerNode; t++) {
                int thread = node * threadsPerNode + t;
                done.add(CompletableFuture.runAsync(() -> {
                    try {
                        start.await();
                        List<CompletableFuture<PublishOutcome>> mine = new ArrayList<>();
                        for (int i = 0; i < perThread; i++) {
                            // every event goes to the shared room, a third also to a second one; five resources for all
                            List<String> rooms = i % 3 == 0 ? List.of("doc:shared", "team:shared") : List.of("doc:shared");
                            mine.add(publish(log, null, "res-" + (i % 5), rooms, null, thread * 1000 + i));
                        }
                        mine.forEach(f -> outcomes.add(f.join()));
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }, pool));
            }
        }
        start.countDown();
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        pool.shutdown();

        int total = logs.size() * threadsPerNode * perThread;
        assertThat(outcomes).hasSize(total).allMatch(o -> o instanceof PublishOutcome.Created);
        try (Connection db = pg.connect()) {
            assertThat(column(db, "SELECT seq FROM events ORDER BY seq")).as("seq 1..N, no gap, no repeat")
                    .isEqualTo(range(1, total));
            assertThat(column(db, "SELECT room_offset FROM room_events WHERE room = 'doc:shared' ORDER BY room_offset"))
                    .as("doc:shared offsets").isEqualTo(range(1, total));
            int team = (int) outcomes.stream().filter(o -> ((PublishOutcome.Created) o).event().rooms().size() == 2).count();
            assertThat(column(db, "SELECT room_offset FROM room_events WHERE room = 'team:shared' ORDER BY room_offset"))
                    .as("team:shared offsets").isEqualTo(range(1, team));
            assertThat(column(db, "SELECT head FROM rooms WHERE room IN ('doc:shared', 'team:shared') ORDER BY room"))
                    .containsExactly((long) total, (long) team);
            for (int r = 0; r < 5; r++) {
                List<Long> versions = column(db, "SELECT version FROM events WHERE resource_id = 'res-" + r + "' ORDER BY version");
                assertThat(versions).as("res-" + r + " versions").isEqualTo(range(1, versions.size()));
            }
        }
        // What each node answered agrees with what the database holds: the same offsets for the same seq.
        Map<Long, Long> answered = new TreeMap<>();
        for (PublishOutcome o : outcomes) {
            StoredEvent e = ((PublishOutcome.Created) o).event();
            answered.put(e.event().seq(), e.rooms().get(0).offset());
        }
        assertThat(answered).hasSize(total);
        // and a fourth node started now carries on where the three left off
        PublishOutcome next = publish(node(a.resolve("later")), null, "res-0", List.of("doc:shared"), null, 0).get(30, TimeUnit.SECONDS);
        assertThat(((PublishOutcome.Created) next).event().rooms().get(0).offset()).isEqualTo(total + 1);
    }

    @Test
    void compareAndSetWinsOnceAcrossNodesAndAnIdIsStoredOnce(@TempDir Path a, @TempDir Path b, @TempDir Path c)
            throws Exception {
        List<EventLog> logs = List.of(node(a), node(b), node(c));
        for (int round = 0; round < 20; round++) {
            long expected = round;
            List<CompletableFuture<PublishOutcome>> cas = new ArrayList<>();
            List<CompletableFuture<PublishOutcome>> sameId = new ArrayList<>();
            for (EventLog log : logs) {
                for (int k = 0; k < 3; k++) {
                    cas.add(publish(log, null, "doc:cas", List.of("doc:cas"), expected, k));
                    // the same id with the same content on every node: a retried publish that reached several nodes
                    sameId.add(publish(log, "evt-" + round, "doc:idem", List.of("doc:idem"), null, round));
                }
            }
            List<PublishOutcome> casOutcomes = cas.stream().map(CompletableFuture::join).toList();
            assertThat(casOutcomes.stream().filter(o -> o instanceof PublishOutcome.Created).count())
                    .as("round %d: one winner for expectedVersion %d", round, expected).isEqualTo(1);
            assertThat(casOutcomes.stream().filter(o -> !(o instanceof PublishOutcome.Created)))
                    .allMatch(o -> o instanceof PublishOutcome.VersionConflict);
            List<PublishOutcome> idOutcomes = sameId.stream().map(CompletableFuture::join).toList();
            assertThat(idOutcomes.stream().filter(o -> o instanceof PublishOutcome.Created).count()).isEqualTo(1);
            long seq = idOutcomes.stream().map(o -> o instanceof PublishOutcome.Created cr ? cr.event() : ((PublishOutcome.Duplicate) o).first())
                    .map(e -> e.event().seq()).distinct().count();
            assertThat(seq).as("every node answers with the one stored event").isEqualTo(1);
        }
        try (Connection db = pg.connect()) {
            assertThat(column(db, "SELECT version FROM events WHERE resource_id = 'doc:cas' ORDER BY version")).isEqualTo(range(1, 20));
            assertThat(column(db, "SELECT COUNT(*) FROM events WHERE resource_id = 'doc:idem'")).containsExactly(20L);
        }
    }

    private static List<Long> range(long from, long to) {
        List<Long> out = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            out.add(i);
        }
        return out;
    }

    private static List<Long> column(Connection db, String sql) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }
}
