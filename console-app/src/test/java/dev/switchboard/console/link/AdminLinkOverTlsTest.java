package dev.switchboard.console.link;

import dev.switchboard.model.admin.AdminDelta;
import dev.switchboard.model.admin.AdminFrame;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.auth.Role;
import dev.switchboard.client.TrustedCa;
import dev.switchboard.config.ConfigKey;
import dev.switchboard.model.json.Json;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.TestCertificates;
import dev.switchboard.testing.TestGateway;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's admin stream to a gateway whose WebSocket listener speaks TLS, trusting a CA file. */
class AdminLinkOverTlsTest {
    @TempDir
    Path dir;

    @Test
    void theConsoleRunsOverHttpsAndWssWhenTheCaFileIsTrustedAndNotOtherwise() throws Exception {
        TestCertificates.Ca ca = TestCertificates.ca("Console Test CA");
        ca.server("gateway").writePem(dir.resolve("server.crt"), dir.resolve("server.key"));
        TrustedCa trusted = TrustedCa.fromPem(ca.writePem(dir.resolve("ca.pem")));
        try (TestGateway gw = TestGateway.start(dir.resolve("data"), Map.of(
                ConfigKey.TLS_CERT_FILE, dir.resolve("server.crt").toString(),
                ConfigKey.TLS_KEY_FILE, dir.resolve("server.key").toString()))) {
            String http = gw.gateway().httpUrl("127.0.0.1");
            assertThat(http).startsWith("https://");
            String admin = gw.token("ops", Role.ADMIN);

            List<AdminDelta> items = new CopyOnWriteArrayList<>();
            AdminLink link = AdminLink.open(http, admin, trusted.applyTo(AdminLink.defaultHttp()), (s, d) -> {
            }).get(10, TimeUnit.SECONDS);
            try {
                link.addListener(new StreamListener() {
                    @Override
                    public void snapshot(AdminFrame.Snapshot snapshot) {
                    }

                    @Override
                    public void deltas(List<AdminDelta> batch, AdminDelta.Stats stats, long coalesced) {
                        items.addAll(batch);
                    }
                });
                Await.until("the admin stream connects over wss", () -> link.state() == LinkState.CONNECTED);
                ObjectNode payload = Json.object().put("n", 1);
                Api.Response r = gw.service().publish(Api.event("doc.changed", "r1", List.of("doc:console-tls"), payload));
                String id = r.json().path("id").asText();
                Await.until("the event reaches the console's stream",
                        () -> items.stream().anyMatch(i -> i instanceof AdminDelta.EventPublished e && e.eventId().equals(id)));
            } finally {
                link.close();
            }

            // Without the CA the console cannot even read the gateway's info over https: it says so.
            Assertions.assertThatThrownBy(() -> AdminLink.open(http, admin, AdminLink.defaultHttp(),
                    (s, d) -> { }).get(10, TimeUnit.SECONDS))
                    .hasStackTraceContaining("certification path");
        }
    }
}
