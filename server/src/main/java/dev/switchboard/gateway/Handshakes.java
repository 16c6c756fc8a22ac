package dev.switchboard.gateway;

import dev.switchboard.auth.AuthException;
import dev.switchboard.auth.Principal;
import dev.switchboard.auth.TokenVerifier;
import dev.switchboard.config.GatewayConfig;
import dev.switchboard.config.WebSocketLimits;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.HandshakeImpl1Server;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/**
 * The upgrade of {@code GET /ws} and {@code GET /admin/ws}: the path, the browser origin, draining, the
 * token, the device and app labels. What it learns goes on the connection as an {@link Admission} or
 * a {@link ConsoleAdmission}; a refusal as a {@link HandshakeRefusal}, which the draft turns into a
 * real HTTP error. Runs on the library's decoder thread of the connection; reads no disk or network.
 */
final class Handshakes {
    private static final Logger log = LoggerFactory.getLogger(Handshakes.class);
    private static final Pattern DEVICE = Pattern.compile("[\\x21-\\x7e]{1,128}");
    private static final Pattern APP = Pattern.compile("[\\x20-\\x7e]{0,64}");

    /** An admin console's upgrade to /admin/ws, kept on the connection until it opens. */
    record ConsoleAdmission(Principal principal, boolean listsInSnapshot) {
    }

    /** What the handshake learned, kept on the connection until it opens. */
    record Admission(Principal principal, String deviceId, String appVersion) {
    }

    private final TokenVerifier verifier;
    private final WebSocketLimits limits;
    private final BooleanSupplier draining;
    private final GatewayMetrics metrics;

    Handshakes(TokenVerifier verifier, WebSocketLimits limits, BooleanSupplier draining, GatewayMetrics metrics) {
        this.verifier = verifier;
        this.limits = limits;
        this.draining = draining;
        this.metrics = metrics;
    }

    /** Decides an upgrade: the answer to send, with what it learned attached to the connection. */
    ServerHandshakeBuilder admit(WebSocket conn, ClientHandshake request) {
        String resource = request.getResourceDescriptor();
        int q = resource.indexOf('?');
        String path = q < 0 ? resource : resource.substring(0, q);
        Map<String, String> query = query(q < 0 ? "" : resource.substring(q + 1));
        if (!path.equals("/ws") && !path.equals("/admin/ws")) {
            return refuse(conn, new HandshakeRefusal(404, "Not Found", "not_found", "no WebSocket endpoint at " + path), "not_found");
        }
        // A browser sends its page's origin and the user's token goes with it (a ?token= the page got
        // hold of, or a cookie-fed proxy): only the configured sites may use it. Non-browser clients
        // send no Origin and are not concerned.
        String origin = request.getFieldValue("Origin");
        if (!limits.allowedOrigins().isEmpty() && !origin.isEmpty()
                && !limits.allowedOrigins().contains(GatewayConfig.normalizeOrigin(origin))) {
            return refuse(conn, new HandshakeRefusal(403, "Forbidden", "forbidden",
                    "origin " + origin + " is not in ws.allowed-origins"), "origin_not_allowed");
        }
        if (path.equals("/admin/ws")) {
            return consoleHandshake(conn, request, query);
        }
        if (draining.getAsBoolean()) {
            return refuse(conn, new HandshakeRefusal(503, "Service Unavailable", "draining",
                    "this node is draining; connect to another node"), "draining");
        }
        Principal principal;
        try {
            principal = authenticate(request, query);
        } catch (AuthException e) {
            return refuse(conn, new HandshakeRefusal(401, "Unauthorized", e.code(), e.getMessage()), e.code());
        }
        // PROTOCOL.md §1: the token's device claim wins, then ?device=, else a generated id.
        String device = principal.deviceId();
        if (device == null || device.isEmpty()) {
            device = query.get("device");
        }
        if (device == null || device.isEmpty()) {
            device = "d-" + Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36);
        }
        String app = query.getOrDefault("app", "");
        if (!DEVICE.matcher(device).matches() || !APP.matcher(app).matches()) {
            return refuse(conn, new HandshakeRefusal(400, "Bad Request", "bad_request",
                    "device must be 1-128 printable ASCII characters and app at most 64"), "bad_request");
        }
        conn.setAttachment(new Admission(principal, device, app));
        return new HandshakeImpl1Server();
    }

    /** The token of an upgrade, from {@code Authorization: Bearer} or {@code ?token=}, verified. */
    private Principal authenticate(ClientHandshake request, Map<String, String> query) throws AuthException {
        String token = TokenVerifier.bearer(request.getFieldValue("Authorization"));
        if (token == null) {
            token = query.get("token");
        }
        if (token == null || token.isEmpty()) {
            throw new AuthException("missing token: send Authorization: Bearer <token> or ?token=");
        }
        return verifier.verify(token);
    }

    private ServerHandshakeBuilder consoleHandshake(WebSocket conn, ClientHandshake request, Map<String, String> query) {
        Principal principal;
        try {
            principal = authenticate(request, query);
        } catch (AuthException e) {
            return refuse(conn, new HandshakeRefusal(401, "Unauthorized", e.code(), e.getMessage()), e.code());
        }
        if (!principal.role().mayAdminister()) {
            return refuse(conn, new HandshakeRefusal(403, "Forbidden", "forbidden", "the admin stream needs an admin token"),
                    "forbidden");
        }
        // ?snapshot=stats: the first frame carries the figures without the connection and room lists
        // (a console that pages them over HTTP has no use for 10,000 rooms on every connect)
        String snapshot = query.getOrDefault("snapshot", "full");
        if (!snapshot.equals("full") && !snapshot.equals("stats")) {
            return refuse(conn, new HandshakeRefusal(400, "Bad Request", "bad_request",
                    "snapshot must be full or stats"), "bad_request");
        }
        conn.setAttachment(new ConsoleAdmission(principal, snapshot.equals("full")));
        return new HandshakeImpl1Server();
    }

    private HandshakeRefusal refuse(WebSocket conn, HandshakeRefusal refusal, String reason) {
        metrics.refused(reason);
        log.info("handshake refused from {}: {}", conn.getRemoteSocketAddress(), refusal);
        conn.setAttachment(refusal);
        return refusal;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new HashMap<>();
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                params.putIfAbsent(k, v);
            } catch (IllegalArgumentException e) {
                // a malformed escape: the parameter is ignored (and a missing token refuses the upgrade)
            }
        }
        return params;
    }
}
