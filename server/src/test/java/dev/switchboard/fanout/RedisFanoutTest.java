package dev.switchboard.fanout;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.auth.Role;
import dev.switchboard.config.ConfigKey;
import dev.switchboard.model.json.Json;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.PostgresSchema;
import dev.switchboard.testing.TestCluster;
import dev.switchboard.testing.TestGateway;
import dev.switchboard.testing.TestRedis;
import dev.switchboard.testing.WsClient;
import io.lettuce.core.RedisClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.switchboard.testing.Api.event;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three gateway nodes on one real PostgreSQL log and one real Redis ({@code embedded-redis}: a
 * redis-server binary from the build, on a free port): Redis carries the commits between nodes, and
 * when it loses a message or goes away the nodes read the log instead; no device misses an event or
 * gets one twice.
 */
class RedisFanoutTest {
    private static final String ROOM = "doc:redis";

    @RegisterExtension
    final PostgresSchema pg = new PostgresSchema();

    private TestCluster nodes;
    private final List<WsClient> devices = new ArrayList<>();
    private TestRedis redis;

    @BeforeEach
    void startRedis() {
        redis = TestRedis.start();
    }

    @AfterEach
    void stop() {
        if (nodes != null) {
            nodes.close();
        }
        redis.close();
    }

    private List<TestGateway> cluster(Path dir, String busCheck) {
        nodes = TestCluster.start(pg, dir, 3, Map.of(ConfigKey.REDIS_URL, redis.url(),
                ConfigKey.CLUSTER_BUS_CHECK, busCheck, ConfigKey.CLUSTER_LOG_POLL, "50ms"));
        assertThat(nodes.node(0).service().put("/api/acl/" + ROOM + "/members/alice").status()).isEqualTo(204);
        for (int i = 0; i < 3; i++) {
            TestGateway gw = nodes.node(i);
            Await.until(gw.gateway().config().nodeId() + " subscribed to Redis",
                    () -> !((SequencedBus) gw.gateway().bus()).degraded());
            WsClient device = nodes.connect(i, "alice", "on-" + gw.gateway().config().nodeId());
            assertThat(device.join(ROOM).path("op").asText()).isEqualTo("joined");
            devices.add(device);
        }
        return nodes.nodes();
    }

