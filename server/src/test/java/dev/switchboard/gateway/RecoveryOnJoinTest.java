package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.config.ConfigKey;
import dev.switchboard.model.json.Json;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.TestGateway;
import dev.switchboard.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PROTOCOL.md §4, join with {@code after}: exactly the missed events, then live ones, with no gap and
 * no duplicate at the hand-over, or a snapshot when replay cannot be exact.
 */
class RecoveryOnJoinTest {
    @RegisterExtension
    static final TestGateway.PerClass gw = TestGateway.perClass();

    static String publish(String room, String resource) {
        return publish(gw, room, resource);
    }

    static String publish(TestGateway.PerClass gw, String room, String resource) {
        ObjectNode payload = Json.object();
        payload.put("r", resource);
        Api.Response r = gw.service().publish(Api.event("item.changed", resource, List.of(room), payload));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().path("id").asText();
    }

    @Test
    void aClientThatWasAwayGetsExactlyWhatItMissedThenLiveEvents() {
        String room = "doc:away";
        gw.service().put("/api/acl/" + room + "/members/ann");
        String epoch;
        long cursor;
        try (WsClient phone = gw.connect("ann", "phone")) {
            phone.next("welcome");
            epoch = phone.join(room).path("epoch").asText();
            for (int i = 0; i < 3; i++) {
                publish(room, "seen-" + i);
            }
            List<JsonNode> seen = phone.events(room, 3);
            cursor = seen.get(2).path("offset").asLong();
        }
        List<String> missed = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            missed.add(publish(room, "missed-" + i));
        }
        try (WsClient phone = gw.connect("ann", "phone")) {
            phone.next("welcome");
            JsonNode joined = phone.join(room, epoch, cursor);
            assertThat(joined.path("recovered").asBoolean()).isTrue();
            assertThat(joined.path("replayed").asLong()).isEqualTo(7);
            assertThat(joined.path("snapshotRequired").asBoolean()).isFalse();
            assertThat(joined.path("offset").asLong()).isEqualTo(cursor + 7);
            List<JsonNode> replay = phone.events(room, 7);
            for (int i = 0; i < 7; i++) {
                assertThat(replay.get(i).path("offset").asLong()).isEqualTo(cursor + 1 + i);
                assertThat(replay.get(i).path("event").path("id").asText()).isEqualTo(missed.get(i));
            }
            String live = publish(room, "live");
            JsonNode next = phone.events(room, 1).get(0);
            assertThat(next.path("offset").asLong()).isEqualTo(cursor + 8);
            assertThat(next.path("event").path("id").asText()).isEqualTo(live);
        }
    }

    @Test
    void joinAtTheHeadRecoversWithNothingToReplay() {
        String room = "doc:uptodate";
        gw.service().put("/api/acl/" + room + "/members/ben");
        publish(room, "a");
        try (WsClient c = gw.connect("ben", "d")) {
            c.next("welcome");
            JsonNode first = c.join(room);
            JsonNode again = c.join(room, first.path("epoch").asText(), first.path("offset").asLong());
            assertThat(again.path("recovered").asBoolean()).isTrue();
            assertThat(again.path("replayed").asLong()).isZero();
            publish(room, "b");
            JsonNode e = c.events(room, 1).get(0);
            assertThat(e.path("offset").asLong()).isEqualTo(first.path("offset").asLong() + 1);
            c.poll(Duration.ofMillis(200));
            assertThat(c.drain()).as("nothing sent twice after a re-join").noneMatch(f -> f.path("op").asText().equals("event"));
        }
    }

    @Test
    void theHandOverUnderConcurrentPublishingHasNoGapAndNoDuplicate() throws Exception {
        String room = "doc:busy";
        gw.service().put("/api/acl/" + room + "/members/cal");
        for (int i = 0; i < 50; i++) {
            publish(room, "before-" + i);
        }
        String epoch;
        try (WsClient probe = gw.connect("cal", "probe")) {
            probe.next("welcome");
            epoch = probe.join(room).path("epoch").asText();
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger published = new AtomicInteger(50);
        CountDownLatch running = new CountDownLatch(4);
        List<Thread> publishers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int id = t;
            Thread th = new Thread(() -> {
                running.countDown();
                int n = 0;
                while (!stop.get()) {
                    publish(room, "p" + id + "-" + n++);
                    published.incrementAndGet();
                }
            });
            th.start();
            publishers.add(th);
        }
        running.await();
        // Several clients join at different points of the stream while it keeps growing.
        List<WsClient> clients = new ArrayList<>();
        List<Long> from = new ArrayList<>();
        int atFirstJoin = published.get();
        int atLastJoin;
        try {
            for (int k = 0; k < 6; k++) {
                Thread.sleep(60);
                WsClient c = gw.connect("cal", "dev-" + k);
                c.next("welcome");
                long after = Math.max(0, published.get() - 40 - 10L * k); // some way behind the moving head
                JsonNode joined = c.join(room, epoch, after);
                assertThat(joined.path("recovered").asBoolean()).as(joined.toString()).isTrue();
                clients.add(c);
                from.add(after);
            }
            atLastJoin = published.get();
            Thread.sleep(300);
        } finally {
            stop.set(true);
            for (Thread th : publishers) {
                th.join();
            }
        }
        assertThat(atLastJoin - atFirstJoin).as("publishers kept publishing while clients joined").isGreaterThan(20);
        long head = published.get();
        for (int k = 0; k < clients.size(); k++) {
            WsClient c = clients.get(k);
            int expected = (int) (head - from.get(k));
            List<JsonNode> events = c.events(room, expected);
            for (int i = 0; i < expected; i++) {
                assertThat(events.get(i).path("offset").asLong()).as("client %d, event %d", k, i)
                        .isEqualTo(from.get(k) + 1 + i);
            }
            c.poll(Duration.ofMillis(100));
            assertThat(c.drain()).as("client %d: nothing beyond the head", k)
                    .noneMatch(f -> f.path("op").asText().equals("event"));
            c.close();
        }
    }

    @Test
    void moreThan500MissingAsksForASnapshotThenDeliversLive() {
        String room = "doc:far";
        gw.service().put("/api/acl/" + room + "/members/dan");
        for (int i = 0; i < 510; i++) {
            publish(room, "r" + (i % 20));
        }
        try (WsClient c = gw.connect("dan", "d")) {
            c.next("welcome");
            String epoch = c.join(room).path("epoch").asText();
            JsonNode joined = c.join(room, epoch, 5);
            assertThat(joined.path("recovered").asBoolean()).isFalse();
            assertThat(joined.path("snapshotRequired").asBoolean()).isTrue();
            assertThat(joined.path("replayed").asLong()).isZero();
            assertThat(joined.path("offset").asLong()).isEqualTo(510);
            publish(room, "live");
            assertThat(c.events(room, 1).get(0).path("offset").asLong()).isEqualTo(511);
            // exactly 500 behind is still replayed
            JsonNode within = c.join(room, epoch, 11);
            assertThat(within.path("recovered").asBoolean()).isTrue();
            assertThat(within.path("replayed").asLong()).isEqualTo(500);
            assertThat(c.events(room, 500).get(499).path("offset").asLong()).isEqualTo(511);
        }
    }

    @Test
    void anotherEpochOrAnOffsetBeyondTheHeadAsksForASnapshot() {
        String room = "doc:epoch";
        gw.service().put("/api/acl/" + room + "/members/eve");
        publish(room, "a");
        try (WsClient c = gw.connect("eve", "d")) {
            c.next("welcome");
            JsonNode other = c.join(room, "01OTHEREPOCH0000000000000", 0);
            assertThat(other.path("snapshotRequired").asBoolean()).isTrue();
            assertThat(other.path("recovered").asBoolean()).isFalse();
            JsonNode ahead = c.join(room, other.path("epoch").asText(), 99);
            assertThat(ahead.path("snapshotRequired").asBoolean()).isTrue();
        }
    }
}
