package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.auth.Role;
import dev.switchboard.auth.TokenIssuer;
import dev.switchboard.config.ConfigKey;
import dev.switchboard.model.json.Json;
import dev.switchboard.model.protocol.CloseCodes;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.KernelSockets;
import dev.switchboard.testing.TestGateway;
import dev.switchboard.testing.WsClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import dev.switchboard.testing.Await;
import java.util.function.Supplier;

/**
 * PROTOCOL.md §4, the protective limits and close codes, over real sockets: what a client notices when
 * it sends too much, too fast, too often wrong, reads too slowly, goes silent, outlives its token, or
 * is connected to a node that drains. Each limit is set small through configuration so every case runs
 * in a second or two. Each configuration has a gateway of its own, in a {@code @Nested} class (not a
 * static nested one: surefire skips those), and every case uses users of its own.
 */
class LimitsAndCloseCodesTest {

    /** The default limits: 64 KiB frames, 1 KiB presence states, 100 messages a second, 10 bad frames a minute. */
    @Nested
    class DefaultLimits {
        @RegisterExtension
        static final TestGateway.PerClass gw = TestGateway.perClass();

        // ---- frame size ---------------------------------------------------------------------------

        @Test
        void aMessageOverTheFrameLimitClosesWith1009AndOtherClientsKeepWorking() {
            grant(gw.service(), "doc:big", "big-bystander");
            try (WsClient big = gw.connect("big-sender", "d1"); WsClient other = gw.connect("big-bystander", "d1")) {
                big.next("welcome");
                other.next("welcome");
                assertThat(other.join("doc:big").path("op").asText()).isEqualTo("joined");

                // Just under the 64 KiB default: an ordinary (if fat) request, answered.
                ObjectNode fat = ping();
                fat.put("padding", "x".repeat(60_000));
                assertThat(big.request(fat).path("op").asText()).isEqualTo("pong");

                ObjectNode huge = ping();
                huge.put("ref", "huge");
                huge.put("padding", "x".repeat(70_000));
                big.send(huge);
                assertThat(big.awaitClose()).as("close code after a 70 KB message").isEqualTo(1009);
                assertThat(big.drain()).as("the oversized request is not answered")
                        .noneMatch(f -> "huge".equals(f.path("ref").asText(null)));

                assertStillOpen(other);
                publish(gw.service(), "doc:big", "after-1009", Json.object().put("n", 1));
                JsonNode event = other.next("event");
                assertThat(event.path("room").asText()).isEqualTo("doc:big");
                assertThat(event.path("event").path("resourceId").asText()).isEqualTo("after-1009");
            }
        }

        @Test
        void presenceStateOver1KiBIsRefusedWithTooLargeAndTheConnectionStays() {
            grant(gw.service(), "doc:fat-presence", "fat-presence");
            try (WsClient c = gw.connect("fat-presence", "d1")) {
                c.next("welcome");
                c.join("doc:fat-presence");

                ObjectNode big = Json.object();
                big.put("blob", "y".repeat(2_000));
                c.send(presence("doc:fat-presence", big));
                JsonNode error = c.next("error");
                assertThat(error.path("code").asText()).isEqualTo("too_large");
                assertThat(error.path("message").asText()).isNotEmpty();
                assertStillOpen(c);

                // A state just under 1 KiB is accepted: nothing but the pong comes back.
                ObjectNode fits = Json.object();
                fits.put("blob", "y".repeat(900));
                c.send(presence("doc:fat-presence", fits));
                assertThat(framesUntilPong(c)).as("frames answering a 0.9 KiB presence state").isEmpty();
                assertThat(c.ended()).isFalse();
            }
        }

        // ---- request errors ------------------------------------------------------------------------

