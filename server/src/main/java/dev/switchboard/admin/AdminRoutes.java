package dev.switchboard.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.audit.AuditLog;
import dev.switchboard.cluster.ClusterForward;
import dev.switchboard.cluster.NodeAsker;
import dev.switchboard.cluster.NodeRegistry;
import dev.switchboard.config.GatewayConfig;
import dev.switchboard.eventlog.EventLog;
import dev.switchboard.gateway.WebSocketGateway;
import dev.switchboard.http.ApiException;
import dev.switchboard.http.ApiServer;
import dev.switchboard.http.Authenticator;
import dev.switchboard.http.HttpCall;
import dev.switchboard.model.admin.AdminJson;
import dev.switchboard.model.admin.DrainStarted;
import dev.switchboard.model.admin.NodeStatus;
import dev.switchboard.model.admin.Redelivered;
import dev.switchboard.model.event.Timestamps;
import dev.switchboard.model.json.Json;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
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
    private final AuditLog audit;
    private final Callable<List<NodeRegistry.Node>> nodes;
    private final ClusterForward cluster;
    /** The other nodes, asked for the cluster-wide lists and stats; null without a cluster. */
    private final NodeAsker others;
    /** Cluster command kinds: a disconnect and a redelivery for a connection another node holds. */
    public static final String DISCONNECT = "admin.disconnect";
    public static final String REDELIVER = "admin.redeliver";

    public AdminRoutes(Authenticator auth, GatewayConfig config, EventLog eventLog, WebSocketGateway ws, AuditLog audit,
                       Clock clock, String version, BooleanSupplier draining, Runnable drain,
                       Callable<List<NodeRegistry.Node>> nodes, ClusterForward cluster) {
        this.nodes = nodes;
        this.cluster = cluster;
        this.others = eventLog.database().shared() ? new NodeAsker(config.nodeId(), nodes) : null;
        this.audit = audit;
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

    /** Hands a command for connection {@code id} to the node holding it, if another node does (its name). */
    private Optional<String> toHome(String kind, String id, String detail) throws ApiException {
        return ApiException.unavailableUnless(() -> cluster.toHome(kind, id, detail), "cannot reach the other nodes: ", "");
    }

    /** Applies a redelivery given on another node for a connection of this one; cluster commands thread. */
    public static void applyRedeliver(WebSocketGateway ws, String connectionId, String detail) {
        try {
            JsonNode d = Json.parse(detail);
            ws.redeliver(connectionId, d.path("room").asText(), d.path("from").asLong(), d.path("to").asLong());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("a redelivery command does not decode: " + e.getOriginalMessage(), e);
        }
    }

    public void register(ApiServer server) {
        server.guard("/admin/", auth::requireAdmin);
        server.route("GET", "/admin/node", call -> call.json(200, AdminJson.tree(node())));
        server.route("GET", "/admin/nodes", call -> {
            List<NodeRegistry.Node> list;
            try {
                list = nodes.call();
            } catch (Exception e) {
                throw new ApiException(503, "unavailable", "cannot read the cluster's nodes: " + e.getMessage());
            }
            ObjectNode body = Json.object();
            body.put("self", config.nodeId());
            body.put("deadAfterMs", NodeRegistry.DEAD_AFTER.toMillis());
            body.set("nodes", AdminJson.tree(list));
            call.json(200, body);
        });
        new TraceRoutes(eventLog.database().dataSource(), ws, clock).register(server);
        server.route("DELETE", "/admin/connections/{id}", call -> {
            String admin = auth.requireAdmin(call).userId();
            String id = call.path("id");
            audit.record(admin, "disconnect", "connection:" + id, null);
            if (ws.disconnect(id, admin)) {
                call.noContent();
                return;
            }
            Optional<String> node = toHome(DISCONNECT, id, admin);
            if (node.isEmpty()) {
                throw new ApiException(404, "not_found", "no open connection " + id + " on this node or any other known");
            }
            // Another node holds it and closes it within cluster.log-poll.
            call.json(202, Json.object().put("forwardedTo", node.get()));
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
                Optional<String> node = toHome(REDELIVER, id, Json.write(Json.object().put("room", room).put("from", from)
                        .put("to", to)));
                if (node.isEmpty()) {
                    throw new ApiException(404, "not_found", "no open connection " + id + " on this node or any other known");
                }
                call.json(202, AdminJson.tree(new Redelivered(0, node.get())));
                return;
            }
            call.json(200, AdminJson.tree(new Redelivered(sent)));
        });
        server.route("POST", "/admin/drain", call -> {
            String admin = auth.requireAdmin(call).userId();
            audit.record(admin, "drain", "node:" + config.nodeId(), null);
            Thread t = new Thread(drain, "admin-drain");
            t.setDaemon(true);
            t.start();
            call.json(202, AdminJson.tree(new DrainStarted(true, config.drainGrace().toMillis())));
        });
        server.route("GET", "/admin/audit", call -> {
            call.json(200, AdminJson.tree(audit.recent(QueryParams.limit(call, 100))));
        });
        server.route("GET", "/admin/stats", call -> {
            ObjectNode body = (ObjectNode) AdminJson.tree(stats());
            if (others != null && !ConnectionQueryParams.nodeScope(call)) {
                body.set("cluster", clusterStats(body, call.header("Authorization")));
            }
            call.json(200, body);
        });
        new InspectRoutes(ws, eventLog.database().dataSource(), others).register(server);
    }

    /**
     * The cluster's figures beside this node's: every live node's stats summed (rooms are counted on
     * each node that has members in them), with the nodes that did not answer named.
     */
    private ObjectNode clusterStats(ObjectNode mine, String authorization) throws ApiException {
        NodeAsker.Answers answers = ApiException.unavailableUnless(() -> others.ask("/admin/stats", authorization),
                "cannot list the cluster's nodes: ", "; add scope=node for this node's own figures");
        List<JsonNode> all = new ArrayList<>();
        all.add(mine);
        all.addAll(answers.bodies().values());
        long connections = 0;
        long rooms = 0;
        long backlog = 0;
        boolean overloaded = false;
        for (JsonNode n : all) {
            JsonNode st = n.path("stats");
            connections += st.path("connections").asLong();
            rooms += st.path("rooms").asLong();
            backlog += st.path("backlogBytes").asLong();
            overloaded |= st.path("deliveryOverloaded").asBoolean();
        }
        ObjectNode out = Json.object().put("nodes", all.size()).put("connections", connections).put("rooms", rooms)
                .put("backlogBytes", backlog).put("deliveryOverloaded", overloaded);
        answers.unanswered().forEach(out.putArray("unanswered")::add);
        return out;
    }

    private NodeStatus stats() {
        return node().withStats(new NodeStatus.Stats(ws.connections(), ws.view().rooms().rooms().size(), ws.backlogBytes(),
                ws.deliveryOverloaded()));
    }

    static JsonNode body(HttpCall call) throws ApiException {
        try {
            JsonNode b = Json.parse(call.body(8 * 1024));
            if (b == null || !b.isObject()) {
                throw ApiException.invalid("expected a JSON object");
            }
            return b;
        } catch (JsonProcessingException e) {
            throw ApiException.badJson("the body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private NodeStatus node() {
        return new NodeStatus(config.nodeId(), version, Timestamps.format(startedAt),
                Duration.between(startedAt, clock.instant()).toSeconds(), draining.getAsBoolean(),
                new NodeStatus.EventLogStatus(config.embeddedDatabase() ? "h2" : "postgresql",
                        eventLog.database().epoch(), eventLog.healthy(), eventLog.queueDepth()),
                new NodeStatus.Listeners(config.httpHost(), config.httpPort(), ws.port()),
                new NodeStatus.WebSockets(ws.connections()), null);
    }
}
