package dev.switchboard.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.auth.Role;
import dev.switchboard.config.ConfigKey;
import dev.switchboard.model.json.Json;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.TestCertificates;
import dev.switchboard.testing.TestGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SDK over wss, trusting the CA file it is given. */
class ClientOverTlsTest {
    @TempDir
    Path dir;

    @Test
    void theSdkConnectsOverWssTrustingTheCaFileAndReceivesEvents() {
        TestCertificates.Ca ca = TestCertificates.ca("SDK Test CA");
        ca.server("gateway").writePem(dir.resolve("server.crt"), dir.resolve("server.key"));
        Path caFile = ca.writePem(dir.resolve("ca.pem"));
        try (TestGateway gw = TestGateway.start(dir.resolve("data"), Map.of(
                ConfigKey.TLS_CERT_FILE, dir.resolve("server.crt").toString(),
                ConfigKey.TLS_KEY_FILE, dir.resolve("server.key").toString()))) {
            gw.service().put("/api/acl/doc:sdk-tls/members/erin");
            SwitchboardClient c = SwitchboardClient.builder()
                    .wsUrl("wss://127.0.0.1:" + gw.gateway().wsPort() + "/ws")
                    .httpUrl(gw.gateway().httpUrl("127.0.0.1")) // https once the HTTP listener serves TLS
                    .token(() -> gw.token("erin", Role.USER))
                    .device("laptop")
                    .trustCa(caFile)
                    .backoff(Duration.ofMillis(50), Duration.ofMillis(500))
                    .build();
            try {
                c.join("doc:sdk-tls");
                c.start();
                ObjectNode payload = Json.object().put("value", 42);
                Api.Response r = gw.service().publish(Api.event("item.set", "item-1", List.of("doc:sdk-tls"), payload));
                assertThat(r.status()).as(r.toString()).isEqualTo(201);
                Await.until("the event reached the SDK over wss", Duration.ofSeconds(15), () -> {
                    RoomView v = c.rooms().get("doc:sdk-tls");
                    return v != null && v.resources().containsKey("item-1");
                });
                assertThat(c.state()).isEqualTo(ConnectionState.CONNECTED);
            } finally {
                c.close();
            }
        }
    }

    @Test
    void aCaFileWithoutCertificatesIsRefusedNamingIt() throws Exception {
        Path bad = Files.writeString(dir.resolve("ca.pem"), "not a certificate\n");
        assertThatThrownBy(() -> SwitchboardClient.builder().trustCa(bad))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(bad.toString());
    }
}
