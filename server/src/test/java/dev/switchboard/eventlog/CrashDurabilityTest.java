package dev.switchboard.eventlog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.auth.Role;
import dev.switchboard.auth.TokenIssuer;
import dev.switchboard.model.json.Json;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.GatewayProcess;
import dev.switchboard.testing.TestGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.switchboard.testing.Api.event;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 201 means durable: a gateway process SIGKILLed in the middle of concurrent publishing keeps every
 * event it acknowledged, at the same offsets and versions, and continues the sequences after restart.
 */
class CrashDurabilityTest {
    private static final List<String> ROOMS = List.of("crash:a", "crash:b", "crash:c");
    private static final int PUBLISHERS = 16;
    private static final int ACKED_BEFORE_KILL = 1500;
    /** Fold the tail in small slices all the time, so the kill lands with part of it folded. */
    private static final String[] FOLD_OFTEN = {"--log-materialize-every", "40", "--log-fold-slice-rows", "3"};

    private record Ack(String id, long seq, long version, String resourceId, Map<String, Long> offsets) {
    }

    @Test
    void everyAcknowledgedPublishSurvivesSigkill(@TempDir Path work) throws Exception {
        Path data = work.resolve("data");
        String token = new TokenIssuer(TestGateway.SECRET, Clock.systemUTC()).issue("backend", Role.SERVICE, null, Duration.ofHours(1));
        Map<String, Ack> acked = new ConcurrentHashMap<>();

        GatewayProcess first = GatewayProcess.start(data, work, FOLD_OFTEN);
        Api api = first.api(token);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger counter = new AtomicInteger();
        CountDownLatch enough = new CountDownLatch(ACKED_BEFORE_KILL);
        List<Thread> publishers = new ArrayList<>();
        for (int t = 0; t < PUBLISHERS; t++) {
            Thread th = new Thread(() -> {
                while (!stop.get()) {
                    int n = counter.incrementAndGet();
                    String id = "crash-" + n;
                    List<String> rooms = n % 3 == 0 ? ROOMS : List.of(ROOMS.get(n % ROOMS.size()));
                    var body = event("crash.test.published", "res:" + (n % 11), rooms, Json.object().put("n", n));
                    body.put("id", id);
                    try {
                        Api.Response r = api.publish(body);
                        if (r.status() == 201) {
                            JsonNode a = r.json();
                            Map<String, Long> offsets = new HashMap<>();
                            a.get("offsets").fields().forEachRemaining(e -> offsets.put(e.getKey(), e.getValue().asLong()));
                            acked.put(id, new Ack(id, a.get("seq").asLong(), a.get("version").asLong(), "res:" + (n % 11), offsets));
                            enough.countDown();
                        }
                    } catch (RuntimeException e) {
                        // The process died under this request: it was never acknowledged.
                    }
                }
            });
            th.start();
            publishers.add(th);
        }
        assertThat(enough.await(120, TimeUnit.SECONDS)).as("publishes acknowledged before the kill").isTrue();
        first.kill();
        stop.set(true);
        for (Thread th : publishers) {
            th.join(30_000);
        }
        Map<String, Ack> acknowledged = new HashMap<>(acked);
        assertThat(acknowledged.size()).isGreaterThanOrEqualTo(ACKED_BEFORE_KILL);

        assertThat(data.resolve("switchboard.running")).as("a killed gateway leaves its run marker").exists();
        try (GatewayProcess second = GatewayProcess.start(data, work, FOLD_OFTEN)) {
            // H2 may reopen a killed file with a row lock of the dead process that spins the first UPDATE
            // forever; the restart compacts the file first (UncleanStopRecovery).
            assertThat(second.log()).contains("did not close the event log cleanly; compacted");
            Api after = second.api(token);
            Map<String, Map<String, Long>> storedOffsets = new HashMap<>();
            Map<String, long[]> storedSeqVersion = new HashMap<>();
            Map<String, Long> heads = new HashMap<>();
            Map<String, Map<String, Long>> latestVersionByRoom = new HashMap<>();
            for (String room : ROOMS) {
                long cursor = 0;
                boolean more = true;
                while (more) {
                    JsonNode page = after.get("/api/rooms/" + room + "/events?after=" + cursor).json();
                    for (JsonNode e : page.get("events")) {
                        long offset = e.get("offset").asLong();
                        assertThat(offset).as("gap-free stream %s", room).isEqualTo(cursor + 1);
                        cursor = offset;
                        String id = e.at("/event/id").asText();
                        storedOffsets.computeIfAbsent(id, k -> new HashMap<>()).put(room, offset);
                        storedSeqVersion.put(id, new long[] {e.at("/event/seq").asLong(), e.at("/event/version").asLong()});
                        latestVersionByRoom.computeIfAbsent(room, k -> new HashMap<>())
                                .put(e.at("/event/resourceId").asText(), e.at("/event/version").asLong());
                    }
                    more = page.get("hasMore").asBoolean();
                }
                heads.put(room, cursor);
            }
            for (Ack ack : acknowledged.values()) {
                assertThat(storedOffsets.get(ack.id())).as("offsets of acknowledged %s", ack.id()).isEqualTo(ack.offsets());
                assertThat(storedSeqVersion.get(ack.id())).as("seq and version of %s", ack.id())
                        .containsExactly(ack.seq(), ack.version());
            }

            // Snapshots after the crash agree with the streams (the unfolded tail was rebuilt).
            for (String room : ROOMS) {
                JsonNode snap = after.get("/api/rooms/" + room + "/snapshot").json();
                Map<String, Long> versions = new HashMap<>();
                snap.get("resources").forEach(r -> versions.put(r.get("resourceId").asText(), r.get("version").asLong()));
                assertThat(versions).as("snapshot of %s", room).isEqualTo(latestVersionByRoom.get(room));
                assertThat(snap.get("offset").asLong()).isEqualTo(heads.get(room));
            }

            // New publishes continue every sequence where the log left off.
            var next = event("crash.test.published", "res:0", ROOMS, Json.object().put("after", "restart"));
            Api.Response r = after.publish(next);
            assertThat(r.status()).isEqualTo(201);
            for (String room : ROOMS) {
                assertThat(r.json().at("/offsets/" + room).asLong()).isEqualTo(heads.get(room) + 1);
            }
            long maxVersionRes0 = storedSeqVersion.entrySet().stream()
                    .filter(e -> Integer.parseInt(e.getKey().substring("crash-".length())) % 11 == 0)
                    .mapToLong(e -> e.getValue()[1]).max().orElse(0);
            assertThat(r.json().get("version").asLong()).isEqualTo(maxVersionRes0 + 1);
            long maxSeq = storedSeqVersion.values().stream().mapToLong(v -> v[0]).max().orElse(0);
            assertThat(r.json().get("seq").asLong()).isGreaterThan(maxSeq);
        }
    }
}
