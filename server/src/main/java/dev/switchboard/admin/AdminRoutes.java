package dev.switchboard.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.config.GatewayConfig;
import dev.switchboard.eventlog.EventLog;
import dev.switchboard.gateway.WebSocketGateway;
import dev.switchboard.http.ApiException;
import dev.switchboard.http.ApiServer;
import dev.switchboard.http.Authenticator;
import dev.switchboard.model.event.Timestamps;
import dev.switchboard.model.json.Json;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * {@code /admin/*}: the console's interface (docs/admin-api.md). Every path under it, known or not,
 * needs an admin token: 401 without a valid token, 403 for user and service tokens.
 */
public final class AdminRoutes {
    private final Authenticator auth;
    private final GatewayConfig config;
    private final EventLog eventLog;
    private final Clock clock;
    private final Instant startedAt;
    private final String version;
    private final BooleanSupplier draining;
    private final WebSocketGateway ws;

    public AdminRoutes(Authenticator auth, GatewayConfig config, EventLog eventLog, WebSocketGateway ws, Clock clock,
                       String version, BooleanSupplier draining) {
        this.ws = ws;
        this.auth = auth;
        this.config = config;
        this.eventLog = eventLog;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.version = version;
        this.draining = draining;
    }

    public void register(ApiServer server) {
        server.guard("/admin/", auth::requireAdmin);
        server.route("GET", "/admin/node", call -> call.json(200, node()));
        new TraceRoutes(eventLog.database().dataSource(), ws, clock).register(server);
        new FaultRoutes(auth, ws.faults()).register(server);
        server.route("DELETE", "/admin/connections/{id}", call -> {
            String admin = auth.requireAdmin(call).userId();
            String id = call.path("id");
            if (!ws.disconnect(id, admin)) {
                throw new ApiException(404, "not_found", "no open connection " + id + " on this node");
            }
            call.noContent();
        });
    }

    private ObjectNode node() {
        ObjectNode n = Json.object();
        n.put("node", config.nodeId());
        n.put("version", version);
        n.put("startedAt", Timestamps.format(startedAt));
        n.put("uptimeSeconds", Duration.between(startedAt, clock.instant()).toSeconds());
        n.put("draining", draining.getAsBoolean());
        ObjectNode log = n.putObject("eventLog");
        log.put("store", config.embeddedDatabase() ? "h2" : "postgresql");
        log.put("epoch", eventLog.database().epoch());
        log.put("healthy", eventLog.healthy());
        log.put("queueDepth", eventLog.queueDepth());
        ObjectNode listeners = n.putObject("listeners");
        listeners.put("httpHost", config.httpHost());
        listeners.put("httpPort", config.httpPort());
        listeners.put("wsPort", ws.port());
        ObjectNode sockets = n.putObject("webSockets");
        sockets.put("connections", ws.connections());
        return n;
    }
}