        @Test
        void requestErrorsAnswerWithTheirCodeAndTheConnectionStays() {
            gw.service().put("/api/acl/doc:public/members/someone-else");
            try (WsClient c = gw.connect("erring", "d1")) {
                c.next("welcome");

                c.send("{\"op\":\"ping\",\"ref\":\"r0\"");
                JsonNode malformed = c.next("error");
                assertThat(malformed.path("code").asText()).isEqualTo("bad_request");
                assertThat(malformed.has("ref")).as("error frame has a ref field: " + malformed).isTrue();
                assertThat(malformed.get("ref").isNull()).as("ref of an unparseable frame: " + malformed).isTrue();
                assertStillOpen(c);

                ObjectNode teleport = op("teleport");
                JsonNode unknown = c.request(teleport);
                assertThat(unknown.path("op").asText()).isEqualTo("error");
                assertThat(unknown.path("code").asText()).isEqualTo("unknown_op");
                // A numeric ref comes back as the same number.
                c.send("{\"op\":\"teleport\",\"ref\":4242}");
                JsonNode numeric = c.next("error");
                assertThat(numeric.path("code").asText()).isEqualTo("unknown_op");
                assertThat(numeric.get("ref").isNumber()).as(numeric.toString()).isTrue();
                assertThat(numeric.get("ref").asLong()).isEqualTo(4242);
                assertStillOpen(c);

                JsonNode badRoom = c.request(WsClient.joinFrame("Not A Room!", null, 0));
                assertThat(badRoom.path("op").asText()).isEqualTo("error");
                assertThat(badRoom.path("code").asText()).isEqualTo("bad_request");
                assertStillOpen(c);

                ObjectNode leave = op("leave");
                leave.put("room", "doc:nowhere");
                JsonNode notJoinedLeave = c.request(leave);
                assertThat(notJoinedLeave.path("op").asText()).isEqualTo("error");
                assertThat(notJoinedLeave.path("code").asText()).isEqualTo("not_joined");
                assertStillOpen(c);

                ObjectNode ack = op("ack");
                ack.put("room", "doc:nowhere");
                ack.put("offset", 3);
                c.send(ack);
                assertThat(c.next("error").path("code").asText()).isEqualTo("not_joined");
                assertStillOpen(c);

                c.send(presence("doc:nowhere", Json.object().put("typing", true)));
                assertThat(c.next("error").path("code").asText()).isEqualTo("not_joined");
                assertStillOpen(c);

                JsonNode noGrant = c.join("doc:public");
                assertThat(noGrant.path("op").asText()).isEqualTo("error");
                assertThat(noGrant.path("code").asText()).isEqualTo("forbidden");
                assertStillOpen(c);

                JsonNode othersRoom = c.join("user:bob");
                assertThat(othersRoom.path("op").asText()).isEqualTo("error");
                assertThat(othersRoom.path("code").asText()).isEqualTo("forbidden");
                assertStillOpen(c);

                // The refused joins left nothing behind: no event of those rooms arrives.
                publish(gw.service(), "doc:public", "not-for-erring", Json.object().put("n", 1));
                publish(gw.service(), "user:bob", "not-for-erring", Json.object().put("n", 2));
                publish(gw.service(), "user:erring", "marker", Json.object().put("n", 3));
                assertThat(c.next("event").path("room").asText()).isEqualTo("user:erring");
            }
        }

        // ---- token expiry --------------------------------------------------------------------------

        @Test
        void aTokenThatExpiresWhileConnectedClosesWith4001() {
            TokenIssuer issuer = new TokenIssuer(TestGateway.SECRET, Clock.systemUTC());
            // JWT expiry has whole seconds, so this token lives two to three seconds.
            String token = issuer.issue("expiring", Role.USER, null, Duration.ofSeconds(3));
            WsClient c = WsClient.connect(gw.wsUrl(token) + "&device=d1");
            try {
                assertThat(c.next("welcome").path("userId").asText()).isEqualTo("expiring");
                assertStillOpen(c);
                assertThat(c.awaitClose(Duration.ofSeconds(20))).as("close code when the token expires").isEqualTo(4001);
            } finally {
                c.close();
            }
            WsClient again = WsClient.connect(gw.wsUrl(token) + "&device=d1");
            assertThat(again.refusedStatus()).as("reconnecting with the expired token").isEqualTo(401);
            again.close();
            awaitMetricAtLeast(gw.anonymous(), "switchboard_ws_connections_closed_total{code=\"4001\"}", 1);
        }
    }

    // ---- repeated bad frames -------------------------------------------------------------------

    @Nested
    class RepeatedBadFrames {
        @RegisterExtension
        static final TestGateway.PerClass gw = TestGateway.perClass(Map.of(ConfigKey.WS_MAX_BAD_FRAMES, "3"));

