package dev.switchboard.gateway;

import dev.switchboard.auth.Role;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.TestGateway;
import dev.switchboard.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** PROTOCOL.md §4 close 4010: an operator cuts one connection through the admin API. */
class OperatorDisconnectTest {
    @RegisterExtension
    static final TestGateway.PerClass gw = TestGateway.perClass();

    @Test
    void anAdminDisconnectsOneConnectionWith4010AndTheOthersStay() {
        Api admin = gw.api(gw.token("ops", Role.ADMIN));
        try (WsClient phone = gw.connect("vic", "phone"); WsClient laptop = gw.connect("vic", "laptop")) {
            String id = phone.next("welcome").path("connectionId").asText();
            laptop.next("welcome");
            assertThat(admin.get("/admin/node").json().path("webSockets").path("connections").asInt()).isGreaterThanOrEqualTo(2);
            assertThat(gw.service().delete("/admin/connections/" + id).status()).as("services may not").isEqualTo(403);
            assertThat(admin.delete("/admin/connections/" + id).status()).isEqualTo(204);
            assertThat(phone.awaitClose()).isEqualTo(4010);
            assertThat(admin.delete("/admin/connections/" + id).status()).as("gone now").isEqualTo(404);
            RecoveryOnJoinTest.publish(gw, "user:vic", "still-here");
            assertThat(laptop.next("event").path("room").asText()).isEqualTo("user:vic");
        }
    }
}
