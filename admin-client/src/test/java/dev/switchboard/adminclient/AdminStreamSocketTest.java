package dev.switchboard.adminclient;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.auth.Role;
import dev.switchboard.model.admin.AdminDelta;
import dev.switchboard.model.admin.AdminFrame;
import dev.switchboard.model.admin.FaultRequest;
import dev.switchboard.model.json.Json;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.TestGateway;
import dev.switchboard.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin stream of a real gateway, decoded into records: the snapshot, then each kind of delta. */
class AdminStreamSocketTest {
    @RegisterExtension
    static final TestGateway.PerClass gw = TestGateway.perClass();

    /** Everything a stream delivered, frames and deltas flattened, in order. */
    private static final class Recorder implements AdminStreamSocket.Listener {
        final BlockingQueue<Object> seen = new LinkedBlockingQueue<>();

        @Override
        public void frame(AdminFrame frame) {
            seen.add(frame);
            if (frame instanceof AdminFrame.Deltas d) {
                seen.addAll(d.items());
                if (d.stats() != null) {
                    seen.add(d.stats());
                }
            }
        }

        @Override
        public void ended(String why) {
            seen.add("ended: " + why);
        }

        <T> T next(Class<T> type, Predicate<T> match) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) {
                Object o = seen.poll(100, TimeUnit.MILLISECONDS);
                if (type.isInstance(o) && match.test(type.cast(o))) {
                    return type.cast(o);
                }
            }
            throw new AssertionError("no " + type.getSimpleName() + " in time");
        }
    }

    private static AdminHttpClient client(Role role) {
        return new AdminHttpClient(gw.gateway().httpUrl("127.0.0.1"), gw.token("ops", role), AdminHttpClient.defaultHttp());
    }

    @Test
    void snapshotThenConnectionRoomEventFailureAndStatsDeltasDecodeIntoRecords() throws Exception {
        Recorder r = new Recorder();
        gw.service().put("/api/acl/doc:stream/members/sam");
        try (AdminStreamSocket stream = AdminStreamSocket.open(client(Role.ADMIN), r).get(10, TimeUnit.SECONDS)) {
            AdminFrame.Snapshot snapshot = r.next(AdminFrame.Snapshot.class, s -> true);
            assertThat(snapshot.node()).isEqualTo("test-node");
            assertThat(snapshot.stats()).isNotNull();
            stream.subscribe(7, List.of("connections", "rooms", "events", "failures", "stats"), null, null);
            assertThat(r.next(AdminFrame.Subscribed.class, s -> true).ref().asLong()).isEqualTo(7);

            try (WsClient phone = gw.connect("sam", "phone")) {
                phone.next("welcome");
                AdminDelta.ConnectionOpened opened = r.next(AdminDelta.ConnectionOpened.class,
                        o -> o.userId().equals("sam"));
                assertThat(opened.deviceId()).isEqualTo("phone");
                assertThat(opened.topic()).isEqualTo("connections");
                assertThat(opened.at()).isPositive();

                phone.join("doc:stream");
                AdminDelta.RoomJoined joined = r.next(AdminDelta.RoomJoined.class, j -> j.room().equals("doc:stream"));
                assertThat(joined.connectionId()).isEqualTo(opened.connectionId());

                client(Role.ADMIN).injectFault(FaultRequest.onConnection(opened.connectionId(), "drop").count(1)).get(10, TimeUnit.SECONDS);
                ObjectNode payload = Json.object();
                payload.put("n", 1);
                Api.Response published = gw.service().publish(Api.event("doc.changed", "d1", List.of("doc:stream"), payload));
                String eventId = published.json().path("id").asText();
                AdminDelta.EventPublished event = r.next(AdminDelta.EventPublished.class, e -> e.eventId().equals(eventId));
                assertThat(event.rooms()).containsEntry("doc:stream", 1L);
                AdminDelta.DeliveryFailed failed = r.next(AdminDelta.DeliveryFailed.class,
                        f -> f.connectionId().equals(opened.connectionId()));
                assertThat(failed.reason()).isEqualTo("injected_drop");
                assertThat(failed.injected()).isTrue();
                assertThat(failed.offset()).isEqualTo(1L);

                AdminDelta.Stats stats = r.next(AdminDelta.Stats.class, s -> s.eventsFannedOut() != null);
                assertThat(stats.eventsFannedOut()).isPositive();
                assertThat(stats.deliveryLatencyMs()).isNotNull();
            }
            AdminDelta.ConnectionClosed closed = r.next(AdminDelta.ConnectionClosed.class, c -> c.userId().equals("sam"));
            assertThat(closed.code()).isPositive();
        }
    }

    @Test
    void aFilteredSubscriptionGetsOnlyMatchingEventsAndAFloodPastItsCapAMoreCount() throws Exception {
        Recorder r = new Recorder();
        try (AdminStreamSocket stream = AdminStreamSocket.open(client(Role.ADMIN), r).get(10, TimeUnit.SECONDS)) {
            r.next(AdminFrame.Snapshot.class, s -> true);
            stream.subscribe(8, StreamSubscription.of(List.of("events", "failures")).type("flood.*")
                    .resource("res-keep").maxPerSecond(5));
            AdminFrame.Subscribed ok = r.next(AdminFrame.Subscribed.class, s -> s.ref().asLong() == 8);
            assertThat(ok.maxPerSecond()).isEqualTo(5);

            String other = publish("other.changed", "res-keep");
            String otherResource = publish("flood.changed", "res-other");
            int flood = 40;
            for (int i = 0; i < flood; i++) {
                publish("flood.changed", "res-keep");
            }
            publish("flood.done", "res-keep");

            List<AdminDelta.EventPublished> received = new ArrayList<>();
            long more = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (received.size() + more < flood + 1 && System.nanoTime() < deadline) {
                Object o = r.seen.poll(100, TimeUnit.MILLISECONDS);
                if (o instanceof AdminFrame.Deltas d) {
                    more += d.more().getOrDefault("events", 0L);
                    assertThat(d.more().keySet()).as("only the subscribed topic").isSubsetOf("events");
                } else if (o instanceof AdminDelta.EventPublished e) {
                    received.add(e);
                }
            }
            assertThat(received).extracting(AdminDelta.EventPublished::eventId).doesNotContain(other, otherResource);
            assertThat(received).allSatisfy(e -> {
                assertThat(e.type()).startsWith("flood.");
                assertThat(e.resourceId()).isEqualTo("res-keep");
            });
            assertThat(more).as("the flood went past 5 a second").isPositive();
            assertThat(received.size() + more).as("every matching event is either sent or counted")
                    .isEqualTo(flood + 1);
        }
    }

    private static String publish(String type, String resource) {
        Api.Response r = gw.service().publish(Api.event(type, resource, List.of("doc:flood"), Json.object()));
        assertThat(r.status()).isEqualTo(201);
        return r.json().path("id").asText();
    }

    @Test
    void aNonAdminTokenIsRefusedAtTheUpgrade() throws Exception {
        Recorder r = new Recorder();
        AdminStreamSocket.open(client(Role.USER), r).get(10, TimeUnit.SECONDS);
        assertThat(r.next(String.class, s -> true)).isEqualTo("ended: HTTP 403");
    }
}
