package dev.switchboard.eventlog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.json.Json;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.TestGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.switchboard.testing.Api.event;
import static org.assertj.core.api.Assertions.assertThat;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Many publishers at once on the same rooms and resources: offsets and versions never repeat or skip. */
class ConcurrentPublishTest {
    private static final List<String> ROOMS = List.of("race:a", "race:b", "race:c");
    private static final int THREADS = 24;
    private static final int PER_THREAD = 120;

    @Test
    void offsetsAndVersionsAreGapFreeAndUnique(@TempDir Path data) throws Exception {
        try (TestGateway gw = TestGateway.start(data)) {
            ConcurrentLinkedQueue<JsonNode> answers = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<String> resourceOf = new ConcurrentLinkedQueue<>();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < PER_THREAD; i++) {
                        ThreadLocalRandom random = ThreadLocalRandom.current();
                        List<String> rooms = new ArrayList<>(ROOMS);
                        Collections.shuffle(rooms, random);
                        rooms = rooms.subList(0, 1 + random.nextInt(ROOMS.size()));
                        String resource = "item:" + random.nextInt(5);
                        Api.Response r = gw.service.publish(event("race.item.changed", resource, rooms, Json.object().put("i", i)));
                        assertThat(r.status()).as(r.toString()).isEqualTo(201);
                        JsonNode a = r.json();
                        ((ObjectNode) a).put("resourceId", resource);
                        answers.add(a);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
            assertThat(answers).hasSize(THREADS * PER_THREAD);

            Map<String, List<Long>> offsetsByRoom = new HashMap<>();
            Map<String, List<Long>> versionsByResource = new HashMap<>();
            List<Long> seqs = new ArrayList<>();
            Map<String, String> idAt = new HashMap<>();
            for (JsonNode a : answers) {
                seqs.add(a.get("seq").asLong());
                versionsByResource.computeIfAbsent(a.get("resourceId").asText(), k -> new ArrayList<>()).add(a.get("version").asLong());
                a.get("offsets").fields().forEachRemaining(e -> {
                    offsetsByRoom.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue().asLong());
                    idAt.put(e.getKey() + "@" + e.getValue().asLong(), a.get("id").asText());
                });
            }
            assertThat(seqs).doesNotHaveDuplicates();
            offsetsByRoom.forEach((room, offsets) -> assertThat(sorted(offsets)).as(room).isEqualTo(oneTo(offsets.size())));
            versionsByResource.forEach((res, versions) -> assertThat(sorted(versions)).as(res).isEqualTo(oneTo(versions.size())));

            // What the log serves back agrees with what each publisher was told.
            for (String room : ROOMS) {
                long cursor = 0;
                boolean more = true;
                while (more) {
                    JsonNode page = gw.service.get("/api/rooms/" + room + "/events?after=" + cursor).json();
                    for (JsonNode e : page.get("events")) {
                        cursor = e.get("offset").asLong();
                        assertThat(e.at("/event/id").asText()).isEqualTo(idAt.get(room + "@" + cursor));
                    }
                    more = page.get("hasMore").asBoolean();
                }
                assertThat(cursor).isEqualTo(offsetsByRoom.get(room).size());
            }
        }
    }

    @Test
    void compareAndSetPublishersNeverWinTheSameVersion(@TempDir Path data) throws Exception {
        try (TestGateway gw = TestGateway.start(data)) {
            AtomicInteger conflicts = new AtomicInteger();
            ConcurrentLinkedQueue<Long> won = new ConcurrentLinkedQueue<>();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        while (true) {
                            long current = gw.service.get("/api/rooms/cas:room/snapshot").json()
                                    .path("resources").path(0).path("version").asLong(0);
                            var body = event("cas.counter.incremented", "counter:1", List.of("cas:room"), Json.object().put("value", current + 1));
                            body.put("expectedVersion", current);
                            Api.Response r = gw.service.publish(body);
                            if (r.status() == 201) {
                                won.add(r.json().get("version").asLong());
                                break;
                            }
                            assertThat(r.status()).isEqualTo(409);
                            assertThat(r.error()).isEqualTo("version_conflict");
                            assertThat(r.json().get("currentVersion").asLong()).isGreaterThan(current);
                            conflicts.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
            assertThat(sorted(new ArrayList<>(won))).isEqualTo(oneTo(200));
            JsonNode snap = gw.service.get("/api/rooms/cas:room/snapshot").json();
            assertThat(snap.at("/resources/0/version").asLong()).isEqualTo(200);
            assertThat(snap.at("/resources/0/state/value").asLong()).isEqualTo(200);
            assertThat(snap.get("offset").asLong()).as("refused publishes stored nothing").isEqualTo(200);
        }
    }

    private static List<Long> sorted(List<Long> values) {
        List<Long> copy = new ArrayList<>(values);
        Collections.sort(copy);
        return copy;
    }

    private static List<Long> oneTo(int n) {
        List<Long> r = new ArrayList<>();
        for (long i = 1; i <= n; i++) {
            r.add(i);
        }
        return r;
    }
}
