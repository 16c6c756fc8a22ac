package dev.switchboard.faults;

import dev.switchboard.model.admin.FaultInfo;
import dev.switchboard.model.admin.AdminJson;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.audit.AuditLog;
import dev.switchboard.http.ApiException;
import dev.switchboard.http.ApiServer;
import dev.switchboard.http.Authenticator;
import dev.switchboard.http.HttpCall;
import dev.switchboard.model.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.cluster.ClusterForward;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * Fault injection for QA (docs/admin-api.md, "faults"): inject, list, clear. In a cluster a fault for
 * a connection another node holds goes to that node, and a fault for a user acts on every node, under
 * one id that clears it everywhere.
 */
public final class FaultRoutes {
    private static final Logger log = LoggerFactory.getLogger(FaultRoutes.class);
    /** Cluster command kinds: a fault given on another node, and its clearing. */
    public static final String INJECT = "admin.fault";
    public static final String CLEAR = "admin.fault.clear";
    private static final int MAX_BODY = 8 * 1024;
    private final Authenticator auth;
    private final Faults faults;
    private final AuditLog audit;
    private final ClusterForward cluster;

    public FaultRoutes(Authenticator auth, Faults faults, AuditLog audit, ClusterForward cluster) {
        this.auth = auth;
        this.faults = faults;
        this.audit = audit;
        this.cluster = cluster;
    }

    public void register(ApiServer server) {
        server.route("POST", "/admin/faults", this::inject);
        server.route("GET", "/admin/faults", call -> call.json(200, AdminJson.tree(faults.list())));
        server.route("DELETE", "/admin/faults/{id}", call -> {
            String id = call.path("id");
            audit.record(auth.requireAdmin(call).userId(), "fault.clear", "fault:" + id, null);
            boolean here = faults.clear(id);
            // A user's fault has the same id on every node: it ends everywhere.
            boolean told = forward(() -> cluster.toAll(CLEAR, id, null));
            if (here) {
                call.noContent();
            } else if (told) {
                call.json(202, Json.object().put("forwardedTo", "cluster"));
            } else {
                throw new ApiException(404, "not_found", "no active fault " + id);
            }
        });
    }

    private void inject(HttpCall call) throws ApiException {
        String admin = auth.requireAdmin(call).userId();
        JsonNode body;
        try {
            body = Json.parse(call.body(MAX_BODY));
        } catch (JsonProcessingException e) {
            throw ApiException.badJson("the body is not valid JSON: " + e.getOriginalMessage());
        }
        if (body == null || !body.isObject() || !body.path("kind").isTextual()) {
            throw ApiException.invalid("expected {\"kind\": ..., \"connectionId\" or \"userId\": ...}");
        }
        String target = text(body, "connectionId") != null ? "connection:" + text(body, "connectionId")
                : "user:" + text(body, "userId");
        audit.record(admin, "fault.inject", target, Json.write(body));
        String id = Faults.newId();
        try {
            FaultInfo result = apply(faults, id, body, admin);
            if (text(body, "userId") != null) {
                // the user's connections on the other nodes too, under the same id
                forward(() -> cluster.toAll(INJECT, target, command(body, id, admin)));
            }
            call.json(body.path("kind").asText().equals("cut") ? 200 : 201, AdminJson.tree(result));
        } catch (Faults.FaultException e) {
            if (e.status == 404 && text(body, "connectionId") != null) {
                Optional<String> home = forwardOrEmpty(() -> cluster.toHome(INJECT, text(body, "connectionId"),
                        command(body, id, admin)));
                if (home.isPresent()) {
                    call.json(202, AdminJson.tree(FaultInfo.forwarded(id, body.path("kind").asText(),
                            text(body, "connectionId"), home.get())));
                    return;
                }
            }
            throw new ApiException(e.status, e.status == 404 ? "not_found" : "invalid", e.getMessage());
        }
    }

    /** Injects the fault {@code body} describes under {@code id} on this node. */
    static FaultInfo apply(Faults faults, String id, JsonNode body, String admin) throws Faults.FaultException {
        return faults.inject(id, text(body, "connectionId"), text(body, "userId"), body.path("kind").asText(),
                body.path("count").asInt(0), body.path("delayMs").asLong(0), body.path("window").asInt(0),
                body.path("durationMs").asLong(60_000), admin);
    }

    /** What another node needs to inject the same fault: the request, its id and the admin. */
    private static String command(JsonNode body, String id, String admin) {
        return Json.write(((ObjectNode) body.deepCopy()).put("id", id).put("admin", admin));
    }

    /**
     * Applies a fault command given on another node ({@link #INJECT}); a connection or user this
     * node does not hold is no error here. Cluster commands thread.
     */
    public static void applyCommand(Faults faults, String detail) {
        try {
            JsonNode body = Json.parse(detail);
            apply(faults, body.path("id").asText(null), body, body.path("admin").asText("cluster"));
        } catch (Faults.FaultException e) {
            if (e.status != 404) {
                log.warn("cluster: a fault given on another node is refused here: {}", e.getMessage());
            }
        } catch (JsonProcessingException e) {
            log.warn("cluster: a fault command does not decode: {}", e.getOriginalMessage());
        }
    }

    private static boolean forward(ApiException.ClusterCall<Boolean> tell) throws ApiException {
        return ApiException.unavailableUnless(tell, "done on this node, but the other nodes could not be told: ",
                "; try again");
    }

    private static Optional<String> forwardOrEmpty(ApiException.ClusterCall<Optional<String>> tell) throws ApiException {
        return ApiException.unavailableUnless(tell, "cannot reach the other nodes: ", "");
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
