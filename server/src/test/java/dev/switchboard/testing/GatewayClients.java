package dev.switchboard.testing;

import dev.switchboard.auth.Role;
import dev.switchboard.gateway.Gateway;

/**
 * What a test does with a running gateway: HTTP clients with tokens of any role, and WebSocket
 * devices. {@link TestGateway} and its per-class extension both offer it, written once here.
 */
public interface GatewayClients {
    Gateway gateway();

    /** A token signed with the gateway's secret, valid for an hour. */
    String token(String user, Role role);

    default Api api(String token) {
        return new Api("http://127.0.0.1:" + gateway().httpPort(), token);
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
