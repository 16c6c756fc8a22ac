package dev.switchboard.admin;

import com.fasterxml.jackson.databind.JsonNode;
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
    private final Runnable drain;

    public AdminRoutes(Authenticator auth, GatewayConfig config, EventLog eventLog, WebSocketGateway ws, Clock clock,
                       String version, BooleanSupplier draining, Runnable drain) {
        this.ws = ws;
        this.drain = drain;
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
        AuditLog audit = new AuditLog(eventLog.database().dataSource(), clock, config.nodeId());
        server.route("DELETE", "/admin/connections/{id}", call -> {
            String admin = auth.requireAdmin(call).userId();
            String id = call.path("id");
            audit.record(admin, "disconnect", "connection:" + id, null);
            if (!ws.disconnect(id, admin)) {
                throw new ApiException(404, "not_found", "no open connection " + id + " on this node");
            }
            call.noContent();
        });
        server.route("POST", "/admin/connections/{id}/redeliver", call -> {
            String admin = auth.requireAdmin(call).userId();
            JsonNode body = body(call);
            String room = body.path("room").asText(null);
            long from = body.path("from").asLong(0);
            long to = body.path("to").asLong(0);
            if (room == null || from < 1 || to < from || to - from >= 10_000) {
                throw ApiException.invalid("expected {\"room\", \"from\" >= 1, \"to\" >= from}, at most 10,000 offsets");
            }
            String id = call.path("id");
            audit.record(admin, "redeliver", "connection:" + id, room + " " + from + ".." + to);
            int sent = ws.redeliver(id, room, from, to);
            if (sent < 0) {
                throw new ApiException(404, "not_found", "no open connection " + id + " on this node");
            }
            ObjectNode out = Json.object();
            out.put("sent", sent);
            call.json(200, out);
        });
        server.route("POST", "/admin/drain", call -> {
            String admin = auth.requireAdmin(call).userId();
            audit.record(admin, "drain", "node:" + config.nodeId(), null);
            Thread t = new Thread(drain, "admin-drain");
            t.setDaemon(true);
            t.start();
            ObjectNode out = Json.object();
            out.put("draining", true);
            out.put("graceMs", config.drainGrace().toMillis());
            call.json(202, out);
        });
        server.route("GET", "/admin/audit", call -> {
            ObjectNode out = Json.object();
            out.set("entries", audit.recent(InspectRoutes.limit(call, 100)));
            call.json(200, out);
        });
        server.route("GET", "/admin/stats", call -> call.json(200, stats()));
        new InspectRoutes(ws, eventLog.database().dataSource()).register(server);
        new FaultRoutes(auth, ws.faults(), audit).register(server);
    }

    private ObjectNode stats() {
        ObjectNode n = node();
        ObjectNode s = n.putObject("stats");
        s.put("connections", ws.connections());
        s.put("rooms", ws.view().rooms().size());
        s.put("backlogBytes", ws.backlogBytes());
        s.put("deliveryOverloaded", ws.deliveryOverloaded());
        return n;
    }

    static JsonNode body(dev.switchboard.http.HttpCall call) throws ApiException {
        try {
            JsonNode b = Json.parse(call.body(8 * 1024));
            if (b == null || !b.isObject()) {
                throw ApiException.invalid("expected a JSON object");
            }
            return b;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ApiException.badJson("the body is not valid JSON: " + e.getOriginalMessage());
        }
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
