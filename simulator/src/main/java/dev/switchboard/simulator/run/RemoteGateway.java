package dev.switchboard.simulator.run;

import dev.switchboard.auth.TokenIssuer;
import dev.switchboard.client.TrustedCa;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

/**
 * A gateway that runs elsewhere: its HTTP URL, the WebSocket URL it advertises on {@code GET /api/info},
 * a service token (publish, ACL), an admin token (faults; optional) and its token secret (to mint the
 * devices' user tokens). It cannot be restarted by the simulator.
 */
public final class RemoteGateway implements SimulationTarget {
    private final String httpUrl;
    private final String wsUrl;
    private final String serviceToken;
    private final String adminToken;
    private final TokenIssuer issuer;
    private final TrustedCa trustedCa;

    private RemoteGateway(String httpUrl, String wsUrl, String serviceToken, String adminToken, TokenIssuer issuer,
                          TrustedCa trustedCa) {
        this.httpUrl = httpUrl;
        this.wsUrl = wsUrl;
        this.serviceToken = serviceToken;
        this.adminToken = adminToken;
        this.issuer = issuer;
        this.trustedCa = trustedCa;
    }

    /** Asks the gateway where its WebSocket listener is; fails when it cannot be reached. */
    public static RemoteGateway connect(String httpUrl, String serviceToken, String adminToken, String tokenSecret)
            throws IOException {
        return connect(httpUrl, serviceToken, adminToken, tokenSecret, null);
    }

    /** @param trustedCa the CAs to trust for https/wss, when the gateway's certificate is not publicly trusted; or null */
    public static RemoteGateway connect(String httpUrl, String serviceToken, String adminToken, String tokenSecret,
                                        TrustedCa trustedCa) throws IOException {
        String base = httpUrl.replaceFirst("/+$", "");
        String ws = new BackendHttp(base, serviceToken, trustedCa).info().path("wsUrl").asText("");
        if (ws.isEmpty()) {
            throw new IOException(base + "/api/info has no wsUrl");
        }
        return new RemoteGateway(base, ws, serviceToken, adminToken, new TokenIssuer(tokenSecret, Clock.systemUTC()),
                trustedCa);
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
    public TrustedCa trustedCa() {
        return trustedCa;
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
