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

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Publishing faster than the node can deliver: once the connections' unread bytes pass
 * ws.max-total-backlog-bytes, publishes are refused with 503 and nothing is stored, instead of the
 * node queueing without bound; they are accepted again once the readers catch up.
 */
class DeliveryBackpressureTest {
    @RegisterExtension
    static final TestGateway.PerClass gw = TestGateway.perClass(Map.of(
            ConfigKey.WS_MAX_TOTAL_BACKLOG_BYTES, "1048576",
            ConfigKey.WS_MAX_OUTGOING_BYTES, "67108864"));

    private static final String BLOB = "b".repeat(8_000);

    private static Api.Response publish(String id) {
        ObjectNode payload = Json.object();
        payload.put("blob", BLOB);
        ObjectNode event = Api.event("bulk.item", "r", List.of("doc:bulk"), payload);
        event.put("id", id);
        return gw.service().publish(event);
    }

    @Test
    void publishesAreRefusedWhileDeliveryIsBehindAndAcceptedAgainAfter() throws Exception {
        gw.service().put("/api/acl/doc:bulk/members/yan");
        try (WsClient reader = gw.connect("yan", "tablet")) {
            reader.next("welcome");
            reader.join("doc:bulk");
            reader.pauseReading();
            int stored = 0;
            Api.Response refused = null;
            String refusedId = null;
            for (int i = 0; i < 3_000 && refused == null; i++) {
                Api.Response r = publish("bulk-" + i);
                if (r.status() == 201) {
                    stored++;
                } else {
                    refused = r;
                    refusedId = "bulk-" + i;
                }
            }
            assertThat(refused).as("a publish was refused once delivery fell behind").isNotNull();
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.error()).isEqualTo("overloaded");
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
            JsonNode page = gw.service().get("/api/rooms/doc:bulk/events?after=" + (stored - 1)).json();
            assertThat(page.path("head").asLong()).as("the refused event was not stored").isEqualTo(stored);

            reader.resumeReading();
            List<JsonNode> events = reader.events("doc:bulk", stored);
            for (int i = 0; i < stored; i++) {
                assertThat(events.get(i).path("offset").asLong()).isEqualTo(i + 1);
            }
            Api.Response again = null;
            long deadline = System.currentTimeMillis() + 10_000;
            while (System.currentTimeMillis() < deadline) {
                again = publish(refusedId);
                if (again.status() == 201) {
                    break;
                }
                Thread.sleep(50);
            }
            assertThat(again.status()).as("accepted again once the reader caught up").isEqualTo(201);
            assertThat(reader.events("doc:bulk", 1).get(0).path("event").path("id").asText()).isEqualTo(refusedId);
            assertThat(ConnectAndJoinTest.metric(gw.anonymous().get("/metrics").body(),
                    "switchboard_publish_total{outcome=\"overloaded\"}")).isGreaterThanOrEqualTo(1);
        }
    }
}
