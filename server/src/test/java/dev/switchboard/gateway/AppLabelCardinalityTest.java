package dev.switchboard.gateway;

import dev.switchboard.auth.Role;
import dev.switchboard.config.ConfigKey;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.TestGateway;
import dev.switchboard.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12, defect 6: {@code ?app=} is chosen by the client, and every value used to become a metric
 * series for good. Now a value must look like a version to get a series, at most
 * {@code ws.max-app-labels} values have one at a time (the rest count as {@code other}), and a series
 * goes when its last connection closes.
 */
class AppLabelCardinalityTest {
    private static final String BY_APP = "switchboard_ws_connections_by_app";

    @RegisterExtension
    static final TestGateway.PerClass gw = TestGateway.perClass(Map.of(ConfigKey.WS_MAX_APP_LABELS, "3"));

    /** The series of {@code switchboard_ws_connections_by_app} now: label line to value. */
    private static List<String> series() {
        return gw.anonymous().get("/metrics").body().lines().filter(l -> l.startsWith(BY_APP + "{")).toList();
    }

    private static double value(String app) {
        return LimitsAndCloseCodesTest.metric(gw.anonymous(), BY_APP + "{app=\"" + app + "\"}");
    }

    private static WsClient connect(int i, String app) {
        WsClient c = WsClient.connect(gw.wsUrl(gw.token("app-user-" + i, Role.USER)) + "&app="
                + URLEncoder.encode(app, StandardCharsets.UTF_8));
        c.next("welcome");
        return c;
    }

    @Test
    void manyDistinctAppValuesKeepTheSeriesBoundedAndSeriesGoAtZero() {
        List<WsClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                clients.add(connect(i, "app-" + i + ".0"));
            }
            clients.add(connect(40, "<script>"));
            clients.add(connect(41, "x".repeat(33)));
            assertThat(series()).as("3 own series and other: %s", series()).hasSize(4);
            assertThat(value("app-0.0") + value("app-1.0") + value("app-2.0")).isEqualTo(3);
            assertThat(value("other")).as("37 past the cap, 2 that do not look like a version").isEqualTo(39);
        } finally {
            clients.forEach(WsClient::close);
        }
        Await.until("every series removed once its connections closed", () -> series().isEmpty());

        // The places are free again for the values that come next.
        try (WsClient next = connect(50, "next-2.1")) {
            assertThat(value("next-2.1")).isEqualTo(1);
            assertThat(series()).hasSize(1);
        }
    }
}
