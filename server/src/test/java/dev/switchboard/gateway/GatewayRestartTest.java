package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.auth.Role;
import dev.switchboard.auth.TokenIssuer;
import dev.switchboard.model.json.Json;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.GatewayProcess;
import dev.switchboard.testing.TestGateway;
import dev.switchboard.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway as a separate process: killed with SIGKILL while clients are connected and publishers
 * publish, then started again on the same data; and stopped with SIGTERM (drain, exit 0).
 */
class GatewayRestartTest {
    private static final String ROOM = "doc:restart";
    private static final String SERVICE = new TokenIssuer(TestGateway.SECRET, Clock.systemUTC())
            .issue("backend", Role.SERVICE, null, Duration.ofHours(1));

    /** A device that remembers its cursor: every event frame it got, by offset. */
    private static final class Device {
        final String user;
        final String name;
        final Map<Long, String> received = new LinkedHashMap<>();
        String epoch;
        long cursor;
        WsClient socket;

        Device(String user, String name) {
            this.user = user;
            this.name = name;
        }

        void connect(GatewayProcess gateway) {
            socket = WsClient.connect(gateway.wsUrl(user, name));
            socket.next("welcome");
            JsonNode joined = epoch == null ? socket.join(ROOM) : socket.join(ROOM, epoch, cursor);
            assertThat(joined.path("op").asText()).as(joined.toString()).isEqualTo("joined");
            if (epoch != null) {
                assertThat(joined.path("recovered").asBoolean()).as(name + " recovers with its cursor").isTrue();
                assertThat(joined.path("epoch").asText()).as("the log keeps its epoch across a crash").isEqualTo(epoch);
            }
            if (epoch == null) {
                cursor = joined.path("offset").asLong();
            } else {
                // Recovering: the replay continues right after the cursor, up to the head in joined.offset.
                assertThat(joined.path("offset").asLong() - cursor).isEqualTo(joined.path("replayed").asLong());
            }
            epoch = joined.path("epoch").asText();
        }

        /** Applies what was received, in order, checking there is no gap and no duplicate. */
        void take(List<JsonNode> frames) {
            for (JsonNode f : frames) {
                if (!f.path("op").asText().equals("event") || !f.path("room").asText().equals(ROOM)) {
                    continue;
                }
                long offset = f.path("offset").asLong();
                assertThat(offset).as(name + " receives offsets in order without gaps or repeats").isEqualTo(cursor + 1);
                received.put(offset, f.path("event").path("id").asText());
                cursor = offset;
            }
        }
    }

    private static Api.Response publish(Api api, String resource) {
        ObjectNode payload = Json.object();
        payload.put("r", resource);
        return api.publish(Api.event("doc.changed", resource, List.of(ROOM), payload));
    }

    @Test
    void afterASigkillEveryClientRecoversEverythingWithItsCursor(@TempDir Path work) throws Exception {
        Path data = Files.createDirectories(work.resolve("data"));
        GatewayProcess first = GatewayProcess.start(data, work);
        Api api = first.api(SERVICE);
        for (String user : List.of("rita", "sam")) {
            assertThat(api.put("/api/acl/" + ROOM + "/members/" + user).status()).isEqualTo(204);
        }
        List<Device> devices = List.of(new Device("rita", "phone"), new Device("rita", "laptop"), new Device("sam", "desk"));
        for (Device d : devices) {
            d.connect(first);
        }
        // Publishers keep publishing through the crash; only 201s count as accepted.
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> publishers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int id = t;
            Thread th = new Thread(() -> {
                int n = 0;
                while (!stop.get()) {
                    try {
                        Api.Response r = publish(api, "p" + id + "-" + n++);
                        if (r.status() == 201) {
                            accepted.add(r.json().path("id").asText());
                        }
                    } catch (RuntimeException e) {
                        return; // the gateway is gone
                    }
                }
            });
            th.start();
            publishers.add(th);
        }
        while (accepted.size() < 200) {
            Thread.sleep(10);
        }
        first.kill();
        stop.set(true);
        for (Thread th : publishers) {
            th.join();
        }
        for (Device d : devices) {
            assertThat(d.socket.awaitClose()).as("the client sees the connection drop").isEqualTo(1006);
            d.take(d.socket.drain());
            assertThat(d.cursor).as(d.name + " had received events live before the crash").isGreaterThan(0);
        }

        try (GatewayProcess second = GatewayProcess.start(data, work)) {
            Api api2 = second.api(SERVICE);
            for (Device d : devices) {
                d.connect(second);
            }
            List<String> after = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                Api.Response r = publish(api2, "after-" + i);
                assertThat(r.status()).isEqualTo(201);
                after.add(r.json().path("id").asText());
                accepted.add(r.json().path("id").asText());
            }
            // The log's own view of the room after the restart: everything that was ever committed.
            List<String> log = new ArrayList<>();
            long next = 0;
            boolean more = true;
            while (more) {
                JsonNode page = api2.get("/api/rooms/" + ROOM + "/events?after=" + next).json();
                for (JsonNode e : page.path("events")) {
                    log.add(e.path("event").path("id").asText());
                }
                next = page.path("nextOffset").asLong();
                more = page.path("hasMore").asBoolean();
            }
            assertThat(log).as("every acknowledged publish survived the SIGKILL").containsAll(accepted);
            for (Device d : devices) {
                while (d.cursor < log.size()) {
                    d.take(List.of(d.socket.next("event")));
                }
                assertThat(new ArrayList<>(d.received.values())).as(d.name + " converged to the log")
                        .containsExactlyElementsOf(log);
                d.socket.close();
            }
        }
    }

    @Test
    void sigtermDrainsClientsWith1012AndExitsZero(@TempDir Path work) throws Exception {
        Path data = Files.createDirectories(work.resolve("data"));
        GatewayProcess gateway = GatewayProcess.start(data, work, "--drain-grace", "1s", "--drain-reconnect-spread", "2s");
        WsClient a = WsClient.connect(gateway.wsUrl("tom", "phone"));
        WsClient b = WsClient.connect(gateway.wsUrl("uma", "desk"));
        a.next("welcome");
        b.next("welcome");
        long start = System.nanoTime();
        int exit = gateway.terminate();
        for (WsClient c : List.of(a, b)) {
            JsonNode draining = c.next("draining");
            assertThat(draining.path("reconnectInMs").asLong()).isBetween(0L, 2000L);
            assertThat(draining.path("reason").asText()).isNotEmpty();
            assertThat(c.awaitClose()).as("closed after the grace period").isEqualTo(1012);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("waited for the grace period")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(exit).isZero();
        assertThat(gateway.log()).contains("drained");
    }
}
