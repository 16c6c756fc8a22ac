package dev.switchboard.model.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.model.json.Json;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trace, timeline and publish answers of docs/admin-api.md and PROTOCOL §3 through their records:
 * what the gateway writes must come back out unchanged, since clients outside this repository read it.
 */
class TraceAnswersJsonTest {
    private static final String TRACE = """
            { "eventId": "01M8JS25FXMP7RH3DFMQ9J41B1", "seq": 1841, "type": "doc.changed", "resourceId": "doc-7",
              "version": 12, "occurredAt": "2026-11-29T10:00:00.120Z", "receivedAt": "2026-11-29T10:00:00.118Z",
              "commitMs": 4, "committedAt": "2026-11-29T10:00:00.122Z",
              "handedToFanout": [ { "node": "gw-1", "at": "2026-11-29T10:00:00.123Z", "lagMs": 0.41 } ],
              "rooms": [ { "room": "document:7", "offset": 4051, "recipients": [
                  { "userId": "zoe", "devices": [
                      { "deviceId": "phone", "fate": "acked", "at": "2026-11-29T10:00:00.123Z", "connectionId": "c1x9k2m4",
                        "node": "gw-1", "via": "live", "observations": [
                          { "what": "delivered", "connectionId": "c1x9k2m4", "node": "gw-1", "at": "2026-11-29T10:00:00.123Z" },
                          { "what": "acknowledged", "connectionId": "c1x9k2m4", "node": "gw-1", "ackedTo": 4051 } ] },
                      { "deviceId": "laptop", "fate": "dropped", "at": "2026-11-29T10:00:00.124Z", "connectionId": "c7p2q0",
                        "node": "gw-1", "via": "live",
                        "drop": { "reason": "injected_drop", "injected": true, "at": "2026-11-29T10:00:00.124Z" },
                        "observations": [ { "what": "dropped", "connectionId": "c7p2q0", "node": "gw-1",
                                            "at": "2026-11-29T10:00:00.124Z", "reason": "injected_drop", "injected": true } ] },
                      { "deviceId": "tablet", "fate": "recovered", "at": "2026-11-29T10:14:31.902Z", "connectionId": "c9v1e8",
                        "node": "gw-1", "via": "replay", "observations": [
                          { "what": "left before it was sent", "connectionId": "c9v1e8", "node": "gw-1",
                            "at": "2026-11-29T10:00:00.100Z", "reason": null },
                          { "what": "replayed on join", "connectionId": "c9v1e8", "node": "gw-1",
                            "at": "2026-11-29T10:14:31.902Z" },
                          { "what": "read over HTTP", "at": "2026-11-29T10:15:00.000Z", "deviceKnown": false } ] } ],
                    "missed": false },
                  { "userId": "yan", "devices": [
                      { "deviceId": null, "fate": "missed", "detail": "no connection of this user within trace retention" } ],
                    "missed": true } ] } ],
              "summary": { "acked": 1, "delivered": 0, "recovered": 1, "pending": 0, "dropped": 1, "missed": 1 } }
            """;

    private static final String TIMELINE = """
            { "userId": "zoe", "from": "2026-11-28T10:00:00.000Z", "to": "2026-11-29T10:00:00.000Z",
              "devices": [ { "deviceId": "tablet", "connections": [ { "connectionId": "c9v1e8",
                    "appVersion": "1.4.2", "remoteIp": "10.0.4.22", "node": "gw-1", "connectedAt": "2026-11-29T09:00:00.000Z",
                    "disconnectedAt": "2026-11-29T09:30:00.000Z", "closeCode": 1000, "closeReason": "", "joins": [
                        { "room": "document:7", "joinedAt": "2026-11-29T09:00:00.010Z", "headAtJoin": 4051, "recoveredFrom": 4050,
                          "replayed": 1, "snapshotRequired": false, "deliveredTo": 4051, "ackedTo": 4051,
                          "leftAt": "2026-11-29T09:30:00.000Z", "leftReason": "closed_1000" } ] },
                  { "connectionId": "c2b7", "appVersion": null, "remoteIp": null, "node": "gw-2",
                    "connectedAt": "2026-11-29T09:40:00.000Z", "joins": [
                        { "room": "user:zoe", "joinedAt": "2026-11-29T09:40:00.010Z", "snapshotRequired": true,
                          "deliveredTo": 0, "ackedTo": 0 } ] } ] } ],
              "missed": [ { "eventId": "01M8JT2", "room": "document:7", "offset": 4052,
                            "committedAt": "2026-11-29T09:35:00.000Z",
                            "devices": [ { "deviceId": "tablet", "fate": "missed",
                                           "drop": { "reason": "injected_drop", "injected": true,
                                                     "at": "2026-11-29T09:35:00.001Z" } },
                                         { "deviceId": "phone", "fate": "missed" } ] } ] }
            """;

