package dev.switchboard.gateway;

import dev.switchboard.testing.TestGateway;
import dev.switchboard.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** /metrics as an operator reads it: connections by app version, reconnects, payload sizes. */
class ConnectionMetricsTest {
    @RegisterExtension
    static final TestGateway.PerClass gw = TestGateway.perClass();

    private static double metric(String series) {
        return ConnectAndJoinTest.metric(gw.anonymous().get("/metrics").body(), series);
    }

    @Test
    void connectionsByAppVersionAndReconnectsAreCounted() throws Exception {
        String byApp = "switchboard_ws_connections_by_app{app=\"test-1.0\"}";
        double reconnectsBefore = metric("switchboard_ws_reconnects_total");
        WsClient first = gw.connect("rex", "phone");
        first.next("welcome");
        assertThat(metric(byApp)).isGreaterThanOrEqualTo(1);
        first.close();
        long deadline = System.currentTimeMillis() + 5_000;
        while (gw.gateway().webSockets().connections() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        try (WsClient again = gw.connect("rex", "phone")) {
            again.next("welcome");
            assertThat(metric("switchboard_ws_reconnects_total")).as("the same device back at once").isEqualTo(reconnectsBefore + 1);
        }
        try (WsClient other = gw.connect("rex", "tablet")) {
            other.next("welcome");
            assertThat(metric("switchboard_ws_reconnects_total")).as("another device is no reconnect").isEqualTo(reconnectsBefore + 1);
        }
    }

    @Test
    void payloadSizesAreObserved() {
        double before = metric("switchboard_publish_payload_bytes_count");
        RecoveryOnJoinTest.publish(gw, "doc:sizes", "r");
        assertThat(metric("switchboard_publish_payload_bytes_count")).isEqualTo(before + 1);
    }
}