        @Test
        void theFourthBadFrameClosesWith4000() {
            try (WsClient c = gw.connect("abuser", "d1")) {
                c.next("welcome");
                c.send("this is not JSON");
                assertThat(c.next("error").path("code").asText()).isEqualTo("bad_request");
                assertThat(c.request(op("teleport")).path("code").asText()).isEqualTo("unknown_op");
                assertThat(c.request(WsClient.joinFrame("NOPE", null, 0)).path("code").asText()).isEqualTo("bad_request");
                // Good frames do not count.
                assertStillOpen(c);
                assertStillOpen(c);

                c.send("[\"still\", \"not\", \"an\", \"object\"]");
                assertThat(c.awaitClose()).as("close code after the fourth bad frame").isEqualTo(4000);
            }
            // Another connection of the same user starts with a clean slate.
            try (WsClient c = gw.connect("abuser", "d2")) {
                c.next("welcome");
                c.send("still not JSON");
                assertThat(c.next("error").path("code").asText()).isEqualTo("bad_request");
                assertStillOpen(c);
            }
            awaitMetricAtLeast(gw.anonymous(), "switchboard_ws_limit_events_total{limit=\"bad_frames\"}", 1);
            awaitMetricAtLeast(gw.anonymous(), "switchboard_ws_connections_closed_total{code=\"4000\"}", 1);
        }
    }

    // ---- message rate --------------------------------------------------------------------------

    @Nested
    class MessageRate {
        /** 5 frames a second, bursts of 10; more than 5 refused frames in a second close the connection. */
        @RegisterExtension
        static final TestGateway.PerClass gw = TestGateway.perClass(Map.of(ConfigKey.WS_MESSAGES_PER_SECOND, "5"));

        @Test
        void aBurstOverTheRateIsAnsweredRateLimitedAndTheConnectionStays() {
            try (WsClient c = gw.connect("bursty", "d1")) {
                c.next("welcome");
                int sent = 15; // the burst allowance (10) plus 5 refusals: one refusal short of the close
                for (int i = 0; i < sent; i++) {
                    ObjectNode p = ping();
                    p.put("ref", "b" + i);
                    c.send(p);
                }
                int pongs = 0;
                int limited = 0;
                while (pongs + limited < sent) {
                    JsonNode f = c.next(x -> x.path("op").asText().equals("pong") || x.path("op").asText().equals("error"));
                    if (f.path("op").asText().equals("pong")) {
                        pongs++;
                    } else {
                        assertThat(f.path("code").asText()).as(f.toString()).isEqualTo("rate_limited");
                        limited++;
                    }
                }
                assertThat(pongs).as("pings answered within the burst").isGreaterThanOrEqualTo(10);
                assertThat(limited).as("pings refused with rate_limited").isGreaterThanOrEqualTo(1);
                assertThat(c.ended()).isFalse();

                sleep(Duration.ofMillis(1_500)); // the budget refills at 5 a second
                assertStillOpen(c);
            }
            awaitMetricAtLeast(gw.anonymous(), "switchboard_ws_limit_events_total{limit=\"message_rate\"}", 1);
        }

        @Test
        void aRateLimitedRequestIsAnsweredWithItsOwnRef() {
            // PROTOCOL.md §4: "the answer carries the same ref (null when the frame could not be parsed)":
            // a client waiting for the answer to its request gets the rate_limited error with its ref.
            try (WsClient c = gw.connect("bursty-refs", "d1")) {
                c.next("welcome");
                List<String> sent = new ArrayList<>();
                for (int i = 0; i < 15; i++) {
                    ObjectNode p = ping();
                    p.put("ref", "q" + i);
                    sent.add("q" + i);
                    c.send(p);
                }
                List<JsonNode> answers = new ArrayList<>();
                while (answers.size() < sent.size()) {
                    answers.add(c.next(x -> x.path("op").asText().equals("pong") || x.path("op").asText().equals("error")));
                }
                assertThat(answers).as("some requests were refused").anyMatch(f -> f.path("code").asText().equals("rate_limited"));
                assertThat(answers.stream().map(f -> f.path("ref").asText(null)).toList())
                        .as("refs of the answers: " + answers).containsExactlyInAnyOrderElementsOf(sent);
            }
        }

        @Test
        void floodingAtMoreThanTwiceTheRateClosesWith4008() {
            try (WsClient c = gw.connect("flooder", "d1")) {
                c.next("welcome");
                for (int i = 0; i < 60 && !c.ended(); i++) {
                    ObjectNode p = ping();
                    p.put("ref", "f" + i);
                    if (!trySend(c, p)) {
                        break;
                    }
                }
                assertThat(c.awaitClose()).as("close code after a flood").isEqualTo(4008);
                List<JsonNode> got = c.drain();
                assertThat(got).as("some pings were answered before the close")
                        .anyMatch(f -> f.path("op").asText().equals("pong"));
                assertThat(got).as("some were refused with rate_limited before the close")
                        .anyMatch(f -> f.path("code").asText().equals("rate_limited"));
            }
            // Someone else on the same node is unaffected.
            try (WsClient calm = gw.connect("calm", "d1")) {
                calm.next("welcome");
                assertStillOpen(calm);
            }
            awaitMetricAtLeast(gw.anonymous(), "switchboard_ws_limit_events_total{limit=\"message_rate\"}", 1);
            awaitMetricAtLeast(gw.anonymous(), "switchboard_ws_connections_closed_total{code=\"4008\"}", 1);
        }
    }

