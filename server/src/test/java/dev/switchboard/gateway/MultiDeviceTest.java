package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.testing.TestGateway;
import dev.switchboard.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** One account open on several devices: every device receives every event, in the same order. */
class MultiDeviceTest {
    @RegisterExtension
    static final TestGateway.PerClass gw = TestGateway.perClass();

    @Test
    void twoDevicesOfOneAccountBothReceiveEachEvent() {
        assertAllDevicesReceiveEverything("gina", "doc:two", 2);
    }

    @Test
    void threeDevicesOfOneAccountAllReceiveEachEventOfSharedAndOwnRooms() {
        assertAllDevicesReceiveEverything("hank", "doc:three", 3);
    }

    private static void assertAllDevicesReceiveEverything(String user, String room, int devices) {
        gw.service().put("/api/acl/" + room + "/members/" + user);
        List<WsClient> clients = new ArrayList<>();
        try {
            for (int d = 0; d < devices; d++) {
                WsClient c = gw.connect(user, "device-" + d);
                JsonNode welcome = c.next("welcome");
                assertThat(welcome.path("deviceId").asText()).isEqualTo("device-" + d);
                assertThat(c.join(room).path("op").asText()).isEqualTo("joined");
                clients.add(c);
            }
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                ids.add(RecoveryOnJoinTest.publish(gw, i % 5 == 0 ? "user:" + user : room, "res-" + i));
            }
            for (WsClient c : clients) {
                List<String> got = new ArrayList<>();
                while (got.size() < ids.size()) {
                    got.add(c.next("event").path("event").path("id").asText());
                }
                assertThat(got).as("every device got every event in publish order").containsExactlyElementsOf(ids);
            }
        } finally {
            clients.forEach(WsClient::close);
        }
    }
}