    private static double metric(TestGateway gw, String name) {
        String text = gw.service().get("/metrics").body();
        for (String line : text.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError(name + " not in /metrics");
    }

    private static void publish(TestGateway gw, int i) {
        Api.Response r = gw.service().publish(event("doc.edit", "doc:" + (i % 4), List.of(ROOM), Json.object().put("i", i)));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    /** Every device has offsets 1..total of the room, in order, and nothing more. */
    private void everyDeviceHasEveryEventOnce(int total) {
        List<Long> expected = new ArrayList<>();
        for (long i = 1; i <= total; i++) {
            expected.add(i);
        }
        for (WsClient device : devices) {
            List<JsonNode> events = device.events(ROOM, total);
            assertThat(events.stream().map(e -> e.path("offset").asLong()).toList()).isEqualTo(expected);
            JsonNode extra = device.poll(Duration.ofMillis(300));
            assertThat(extra == null || !"event".equals(extra.path("op").asText())).as("nothing twice: " + extra).isTrue();
        }
    }

    @Test
    void redisCarriesTheCommitsBetweenNodes(@TempDir Path dir) {
        // The log is checked only every 10 s: what reaches the other nodes sooner came over Redis.
        List<TestGateway> cluster = cluster(dir, "10s");
        for (int i = 0; i < 30; i++) {
            publish(cluster.get(0), i);
        }
        everyDeviceHasEveryEventOnce(30);
        for (TestGateway other : cluster.subList(1, 3)) {
            assertThat(metric(other, "switchboard_cluster_redis_batches_received")).isGreaterThan(0);
            assertThat(metric(other, "switchboard_cluster_log_read_events")).as("nothing read back from the log").isZero();
        }
        assertThat(cluster.get(0).service().get("/health/ready").json().path("status").asText()).isEqualTo("ready");
    }

    @Test
    void aLostRedisMessageIsReadFromTheLog(@TempDir Path dir) {
        List<TestGateway> cluster = cluster(dir, "200ms");
        RedisCarrier carrierOfB = ((SequencedBus) cluster.get(1).gateway().bus()).carrier();
        publish(cluster.get(0), 0);
        carrierOfB.dropIncoming(1);
        publish(cluster.get(0), 1); // lost on its way to node-b: found by the gap behind the next one
        publish(cluster.get(0), 2);
        carrierOfB.dropIncoming(1);
        publish(cluster.get(0), 3); // lost, and nothing follows: found by the log check
        everyDeviceHasEveryEventOnce(4);
        assertThat(metric(cluster.get(1), "switchboard_cluster_log_read_events")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void redisStoppedAndStartedUnderLoadLosesAndDoublesNothing(@TempDir Path dir) throws Exception {
        List<TestGateway> cluster = cluster(dir, "1s");
        AtomicBoolean publishing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<CompletableFuture<Integer>> publishers = new ArrayList<>();
        for (TestGateway gw : cluster) {
            publishers.add(CompletableFuture.supplyAsync(() -> {
                int n = 0;
                while (publishing.get()) {
                    publish(gw, n++);
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        break;
                    }
                }
                return n;
            }, pool));
        }
        Thread.sleep(500);
        WsClient console = WsClient.connect("ws://127.0.0.1:" + cluster.get(2).gateway().wsPort() + "/admin/ws?token="
                + cluster.get(2).token("ops", Role.ADMIN));
        assertThat(console.next("snapshot").path("stats").has("degraded")).as("nothing degraded yet").isFalse();
        redis.stop();
        for (TestGateway gw : cluster) {
            Await.until(gw.gateway().config().nodeId() + " says it is degraded",
                    () -> "degraded".equals(gw.service().get("/health/ready").json().path("status").asText()));
            assertThat(metric(gw, "switchboard_cluster_degraded")).isEqualTo(1.0);
        }
        // and a console watching node-c sees it on the admin stream
        JsonNode degraded = console.next(f -> f.path("stats").has("degraded")).path("stats").path("degraded");
        assertThat(degraded.toString()).contains("redis unavailable");
        console.close();
        Thread.sleep(1000); // publishing on, Redis away: the nodes read each other's commits from the log
        redis.startAgain();
        for (TestGateway gw : cluster) {
            Await.until(gw.gateway().config().nodeId() + " back on Redis",
                    () -> "ready".equals(gw.service().get("/health/ready").json().path("status").asText()));
        }
        Thread.sleep(500);
        publishing.set(false);
        int total = 0;
        for (CompletableFuture<Integer> p : publishers) {
            total += p.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        everyDeviceHasEveryEventOnce(total);
    }

    @Test
    void aMessageNotSignedByANodeIsNotDelivered(@TempDir Path dir) {
        List<TestGateway> cluster = cluster(dir, "200ms");
        String channel = "switchboard:commits:" + cluster.get(0).gateway().eventLog().database().epoch();
        // What a stranger with access to Redis could send: a well-formed batch claiming the room's next offset.
        String fake = "{\"node\":\"node-x\",\"committedAt\":0,\"events\":[{\"event\":{\"id\":\"forged-1\","
                + "\"type\":\"doc.edit\",\"version\":1,\"occurredAt\":\"2026-12-04T00:00:00Z\",\"resourceId\":\"doc:0\","
                + "\"payload\":{\"i\":666},\"seq\":1},\"rooms\":{\"" + ROOM + "\":1},\"epoch\":\"x\"}]}";
        RedisClient stranger = RedisClient.create(redis.url());
        try (var c = stranger.connect()) {
            assertThat(c.sync().publish(channel, fake)).as("every node subscribed").isEqualTo(3L);
            assertThat(c.sync().publish(channel, "AAAA." + fake)).isEqualTo(3L);
        } finally {
            stranger.shutdown();
        }
        publish(cluster.get(0), 0);
        for (WsClient device : devices) {
            JsonNode first = device.events(ROOM, 1).get(0);
            assertThat(first.path("offset").asLong()).isEqualTo(1);
            assertThat(first.path("event").path("payload").path("i").asInt()).as("the committed event, not the forged one").isZero();
        }
        for (TestGateway gw : cluster.subList(1, 3)) {
            assertThat(metric(gw, "switchboard_cluster_redis_forged_messages")).isEqualTo(2.0);
        }
    }
}
