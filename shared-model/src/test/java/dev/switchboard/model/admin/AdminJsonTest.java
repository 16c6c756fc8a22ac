package dev.switchboard.model.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.json.Json;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin records against the JSON of docs/admin-api.md: what the server writes and the client reads. */
class AdminJsonTest {

    @Test
    void aNodeWithoutStatsHasNoStatsFieldAndAnAuditEntryKeepsItsNullDetail() throws Exception {
        NodeStatus node = new NodeStatus("gw-1", "0.1.0", "2026-11-29T10:00:00.000Z", 3600, false,
                new NodeStatus.EventLogStatus("h2", "5f0c2a1e-93b1", true, 0),
                new NodeStatus.Listeners("0.0.0.0", 8080, 8081), new NodeStatus.WebSockets(1423), null);
        JsonNode json = AdminJson.tree(node);
        assertThat(json.has("stats")).isFalse();
        assertThat(json.path("listeners").path("wsPort").asInt()).isEqualTo(8081);
        assertThat(AdminJson.tree(node.withStats(new NodeStatus.Stats(1, 2, 3, true))).path("stats")
                .path("deliveryOverloaded").asBoolean()).isTrue();

        JsonNode entry = AdminJson.tree(new AuditTrail.Entry("2026-11-29T10:20:00.000Z", "gw-1", "ops", "drain",
                "node:gw-1", null));
        assertThat(entry.has("detail")).as("the documented \"detail\": null stays").isTrue();
        assertThat(entry.get("detail").isNull()).isTrue();
    }

    @Test
    void theDocumentedDeltasDecodeIntoTheirRecordsAndAnUnknownKindIsKeptAsOther() throws Exception {
        String frame = """
                { "op": "deltas", "coalesced": 2, "items": [
                    { "topic": "connections", "kind": "connection.opened", "connectionId": "c1x9", "userId": "alice",
                      "deviceId": "phone", "appVersion": "1.4.2", "remoteIp": "10.0.4.17", "at": 1764410400123 },
                    { "topic": "rooms", "kind": "room.joined", "room": "document:7", "connectionId": "c1x9",
                      "userId": "alice", "deviceId": "phone", "head": 4051, "recovered": true, "replayed": 3,
                      "snapshotRequired": false, "at": 1 },
                    { "topic": "events", "kind": "event.published", "eventId": "01M8JS", "seq": 1841,
                      "type": "doc.changed", "resourceId": "doc-7", "rooms": { "document:7": 4052 }, "at": 2 },
                    { "topic": "failures", "kind": "delivery.failed", "reason": "slow_consumer", "injected": false,
                      "connectionId": "c1x9", "userId": "alice", "deviceId": "phone", "at": 3 },
                    { "topic": "presence", "kind": "presence.changed", "at": 4, "someday": true } ],
                  "stats": { "kind": "stats", "connections": 1424, "rooms": 311, "backlogBytes": 0,
                             "fanoutBacklog": 0, "deliveryOverloaded": false, "failures": { "injected_drop": 2 },
                             "deliveryLatencyMs": { "count": 212, "p50": 0.61, "p99": 3.2, "max": 4.1 } } }
                """;
        AdminFrame.Deltas deltas = (AdminFrame.Deltas) AdminJson.read(frame, AdminFrame.class);
        assertThat(deltas.coalesced()).isEqualTo(2);
        assertThat(deltas.items()).hasSize(5);
        assertThat(deltas.items().get(0)).isEqualTo(new AdminDelta.ConnectionOpened("connections", 1764410400123L,
                "c1x9", "alice", "phone", "1.4.2", "10.0.4.17"));
        assertThat(((AdminDelta.RoomJoined) deltas.items().get(1)).replayed()).isEqualTo(3);
        assertThat(((AdminDelta.EventPublished) deltas.items().get(2)).rooms()).isEqualTo(Map.of("document:7", 4052L));
        AdminDelta.DeliveryFailed failed = (AdminDelta.DeliveryFailed) deltas.items().get(3);
        assertThat(failed.room()).as("no room for a slow consumer").isNull();
        assertThat(failed.offset()).isNull();
        assertThat(deltas.items().get(4)).isEqualTo(new AdminDelta.Other("presence", 4));
        assertThat(deltas.stats().failures()).containsEntry("injected_drop", 2L);
        assertThat(deltas.stats().deliveryLatencyMs().p99()).isEqualTo(3.2);
        assertThat(deltas.stats().eventsFannedOut()).as("not in this frame").isNull();
    }

    @Test
    void aDeltaEncodesWithItsKind() throws Exception {
        JsonNode json = Json.parse(AdminJson.write(new AdminDelta.RoomLeft("rooms", 5, "doc:1", "c1", "ann", "phone",
                "closed_1000")));
        assertThat(json.path("kind").asText()).isEqualTo("room.left");
        assertThat(json.path("reason").asText()).isEqualTo("closed_1000");
        assertThat(AdminJson.read(json, AdminDelta.class)).isInstanceOf(AdminDelta.RoomLeft.class);
        assertThat(AdminJson.tree(new FaultList(List.of())).path("faults").isArray()).isTrue();
    }
}