    // ---- presence rate -------------------------------------------------------------------------

    @Nested
    class PresenceRate {
        @RegisterExtension
        static final TestGateway.PerClass gw = TestGateway.perClass(Map.of(ConfigKey.WS_PRESENCE_PER_SECOND, "2"));

        @Test
        void rapidPresenceUpdatesAreRateLimitedButTheConnectionStays() {
            String room = "doc:cursor";
            grant(gw.service(), room, "cursor-sender");
            grant(gw.service(), room, "cursor-watcher");
            try (WsClient sender = gw.connect("cursor-sender", "d1"); WsClient watcher = gw.connect("cursor-watcher", "d1")) {
                sender.next("welcome");
                watcher.next("welcome");
                sender.join(room);
                watcher.join(room);
                framesUntilPong(sender);
                framesUntilPong(watcher);

                int sent = 10;
                for (int i = 0; i < sent; i++) {
                    sender.send(presence(room, Json.object().put("x", i)));
                }
                List<JsonNode> answers = framesUntilPong(sender);
                long limited = answers.stream()
                        .filter(f -> f.path("op").asText().equals("error") && f.path("code").asText().equals("rate_limited"))
                        .count();
                assertThat(answers).as("only rate_limited errors answer presence updates")
                        .allMatch(f -> f.path("op").asText().equals("error") && f.path("code").asText().equals("rate_limited"));
                assertThat(limited).as("presence updates refused").isGreaterThanOrEqualTo(1);

                // Exactly the accepted ones reached the other member.
                List<JsonNode> seen = framesUntilPong(watcher).stream()
                        .filter(f -> f.path("op").asText().equals("presence") && f.path("action").asText().equals("update"))
                        .toList();
                assertThat(seen).hasSize(sent - (int) limited);
                assertThat(seen).allMatch(f -> f.path("userId").asText().equals("cursor-sender"));

                assertStillOpen(sender);
                sleep(Duration.ofMillis(1_200)); // the presence budget refills at 2 a second
                sender.send(presence(room, Json.object().put("x", "after")));
                assertThat(framesUntilPong(sender)).as("answers to a presence update after a pause").isEmpty();
                JsonNode update = watcher.next(f -> f.path("op").asText().equals("presence")
                        && f.path("action").asText().equals("update"));
                assertThat(update.path("state").path("x").asText()).isEqualTo("after");
                assertThat(sender.ended()).isFalse();
            }
            awaitMetricAtLeast(gw.anonymous(), "switchboard_ws_limit_events_total{limit=\"presence_rate\"}", 1);
        }
    }

    // ---- connections per user and per address ----------------------------------------------------

    /** At most 2 connections per user and 3 per address; every case starts with no connection open. */
    @Nested
    class ConnectionLimits {
        @RegisterExtension
        static final TestGateway.PerClass gw = TestGateway.perClass(Map.of(
                ConfigKey.WS_MAX_CONNECTIONS_PER_USER, "2",
                ConfigKey.WS_MAX_CONNECTIONS_PER_IP, "3"));

        @BeforeEach
        void noConnectionLeftOpen() {
            // A closed client is released by the gateway asynchronously.
            awaitTrue("the previous case's connections are gone", Duration.ofSeconds(10),
                    () -> gw.gateway().webSockets().connections() == 0);
        }

