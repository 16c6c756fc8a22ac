package dev.switchboard.model.protocol;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.switchboard.model.event.Event;
import dev.switchboard.model.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FrameCodecTest {

    @Test
    void clientFramesRoundTrip() throws Exception {
        var state = Json.object().put("cursor", 3);
        List<ClientFrame> frames = List.of(
                new ClientFrame.Join(new TextNode("r1"), "document:7", null),
                new ClientFrame.Join(new IntNode(5), "document:7", new ClientFrame.After("e-1", 118)),
                new ClientFrame.Leave(new TextNode("r2"), "document:7"),
                new ClientFrame.Ack("document:7", 120),
                new ClientFrame.PresenceUpdate("document:7", state),
                new ClientFrame.Ping(new TextNode("p")));
        for (ClientFrame frame : frames) {
            assertThat(FrameCodec.decodeClient(FrameCodec.encode(frame))).isEqualTo(frame);
        }
    }

    @Test
    void serverFramesRoundTrip() throws Exception {
        Event event = new Event("01JD", "canvas.node.moved", 42, Instant.parse("2026-11-29T10:00:00.123Z"), "u1",
                "canvas:7/node:3", Json.object().put("x", 10), 0);
        List<ServerFrame> frames = List.of(
                new ServerFrame.Welcome("c1", "alice", "phone", "node-a", 25_000, 1),
                new ServerFrame.Joined(new TextNode("r1"), "document:7", "e-1", 118, true, 3, false),
                new ServerFrame.EventFrame("document:7", 119, "e-1", event),
                new ServerFrame.Left(new TextNode("r2"), "document:7"),
                new ServerFrame.Presence("document:7", "bob", "laptop", "c2", "update", Json.object().put("typing", true)),
                new ServerFrame.Presence("document:7", "bob", "laptop", "c2", "leave", null),
                new ServerFrame.Revoked("document:7", "acl_revoked"),
                new ServerFrame.Draining(2_000, "deploy"),
                new ServerFrame.Error(null, "bad_request", "frame is not valid JSON"),
                new ServerFrame.Pong(new IntNode(9)));
        for (ServerFrame frame : frames) {
            assertThat(FrameCodec.decodeServer(FrameCodec.encode(frame))).isEqualTo(frame);
        }
    }

    @Test
    void eventFrameCarriesTheContractFields() {
        Event event = new Event("01JD", "canvas.node.moved", 42, Instant.parse("2026-11-29T10:00:00.123Z"), null,
                "canvas:7/node:3", Json.object().put("x", 10), 0);
        String json = FrameCodec.encode(new ServerFrame.EventFrame("document:7", 119, "e-1", event));
        assertThat(json).isEqualTo("{\"op\":\"event\",\"room\":\"document:7\",\"offset\":119,\"epoch\":\"e-1\","
                + "\"event\":{\"id\":\"01JD\",\"type\":\"canvas.node.moved\",\"version\":42,"
                + "\"occurredAt\":\"2026-11-29T10:00:00.123Z\",\"resourceId\":\"canvas:7/node:3\",\"payload\":{\"x\":10}}}");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "not json            | {op:join            | bad_request | | frame is not valid JSON",
            "array               | [1,2]               | bad_request | | must be a JSON object",
            "trailing garbage    | {\"op\":\"ping\"} x | bad_request | | not valid JSON",
            "missing op          | {\"ref\":\"a\"}     | bad_request | a | op is required",
            "op not a string     | {\"op\":3,\"ref\":\"a\"} | bad_request | a | op must be a string",
            "unknown op          | {\"op\":\"subscribe\",\"ref\":\"a\"} | unknown_op | a | unknown op \"subscribe\"",
            "join without room   | {\"op\":\"join\",\"ref\":\"a\"} | bad_request | a | room",
            "join bad room       | {\"op\":\"join\",\"ref\":\"a\",\"room\":\"Doc:1\"} | bad_request | a | kind must match",
            "join after no epoch | {\"op\":\"join\",\"ref\":\"a\",\"room\":\"doc:1\",\"after\":{\"offset\":3}} | bad_request | a | after.epoch: is required",
            "join negative after | {\"op\":\"join\",\"ref\":\"a\",\"room\":\"doc:1\",\"after\":{\"epoch\":\"e\",\"offset\":-1}} | bad_request | a | offset: must be 0 or more",
            "ack offset string   | {\"op\":\"ack\",\"room\":\"doc:1\",\"offset\":\"3\"} | bad_request | | ack.offset: must be an integer",
            "presence no state   | {\"op\":\"presence\",\"room\":\"doc:1\"} | bad_request | | presence.state: must be a JSON object",
            "ref is an object    | {\"op\":\"ping\",\"ref\":{}} | bad_request | | ref must be a string or a number",
    })
    void malformedClientFramesAreRefusedWithAPreciseReason(String name, String text, String code, String ref,
                                                           String reason) {
        assertThatThrownBy(() -> FrameCodec.decodeClient(text))
                .isInstanceOfSatisfying(FrameDecodeException.class, e -> {
                    assertThat(e.code().wire()).isEqualTo(code);
                    assertThat(e.ref() == null ? null : e.ref().asText()).isEqualTo(ref);
                    assertThat(e.getMessage()).contains(reason);
                });
    }

    @Test
    void presenceStateOverOneKibIsTooLarge() {
        String big = "x".repeat(1100);
        String text = "{\"op\":\"presence\",\"ref\":1,\"room\":\"doc:1\",\"state\":{\"note\":\"" + big + "\"}}";
        assertThatThrownBy(() -> FrameCodec.decodeClient(text))
                .isInstanceOfSatisfying(FrameDecodeException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.TOO_LARGE));
    }

    @Test
    void unknownFieldsAreIgnoredSoTheContractCanGrow() throws Exception {
        ClientFrame frame = FrameCodec.decodeClient("{\"op\":\"ping\",\"ref\":\"p\",\"trace\":true}");
        assertThat(frame).isEqualTo(new ClientFrame.Ping(new TextNode("p")));
        ServerFrame server = FrameCodec.decodeServer("{\"op\":\"pong\",\"ref\":\"p\",\"serverTime\":\"x\"}");
        assertThat(server).isEqualTo(new ServerFrame.Pong(new TextNode("p")));
    }
}
