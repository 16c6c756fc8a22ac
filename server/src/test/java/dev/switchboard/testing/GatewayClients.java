package dev.switchboard.testing;

import dev.switchboard.auth.Role;
import dev.switchboard.node.GatewayNode;

import java.time.Duration;

/**
 * What a test does with a running gateway: HTTP clients with tokens of any role, and WebSocket
 * devices. {@link TestGateway} and its per-class extension both offer it, written once here.
 */
public interface GatewayClients {
    GatewayNode gateway();

    /** A token signed with the gateway's secret, valid for an hour. */
    String token(String user, Role role);

    /** A user's token naming a device, valid for {@code ttl}: HTTP recovery then names the device. */
    String deviceToken(String user, String device, Duration ttl);

    /** A user's token naming a device, as an app's HTTP client holds it, valid for an hour. */
    default String deviceToken(String user, String device) {
        return deviceToken(user, device, Duration.ofHours(1));
    }

    default Api api(String token) {
        String base = gateway().httpUrl("127.0.0.1");
        if (base.startsWith("https:") && gateway().tls().isPresent()) {
            // Trusts the gateway's own chain, whichever CA the test made it with.
            return new Api(base, token, gateway().tls().get().certificate().chain());
        }
        return new Api(base, token);
    }

    /** A backend (role service): publishes, manages the ACL. */
    default Api service() {
        return api(token("backend", Role.SERVICE));
    }

    default Api anonymous() {
        return api(null);
    }

    default Api user(String userId) {
        return api(token(userId, Role.USER));
    }

    /** The WebSocket URL with a token in the query, as a browser would connect. */
    default String wsUrl(String token) {
        return "ws://127.0.0.1:" + gateway().wsPort() + "/ws?token=" + token;
    }

    /** Connects a user's device with a fresh token. */
    default WsClient connect(String userId, String device) {
        return WsClient.connect(wsUrl(token(userId, Role.USER)) + "&device=" + device + "&app=test-1.0");
    }
}