        @Test
        void aThirdConnectionOfTheSameUserIsClosedWith4008() {
            try (WsClient first = gw.connect("multi", "d1"); WsClient second = gw.connect("multi", "d2")) {
                first.next("welcome");
                second.next("welcome");

                WsClient third = gw.connect("multi", "d3");
                try {
                    assertThat(third.refusedStatus()).as("the upgrade itself succeeds").isEqualTo(-1);
                    assertThat(third.awaitClose()).as("close code of the third connection").isEqualTo(4008);
                    assertThat(third.drain()).as("frames the third connection got")
                            .noneMatch(f -> f.path("op").asText().equals("welcome"));
                } finally {
                    third.close();
                }

                assertStillOpen(first);
                assertStillOpen(second);
                try (WsClient someoneElse = gw.connect("multi-other", "d1")) {
                    someoneElse.next("welcome");
                    assertStillOpen(someoneElse);
                }

                // A slot frees up when one of the two goes away.
                first.close();
                WsClient replacement = awaitAdmitted(() -> gw.connect("multi", "d4"));
                try {
                    assertStillOpen(replacement);
                    assertStillOpen(second);
                } finally {
                    replacement.close();
                }
            }
            awaitMetricAtLeast(gw.anonymous(), "switchboard_ws_limit_events_total{limit=\"connections_per_user\"}", 1);
        }

        @Test
        void aFourthConnectionFromTheSameAddressIsClosedWith4008() {
            try (WsClient a = gw.connect("ip-a", "d1"); WsClient b = gw.connect("ip-b", "d1"); WsClient c = gw.connect("ip-c", "d1")) {
                a.next("welcome");
                b.next("welcome");
                c.next("welcome");

                WsClient d = gw.connect("ip-d", "d1");
                try {
                    assertThat(d.refusedStatus()).as("the upgrade itself succeeds").isEqualTo(-1);
                    assertThat(d.awaitClose()).as("close code of the fourth connection").isEqualTo(4008);
                    assertThat(d.drain()).as("frames the fourth connection got")
                            .noneMatch(f -> f.path("op").asText().equals("welcome"));
                } finally {
                    d.close();
                }
                assertStillOpen(a);
                assertStillOpen(b);
                assertStillOpen(c);
            }
            awaitMetricAtLeast(gw.anonymous(), "switchboard_ws_limit_events_total{limit=\"connections_per_ip\"}", 1);
        }

        @Test
        void everyConnectionTheGatewayClosesWith4008IsCountedUnder4008() {
            // OkHttp answers a close frame at once and shuts its socket; the library then sometimes reports
            // 1006 on the gateway's side, but the metric counts the code the gateway sent and the client got.
            int n = 200;
            String closed4008 = "switchboard_ws_connections_closed_total{code=\"4008\"}";
            double before = metric(gw.anonymous(), closed4008);
            try (WsClient first = gw.connect("counted", "d0"); WsClient second = gw.connect("counted", "d1")) {
                first.next("welcome");
                second.next("welcome");
                for (int i = 2; i < n + 2; i++) {
                    WsClient extra = gw.connect("counted", "d" + i);
                    try {
                        assertThat(extra.awaitClose()).as("close code the client got").isEqualTo(4008);
                    } finally {
                        extra.close();
                    }
                }
            }
            awaitTrue("all connections gone", Duration.ofSeconds(10), () -> gw.gateway().webSockets().connections() == 0);
            List<String> closed = gw.anonymous().get("/metrics").body().lines()
                    .filter(l -> l.startsWith("switchboard_ws_connections_closed_total")).toList();
            assertThat(metric(gw.anonymous(), closed4008) - before)
                    .as("of " + n + " connections closed with 4008, counted under 4008; all closes: " + closed).isEqualTo(n);
        }
    }

    // ---- slow consumers ------------------------------------------------------------------------

    /** 8 KB payloads: a frame of a bit more than 8 KB per event. */
    private static final String BLOB = "z".repeat(8_000);

    /** 256 KiB of unread frames per connection; a generous slow-consumer timeout, as the reader resumes late. */
    @Nested
    class SlowConsumer {
        @RegisterExtension
        static final TestGateway.PerClass gw = TestGateway.perClass(Map.of(
                ConfigKey.WS_MAX_OUTGOING_BYTES, "262144",
                ConfigKey.WS_SLOW_CONSUMER_TIMEOUT, "60s"));

