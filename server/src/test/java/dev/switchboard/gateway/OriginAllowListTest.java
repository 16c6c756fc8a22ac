package dev.switchboard.gateway;

import dev.switchboard.auth.Role;
import dev.switchboard.config.ConfigException;
import dev.switchboard.config.ConfigKey;
import dev.switchboard.config.GatewayConfig;
import dev.switchboard.testing.RawWebSocket;
import dev.switchboard.testing.TestGateway;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code ws.allowed-origins}: with it set, a browser page from another site cannot open the WebSocket
 * with a user's token (403); clients that send no Origin (apps, the SDK, the console) are not concerned.
 * Off by default.
 */
class OriginAllowListTest {
    private static String status(RawWebSocket ws) {
        try (ws) {
            return ws.handshakeResponse.lines().findFirst().orElse("");
        }
    }

    @Nested
    class WhenSet {
        @RegisterExtension
        static final TestGateway.PerClass gw = TestGateway.perClass(Map.of(ConfigKey.WS_ALLOWED_ORIGINS,
                "https://app.example.com, HTTPS://Console.Example.com:8443/"));

        private String upgrade(String path, Role role, String... headers) {
            return status(RawWebSocket.connect(gw.gateway().wsPort(), path + "?token=" + gw.token("olga", role), headers));
        }

        @Test
        void anUpgradeFromAnotherOriginIsRefusedWith403() {
            assertThat(upgrade("/ws", Role.USER, "Origin: https://evil.example")).startsWith("HTTP/1.1 403");
            assertThat(upgrade("/ws", Role.USER, "Origin: null")).startsWith("HTTP/1.1 403");
            assertThat(upgrade("/admin/ws", Role.ADMIN, "Origin: https://evil.example")).startsWith("HTTP/1.1 403");
            LimitsAndCloseCodesTest.awaitMetricAtLeast(gw.anonymous(),
                    "switchboard_ws_handshakes_refused_total{reason=\"origin_not_allowed\"}", 3);
        }

        @Test
        void anUpgradeFromAListedOriginOrWithoutOriginIsAccepted() {
            assertThat(upgrade("/ws", Role.USER, "Origin: https://app.example.com")).startsWith("HTTP/1.1 101");
            assertThat(upgrade("/ws", Role.USER, "Origin: https://console.example.com:8443")).startsWith("HTTP/1.1 101");
            assertThat(upgrade("/ws", Role.USER)).as("no Origin: not a browser").startsWith("HTTP/1.1 101");
            assertThat(upgrade("/admin/ws", Role.ADMIN)).startsWith("HTTP/1.1 101");
        }
    }

    @Nested
    class ByDefault {
        @RegisterExtension
        static final TestGateway.PerClass gw = TestGateway.perClass();

        @Test
        void everyOriginIsAccepted() {
            assertThat(status(RawWebSocket.connect(gw.gateway().wsPort(), "/ws?token=" + gw.token("olga", Role.USER),
                    "Origin: https://anywhere.example"))).startsWith("HTTP/1.1 101");
        }
    }

    @Test
    void anOriginThatIsNotSchemeAndHostIsAConfigurationError() {
        assertThatThrownBy(() -> GatewayConfig.from(Map.of(ConfigKey.WS_ALLOWED_ORIGINS, "app.example.com")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ws.allowed-origins");
    }
}
