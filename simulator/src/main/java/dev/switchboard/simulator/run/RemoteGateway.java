package dev.switchboard.simulator.run;

import dev.switchboard.auth.TokenIssuer;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

/**
 * A gateway that runs elsewhere: its HTTP URL, the WebSocket URL it advertises on {@code GET /api/info},
 * a service token (publish, ACL), an admin token (faults; optional) and its token secret (to mint the
 * devices' user tokens). It cannot be restarted by the simulator.
 */
public final class RemoteGateway implements GatewayTarget {
    private final String httpUrl;
    private final String wsUrl;
    private final String serviceToken;
    private final String adminToken;
    private final TokenIssuer issuer;

    private RemoteGateway(String httpUrl, String wsUrl, String serviceToken, String adminToken, TokenIssuer issuer) {
        this.httpUrl = httpUrl;
        this.wsUrl = wsUrl;
        this.serviceToken = serviceToken;
        this.adminToken = adminToken;
        this.issuer = issuer;
    }

    /** Asks the gateway where its WebSocket listener is; fails when it cannot be reached. */
    public static RemoteGateway connect(String httpUrl, String serviceToken, String adminToken, String tokenSecret)
            throws IOException {
        String base = httpUrl.replaceFirst("/+$", "");
        String ws = new GatewayHttp(base, serviceToken, adminToken).info().path("wsUrl").asText("");
        if (ws.isEmpty()) {
            throw new IOException(base + "/api/info has no wsUrl");
        }
        return new RemoteGateway(base, ws, serviceToken, adminToken, new TokenIssuer(tokenSecret, Clock.systemUTC()));
    }

    @Override
    public String httpUrl() {
        return httpUrl;
    }

    @Override
    public String wsUrl() {
        return wsUrl;
    }

    @Override
    public String serviceToken() {
        return serviceToken;
    }

    @Override
    public String adminToken() {
        return adminToken;
    }

    @Override
    public TokenIssuer issuer() {
        return issuer;
    }

    @Override
    public boolean canRestart() {
        return false;
    }

    @Override
    public void restart(Duration downtime) {
        throw new UnsupportedOperationException("only an embedded gateway can be restarted by the simulator");
    }

    @Override
    public String describe() {
        return "gateway " + httpUrl + " (" + wsUrl + ")";
    }

    @Override
    public void close() {
        // not ours to stop
    }
}