        @Test
        void aReaderThatFallsTooFarBehindIsCutWith4009WhileAFastOneGetsEverything() {
            String room = "doc:firehose";
            grant(gw.service(), room, "slow-reader");
            grant(gw.service(), room, "fast-reader");
            try (WsClient slow = gw.connect("slow-reader", "d1"); WsClient fast = gw.connect("fast-reader", "d1")) {
                slow.next("welcome");
                fast.next("welcome");
                long slowHead = slow.join(room).path("offset").asLong();
                long head = fast.join(room).path("offset").asLong();
                framesUntilPong(slow);
                slow.pauseReading();

                // The fast reader gets every event, in offset order, with no gap (checked batch by batch).
                int published = floodUntilSlowConsumerCut(gw, room, fast, head);
                assertThat(fast.ended()).isFalse();
                assertStillOpen(fast);

                slow.resumeReading();
                // It reads what was queued before the cut, then the close frame.
                assertThat(slow.awaitClose(Duration.ofSeconds(30))).as("close code of the slow reader").isEqualTo(4009);
                List<JsonNode> slowEvents = slow.drain().stream().filter(f -> f.path("op").asText().equals("event")).toList();
                System.out.printf("slow consumer: %d events published, the slow reader got %d before its 4009%n",
                        published, slowEvents.size());
                assertThat(slowEvents.size()).as("events the slow reader got before the cut").isLessThan(published);
                for (int i = 0; i < slowEvents.size(); i++) {
                    assertThat(slowEvents.get(i).path("offset").asLong()).as("offset of the slow reader's event #" + i)
                            .isEqualTo(slowHead + 1 + i);
                }
            }
            awaitMetricAtLeast(gw.anonymous(), "switchboard_ws_connections_closed_total{code=\"4009\"}", 1);
        }
    }

    @Nested
    class SlowConsumerThatNeverReads {
        @RegisterExtension
        static final TestGateway.PerClass gw = TestGateway.perClass(Map.of(
                ConfigKey.WS_MAX_OUTGOING_BYTES, "262144",
                ConfigKey.WS_SLOW_CONSUMER_TIMEOUT, "2s"));

        @Test
        void isDroppedWithoutACloseFrameAfterTheSlowConsumerTimeout() {
            String room = "doc:frozen";
            grant(gw.service(), room, "frozen-reader");
            try (WsClient frozen = gw.connect("frozen-reader", "d1")) {
                frozen.next("welcome");
                frozen.join(room);
                framesUntilPong(frozen);
                frozen.pauseReading();

                floodUntilSlowConsumerCut(gw, room, null, 0);
                // The close frame waits behind data nobody reads; after ws.slow-consumer-timeout the
                // gateway gives up on it and drops the TCP connection, while the client still reads nothing.
                awaitTrue("the gateway drops the frozen connection", Duration.ofSeconds(15),
                        () -> gw.gateway().webSockets().connections() == 0);
                // ...and it is reset: the kernel does not go on holding the unsent buffer for a reader
                // that never reads (a plain close leaves the gateway's socket in FIN_WAIT1 with it).
                int port = gw.gateway().wsPort();
                awaitTrue("no socket of the gateway's port left holding the dropped connection", Duration.ofSeconds(5),
                        () -> KernelSockets.connectedOnLocalPort(port).isEmpty());

                // What the client reads then is what reached its own socket buffer before the reset: as a
                // rule data only (1006); on a busy machine the gateway may have cut it before the kernel
                // buffers were full, and the close frame then got through before the reset (4009).
                frozen.resumeReading();
                assertThat(frozen.awaitClose(Duration.ofSeconds(30))).as("what the frozen client finally sees")
                        .isIn(1006, CloseCodes.SLOW_CONSUMER);
            }
            awaitMetricAtLeast(gw.anonymous(), "switchboard_ws_limit_events_total{limit=\"slow_consumer\"}", 1);
        }
    }

