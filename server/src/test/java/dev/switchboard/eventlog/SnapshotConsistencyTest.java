package dev.switchboard.eventlog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.config.ConfigKey;
import dev.switchboard.model.json.Json;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.TestGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static dev.switchboard.testing.Api.event;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Snapshots are exact whatever part of the log is folded into the snapshot tables and whatever part
 * is still the tail: checked against a model built from the publish answers, across restarts.
 */
class SnapshotConsistencyTest {
    private static final List<String> ROOMS = List.of("snap:a", "snap:b", "snap:c");

    /** room → resource → "version:payload" as the producer was told. */
    private final Map<String, Map<String, String>> model = new TreeMap<>();

    @ParameterizedTest(name = "fold the tail every {0} events, {1} rows a slice")
    @CsvSource({"1, 500", "7, 2", "20, 3", "1000000, 500"})
    void snapshotsMatchTheModelBeforeAndAfterRestarts(String materializeEvery, String sliceRows, @TempDir Path data) {
        Map<ConfigKey, String> config = Map.of(ConfigKey.LOG_MATERIALIZE_EVERY, materializeEvery,
                ConfigKey.LOG_FOLD_SLICE_ROWS, sliceRows);
        Random random = new Random(42);
        try (TestGateway gw = TestGateway.start(data, config)) {
            publishRandom(gw.service, random, 120);
            assertSnapshotsMatch(gw.service);
        }
        try (TestGateway gw = TestGateway.start(data, config)) {
            assertSnapshotsMatch(gw.service);
            publishRandom(gw.service, random, 80);
            assertSnapshotsMatch(gw.service);
        }
    }

    @Test
    void retentionNeverTrimsWhatASnapshotStillNeeds(@TempDir Path data) throws Exception {
        // The tail is folded rarely, retention runs often and keeps only 5 events per room: trimming
        // must wait for the fold, or snapshots would lose the state of trimmed events.
        Map<ConfigKey, String> config = Map.of(ConfigKey.LOG_MATERIALIZE_EVERY, "1000000",
                ConfigKey.LOG_RETAIN_PER_ROOM, "5", ConfigKey.LOG_RETENTION_INTERVAL, "20ms");
        Random random = new Random(7);
        try (TestGateway gw = TestGateway.start(data, config)) {
            for (int round = 0; round < 5; round++) {
                publishRandom(gw.service, random, 30);
                Thread.sleep(60);
                assertSnapshotsMatch(gw.service);
            }
            // After a quiet second the tail is folded, and then trimming catches up.
            long deadline = System.currentTimeMillis() + 10_000;
            JsonNode page;
            do {
                Thread.sleep(100);
                page = gw.service.get("/api/rooms/snap:a/events?after=0").json();
            } while (!page.get("snapshotRequired").asBoolean() && System.currentTimeMillis() < deadline);
            assertThat(page.get("snapshotRequired").asBoolean()).as("old history was trimmed").isTrue();
            assertSnapshotsMatch(gw.service);
        }
    }

    private void publishRandom(Api api, Random random, int n) {
        for (int i = 0; i < n; i++) {
            List<String> rooms = new ArrayList<>(ROOMS);
            Collections.shuffle(rooms, random);
            rooms = rooms.subList(0, 1 + random.nextInt(rooms.size()));
            String resource = "res:" + random.nextInt(10);
            int value = random.nextInt(1_000_000);
            Api.Response r = api.publish(event("snap.value.set", resource, rooms, Json.object().put("v", value)));
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
            long version = r.json().get("version").asLong();
            for (String room : rooms) {
                model.computeIfAbsent(room, k -> new TreeMap<>()).put(resource, version + ":" + value);
            }
        }
    }

    private void assertSnapshotsMatch(Api api) {
        for (String room : ROOMS) {
            JsonNode snap = api.get("/api/rooms/" + room + "/snapshot").json();
            Map<String, String> seen = new TreeMap<>();
            for (JsonNode r : snap.get("resources")) {
                seen.put(r.get("resourceId").asText(), r.get("version").asLong() + ":" + r.at("/state/v").asInt());
            }
            assertThat(seen).as("snapshot of %s", room).isEqualTo(model.getOrDefault(room, Map.of()));
            long head = api.get("/api/rooms/" + room + "/events?after=0&limit=1").json().get("head").asLong();
            assertThat(snap.get("offset").asLong()).isEqualTo(head);
        }
    }
}