    private static final String PUBLISHED = """
            {"id":"evt-1","seq":1,"version":1,"occurredAt":"2026-11-29T10:00:00.123Z","offsets":{"document:7":1}}
            """;

    @Test
    void theTraceAnswerComesBackUnchanged() throws Exception {
        EventTraceInfo trace = AdminJson.read(TRACE, EventTraceInfo.class);
        assertThat(wire(trace)).isEqualTo(Json.parse(TRACE));

        EventTraceInfo.Recipient zoe = trace.rooms().get(0).recipients().get(0);
        assertThat(zoe.devices().get(1).drop()).isEqualTo(new DeliveryDrop("injected_drop", true, "2026-11-29T10:00:00.124Z"));
        EventTraceInfo.Observation acked = zoe.devices().get(0).observations().get(1);
        assertThat(acked.what()).isEqualTo("acknowledged");
        assertThat(acked.facts()).containsOnlyKeys("ackedTo");
        assertThat(acked.facts().get("ackedTo").asLong()).isEqualTo(4051);
        EventTraceInfo.DeviceTrace none = trace.rooms().get(0).recipients().get(1).devices().get(0);
        assertThat(none.deviceId()).isNull();
        assertThat(none.observations()).as("not said for a user without devices").isNull();
        assertThat(trace.summary().missed()).isEqualTo(1);
    }

    @Test
    void theTimelineAnswerComesBackUnchanged() throws Exception {
        UserTimelineInfo timeline = AdminJson.read(TIMELINE, UserTimelineInfo.class);
        assertThat(wire(timeline)).isEqualTo(Json.parse(TIMELINE));

        UserTimelineInfo.Connection open = timeline.devices().get(0).connections().get(1);
        assertThat(open.disconnectedAt()).isNull();
        assertThat(open.closeCode()).isNull();
        assertThat(open.joins().get(0).headAtJoin()).isNull();
        assertThat(timeline.missed().get(0).devices().get(1).drop()).isNull();
    }

    @Test
    void thePublishAnswerComesBackUnchanged() throws Exception {
        Published published = AdminJson.read(PUBLISHED, Published.class);
        assertThat(published.offsets()).isEqualTo(Map.of("document:7", 1L));
        assertThat(wire(published)).isEqualTo(Json.parse(PUBLISHED));
    }

    @Test
    void unknownFieldsAreIgnoredExceptAnObservationsWhichAreItsFacts() throws Exception {
        JsonNode json = Json.parse(TRACE);
        ((ObjectNode) json).put("someday", true);
        EventTraceInfo trace = AdminJson.read(json, EventTraceInfo.class);
        assertThat(AdminJson.tree(trace).has("someday")).isFalse();
        assertThat(AdminJson.read("""
                { "what": "delivered", "at": "2026-11-29T10:00:00.123Z", "batch": { "size": 3 } }
                """, EventTraceInfo.Observation.class).facts().get("batch").path("size").asInt()).isEqualTo(3);
    }

    /** What a reader of the encoded record sees: the text parsed again (a tree alone keeps Java's number types). */
    private static JsonNode wire(Object record) throws Exception {
        return Json.parse(AdminJson.write(record));
    }
}