    /**
     * Publishes 8 KB events to the room, concurrently, in batches of 20, until the gateway reports that
     * it cut a slow consumer, then one batch more. The loopback socket buffers absorb a few MB first
     * (about 4.5 MB, some 550 events, on the machine this was written on), so how many that takes
     * depends on the machine. With a {@code fast} reader, each batch waits until that reader got all of
     * it, checking that its offsets follow {@code fastHead} with no gap, so a reader starved of CPU on a
     * busy machine is never more than a batch behind. Returns how many events were published.
     */
    static int floodUntilSlowConsumerCut(TestGateway.PerClass gw, String room, WsClient fast, long fastHead) {
        String cut = "switchboard_ws_limit_events_total{limit=\"slow_consumer\"}";
        double before = metric(gw.anonymous(), cut);
        int batch = 20; // 160 KB: less than the 256 KiB limit, so even a reader stalled for a whole batch is never cut
        int published = 0;
        int afterCut = -1;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 300 && afterCut != 0; round++) {
                List<Future<?>> futures = new ArrayList<>(batch);
                for (int i = 0; i < batch; i++) {
                    int n = published + i;
                    futures.add(pool.submit(() -> publish(gw.service(), room, "blob-" + n,
                            Json.object().put("n", n).put("blob", BLOB))));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
                if (fast != null) {
                    List<JsonNode> events = fast.events(room, batch);
                    for (int i = 0; i < batch; i++) {
                        assertThat(events.get(i).path("offset").asLong()).as("offset of the fast reader's event #" + (published + i))
                                .isEqualTo(fastHead + 1 + published + i);
                    }
                }
                published += batch;
                if (afterCut > 0) {
                    afterCut--;
                } else if (afterCut < 0 && metric(gw.anonymous(), cut) > before) {
                    afterCut = 1;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new AssertionError("a publish failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        assertThat(afterCut).as("the gateway cut the slow consumer after " + published + " events of 8 KB").isZero();
        return published;
    }

    // ---- dead connections ------------------------------------------------------------------------

    /**
     * Pings every 200 ms; silent for 1 s means dead (1 s rather than 600 ms, so that a client that does
     * answer is never late enough to be taken for dead on a busy machine).
     */
    @Nested
    class DeadConnections {
        @RegisterExtension
        static final TestGateway.PerClass gw = TestGateway.perClass(Map.of(
                ConfigKey.HEARTBEAT_INTERVAL, "200ms",
                ConfigKey.HEARTBEAT_TIMEOUT, "1s"));

        @Test
        void aClientThatNeverAnswersPingsIsDroppedWhileALiveOneStays() throws IOException {
            String dead = "switchboard_ws_dead_connections_total";
            double before = metric(gw.anonymous(), dead);
            try (WsClient alive = gw.connect("heartbeat-alive", "d1")) {
                assertThat(alive.next("welcome").path("heartbeatMs").asLong()).isEqualTo(200);
                int port = gw.gateway().wsPort();
                try (Socket raw = new Socket("127.0.0.1", port)) {
                    raw.setSoTimeout(15_000);
                    byte[] nonce = new byte[16];
                    ThreadLocalRandom.current().nextBytes(nonce);
                    String upgrade = "GET /ws?token=" + gw.token("heartbeat-dead", Role.USER) + "&device=raw HTTP/1.1\r\n"
                            + "Host: 127.0.0.1:" + port + "\r\n"
                            + "Upgrade: websocket\r\n"
                            + "Connection: Upgrade\r\n"
                            + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                            + "Sec-WebSocket-Version: 13\r\n\r\n";
                    OutputStream out = raw.getOutputStream();
                    out.write(upgrade.getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    InputStream in = raw.getInputStream();
                    String head = readHead(in);
                    assertThat(head).startsWith("HTTP/1.1 101");

                    // From now on the raw client reads nothing and answers no ping.
                    awaitTrue("the silent connection is counted dead", Duration.ofSeconds(15),
                            () -> metric(gw.anonymous(), dead) > before);
                    long bytes = 0;
                    try {
                        byte[] buf = new byte[8192];
                        int n;
                        while ((n = in.read(buf)) >= 0) {
                            bytes += n;
                        }
                    } catch (SocketTimeoutException e) {
                        fail("the silent connection is still open " + raw.getSoTimeout() + " ms after it was counted dead");
                    } catch (SocketException e) {
                        // reset: dropped as well
                    }
                    assertThat(bytes).as("welcome and pings reached the silent client before the drop").isPositive();
                }

                sleep(Duration.ofMillis(1_500)); // longer than heartbeat.timeout once more
                assertThat(alive.ended()).as("the client that answers pings is still connected").isFalse();
                assertStillOpen(alive);
                assertThat(metric(gw.anonymous(), dead)).as("dead connections counted").isEqualTo(before + 1);
            }
        }

        private static String readHead(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            byte[] end = {'\r', '\n', '\r', '\n'};
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    fail("connection closed during the handshake after: " + head.toString(StandardCharsets.US_ASCII));
                }
                head.write(b);
                matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            return head.toString(StandardCharsets.US_ASCII);
        }
    }

    // ---- drain ---------------------------------------------------------------------------------

    @Nested
    class Drain {
        @Test
        void drainingTellsClientsRefusesNewOnesAndClosesTheRestWith1012(@TempDir Path dir) throws InterruptedException {
            try (TestGateway node = TestGateway.start(dir, Map.of(ConfigKey.DRAIN_GRACE, "1s"))) {
                WsClient one = node.connect("drain-1", "d1");
                WsClient two = node.connect("drain-2", "d1");
                try {
                    one.next("welcome");
                    two.next("welcome");
                    assertThat(node.anonymous().get("/health/ready").status()).isEqualTo(200);

                    Thread drainer = new Thread(() -> node.gateway().drain(), "test-drain");
                    drainer.start();

                    for (WsClient c : List.of(one, two)) {
                        JsonNode draining = c.next("draining");
                        assertThat(draining.path("reconnectInMs").isIntegralNumber()).as(draining.toString()).isTrue();
                        assertThat(draining.path("reconnectInMs").asLong()).isBetween(0L, 5_000L);
                        assertThat(draining.path("reason").asText()).isNotEmpty();
                    }
                    Api.Response ready = node.anonymous().get("/health/ready");
                    assertThat(ready.status()).as(ready.toString()).isEqualTo(503);

                    WsClient late = WsClient.connect(node.wsUrl(node.token("drain-3", Role.USER)) + "&device=d1");
                    try {
                        assertThat(late.refusedStatus()).as("a new connection while draining").isEqualTo(503);
                    } finally {
                        late.close();
                    }

                    assertThat(one.awaitClose()).as("close code after the grace").isEqualTo(1012);
                    assertThat(two.awaitClose()).as("close code after the grace").isEqualTo(1012);
                    drainer.join(15_000);
                    assertThat(drainer.isAlive()).as("drain() returned").isFalse();
                    awaitMetricAtLeast(node.anonymous(), "switchboard_ws_connections_closed_total{code=\"1012\"}", 2);
                } finally {
                    one.close();
                    two.close();
                }
            }
        }
    }

    // ---- helpers -------------------------------------------------------------------------------

    static ObjectNode op(String op) {
        ObjectNode f = Json.object();
        f.put("op", op);
        return f;
    }

    static ObjectNode ping() {
        return op("ping");
    }

    static ObjectNode presence(String room, ObjectNode state) {
        ObjectNode f = op("presence");
        f.put("room", room);
        f.set("state", state);
        return f;
    }

    private static final AtomicInteger SYNC = new AtomicInteger();

    /** The connection is open and answers a ping. */
    static void assertStillOpen(WsClient c) {
        assertThat(c.ended()).as("connection ended (" + c.closeReason() + ")").isFalse();
        assertThat(c.request(ping()).path("op").asText()).isEqualTo("pong");
    }

    /**
     * Sends a ping and returns the frames that arrived before its pong: everything the gateway sent in
     * answer to the frames sent before the ping.
     */
    static List<JsonNode> framesUntilPong(WsClient c) {
        String ref = "sync-" + SYNC.incrementAndGet();
        ObjectNode p = ping();
        p.put("ref", ref);
        c.send(p);
        List<JsonNode> before = new ArrayList<>();
        c.next(f -> {
            if (ref.equals(f.path("ref").asText(null))) {
                return true;
            }
            before.add(f);
            return false;
        });
        return before;
    }

    static boolean trySend(WsClient c, ObjectNode frame) {
        try {
            c.send(frame);
            return true;
        } catch (IllegalStateException e) {
            return false; // the gateway closed it meanwhile
        }
    }

    static void grant(Api service, String room, String user) {
        Api.Response r = service.put("/api/acl/" + room + "/members/" + user);
        assertThat(r.status()).as(r.toString()).isEqualTo(204);
    }

    static void publish(Api service, String room, String resource, ObjectNode payload) {
        Api.Response r = service.publish(Api.event("doc.changed", resource, List.of(room), payload));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    /** The value of one series in /metrics, 0 when it is not there (yet). */
    static double metric(Api anonymous, String series) {
        String body = anonymous.get("/metrics").body();
        for (String line : body.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        return 0;
    }

    static void awaitMetricAtLeast(Api anonymous, String series, double min) {
        awaitTrue(series + " >= " + min, Duration.ofSeconds(10), () -> metric(anonymous, series) >= min);
    }

    static void awaitTrue(String what, Duration max, BooleanSupplier condition) {
        Await.until(what, max, condition);
    }

    /** Connects until the gateway admits the connection (a freed slot is released asynchronously). */
    static WsClient awaitAdmitted(Supplier<WsClient> connect) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            WsClient c = connect.get();
            JsonNode first = null;
            long frameDeadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (first == null && !c.ended() && System.nanoTime() < frameDeadline) {
                first = c.poll(Duration.ofMillis(50));
            }
            if (first != null && first.path("op").asText().equals("welcome")) {
                return c;
            }
            c.close();
            if (System.nanoTime() > deadline) {
                fail("no connection admitted within 10 s");
            }
            sleep(Duration.ofMillis(50));
        }
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
