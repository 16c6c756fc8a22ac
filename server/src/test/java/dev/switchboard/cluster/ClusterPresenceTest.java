package dev.switchboard.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.config.ConfigKey;
import dev.switchboard.fanout.SequencedBus;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.GatewayProcess;
import dev.switchboard.testing.PostgresSchema;
import dev.switchboard.testing.TestCluster;
import dev.switchboard.testing.TestGateway;
import dev.switchboard.testing.TestRedis;
import dev.switchboard.testing.WsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Presence across the nodes of a cluster (real PostgreSQL, real Redis): members connected to
 * different nodes see each other join, change and leave as if on one node; a node killed with
 * SIGKILL has its members leave everywhere within the registry's dead-after time; after a Redis
 * outage the nodes agree again on who is present.
 */
class ClusterPresenceTest {
    private static final String ROOM = "doc:presence";

    @RegisterExtension
    final PostgresSchema pg = new PostgresSchema();

    private TestRedis redis;
    private TestCluster cluster;
    private GatewayProcess process;

    @BeforeEach
    void startRedis() {
        redis = TestRedis.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (process != null) {
            process.close();
        }
        if (cluster != null) {
            cluster.close();
        }
        redis.close();
    }

    private void start(Path dir, int nodes) {
        cluster = TestCluster.start(pg, dir, nodes, Map.of(ConfigKey.REDIS_URL, redis.url(), ConfigKey.CLUSTER_LOG_POLL, "50ms"));
        for (TestGateway gw : cluster.nodes()) {
            Await.until(gw.gateway().config().nodeId() + " on Redis", () -> !((SequencedBus) gw.gateway().bus()).degraded());
        }
        for (String user : List.of("ann", "ben", "cat", "dora")) {
            assertThat(cluster.node(0).service().put("/api/acl/" + ROOM + "/members/" + user).status()).isEqualTo(204);
        }
    }

    private static int remote(TestGateway gw) {
        return gw.gateway().webSockets().clusterPresence().remoteMembers();
    }

    private static Predicate<JsonNode> presence(String user, String action) {
        return f -> "presence".equals(f.path("op").asText()) && ROOM.equals(f.path("room").asText())
                && user.equals(f.path("userId").asText()) && action.equals(f.path("action").asText());
    }

    private static void setState(WsClient c, String status) {
        c.send("{\"op\":\"presence\",\"room\":\"" + ROOM + "\",\"state\":{\"status\":\"" + status + "\"}}");
    }

    @Test
    void membersOnDifferentNodesSeeEachOtherJoinChangeAndLeave(@TempDir Path dir) {
        start(dir, 3);
        WsClient ann = cluster.connect(0, "ann", "phone");
        ann.join(ROOM);
        setState(ann, "reading");
        Await.until("ann known on node-b", () -> remote(cluster.node(1)) == 1);

        WsClient ben = cluster.connect(1, "ben", "laptop");
        ben.join(ROOM);
        JsonNode annSeenByBen = ben.next(presence("ann", "join"));
        assertThat(annSeenByBen.path("state").path("status").asText()).as("with her last state").isEqualTo("reading");
        assertThat(annSeenByBen.path("deviceId").asText()).isEqualTo("phone");
        JsonNode benSeenByAnn = ann.next(presence("ben", "join"));
        assertThat(benSeenByAnn.path("connectionId").asText()).isNotBlank();

        Await.until("ann and ben known on node-c", () -> remote(cluster.node(2)) == 2);
        WsClient cat = cluster.connect(2, "cat", "tablet");
        cat.join(ROOM);
        assertThat(List.of(cat.next(presence("ann", "join").or(presence("ben", "join"))).path("userId").asText(),
                cat.next(presence("ann", "join").or(presence("ben", "join"))).path("userId").asText()))
                .as("whoever is present, in any order").containsExactlyInAnyOrder("ann", "ben");
        ann.next(presence("cat", "join"));
        ben.next(presence("cat", "join"));

        setState(ben, "typing");
        assertThat(ann.next(presence("ben", "update")).path("state").path("status").asText()).isEqualTo("typing");
        assertThat(cat.next(presence("ben", "update")).path("state").path("status").asText()).isEqualTo("typing");

        cat.close();
        ann.next(presence("cat", "leave"));
        ben.next(presence("cat", "leave"));
        Await.until("cat gone from node-a's view", () -> remote(cluster.node(0)) == 1);
    }

    @Test
    void aKilledNodesMembersLeaveOnEveryOtherNode(@TempDir Path dir) throws Exception {
        start(dir, 2);
        process = GatewayProcess.start(dir.resolve("proc"), dir, "--db-url", pg.url(), "--db-user", "postgres",
                "--redis-url", redis.url());
        WsClient ann = cluster.connect(0, "ann", "phone");
        ann.join(ROOM);
        WsClient dora = WsClient.connect(process.wsUrl("dora", "tablet"));
        dora.join(ROOM);
        ann.next(presence("dora", "join"));
        Await.until("dora known on node-b", () -> remote(cluster.node(1)) == 2);

        long killed = System.nanoTime();
        process.kill();
        ann.next(presence("dora", "leave"));
        long seconds = (System.nanoTime() - killed) / 1_000_000_000L;
        assertThat(seconds).as("within the dead-after time and a heartbeat or two").isLessThan(12);
        Await.until("dora gone from node-b's view too", () -> remote(cluster.node(1)) == 1);
    }

    @Test
    void afterARedisOutageTheNodesAgreeOnWhoIsPresent(@TempDir Path dir) {
        start(dir, 2);
        WsClient ann = cluster.connect(0, "ann", "phone");
        ann.join(ROOM);
        WsClient ben = cluster.connect(1, "ben", "laptop");
        ben.join(ROOM);
        ann.next(presence("ben", "join"));

        redis.stop();
        for (TestGateway gw : cluster.nodes()) {
            Await.until(gw.gateway().config().nodeId() + " off Redis", () -> ((SequencedBus) gw.gateway().bus()).degraded());
        }
        // While the nodes cannot hear each other: ben leaves, cat comes, both on node-b.
        ben.close();
        WsClient cat = cluster.connect(1, "cat", "tablet");
        cat.join(ROOM);
        setState(cat, "away");

        redis.startAgain();
        JsonNode catSeen = ann.next(presence("cat", "join"));
        assertThat(catSeen.path("state").path("status").asText()).isEqualTo("away");
        ann.next(presence("ben", "leave"));
        cat.next(presence("ann", "join"));
        Await.until("node-a holds cat alone from node-b", () -> remote(cluster.node(0)) == 1);
    }
}
