package dev.switchboard.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.metrics.Metrics;
import dev.switchboard.model.json.Json;
import dev.switchboard.model.protocol.FrameCodec;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/** {@code /api/info}, {@code /health/*} and {@code /metrics}: what clients and operators ask before anything else. */
public final class OpsRoutes {
    private final String node;
    private final String version;
    private final Function<String, String> wsUrlForHost;
    private final Supplier<List<String>> notReadyReasons;
    private final Supplier<List<String>> degradedReasons;
    private final Metrics metrics;

    /**
     * @param wsUrlForHost the WebSocket URL to advertise, given the request's Host header (may be null)
     * @param notReadyReasons why the node is not ready; empty when it is
     * @param degradedReasons what works less well than it should while the node still serves (Redis
     *                        down: other nodes' events come later); empty when nothing
     */
    public OpsRoutes(String node, String version, Function<String, String> wsUrlForHost,
                     Supplier<List<String>> notReadyReasons, Supplier<List<String>> degradedReasons, Metrics metrics) {
        this.node = node;
        this.version = version;
        this.wsUrlForHost = wsUrlForHost;
        this.notReadyReasons = notReadyReasons;
        this.degradedReasons = degradedReasons;
        this.metrics = metrics;
    }

    public void register(ApiServer server) {
        server.route("GET", "/api/info", this::info);
        server.route("GET", "/health/live", call -> call.json(200, Json.object().put("status", "live").put("node", node)));
        server.route("GET", "/health/ready", this::ready);
        server.route("GET", "/metrics", call -> call.text(200, "text/plain; version=0.0.4", metrics.render()));
    }

    private void info(HttpCall call) {
        ObjectNode body = Json.object();
        body.put("wsUrl", wsUrlForHost.apply(call.header("Host")));
        body.put("protocol", FrameCodec.PROTOCOL_VERSION);
        body.put("node", node);
        body.put("version", version);
        call.json(200, body);
    }

    private void ready(HttpCall call) {
        List<String> reasons = notReadyReasons.get();
        List<String> degraded = degradedReasons.get();
        if (reasons.isEmpty() && degraded.isEmpty()) {
            call.json(200, Json.object().put("status", "ready").put("node", node));
        } else if (reasons.isEmpty()) {
            // Still ready: a load balancer keeps sending traffic; monitoring sees what is missing.
            ObjectNode body = Json.object().put("status", "degraded").put("node", node);
            body.put("message", String.join("; ", degraded));
            call.json(200, body);
        } else {
            ObjectNode body = Json.object();
            body.put("status", "not_ready");
            body.put("error", "not_ready");
            body.put("message", String.join("; ", reasons));
            body.put("node", node);
            call.json(503, body);
        }
    }
}
