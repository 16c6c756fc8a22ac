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

/** Fault injection for QA (docs/admin-api.md, "faults"): inject, list, clear. */
public final class FaultRoutes {
    private static final int MAX_BODY = 8 * 1024;
    private final Authenticator auth;
    private final Faults faults;
    private final AuditLog audit;

    public FaultRoutes(Authenticator auth, Faults faults, AuditLog audit) {
        this.auth = auth;
        this.faults = faults;
        this.audit = audit;
    }

    public void register(ApiServer server) {
        server.route("POST", "/admin/faults", this::inject);
        server.route("GET", "/admin/faults", call -> call.json(200, AdminJson.tree(faults.list())));
        server.route("DELETE", "/admin/faults/{id}", call -> {
            audit.record(auth.requireAdmin(call).userId(), "fault.clear", "fault:" + call.path("id"), null);
            if (!faults.clear(call.path("id"))) {
                throw new ApiException(404, "not_found", "no active fault " + call.path("id"));
            }
            call.noContent();
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
        try {
            FaultInfo result = faults.inject(text(body, "connectionId"), text(body, "userId"), body.path("kind").asText(),
                    body.path("count").asInt(0), body.path("delayMs").asLong(0), body.path("window").asInt(0),
                    body.path("durationMs").asLong(60_000), admin);
            call.json(body.path("kind").asText().equals("cut") ? 200 : 201, AdminJson.tree(result));
        } catch (Faults.FaultException e) {
            throw new ApiException(e.status, e.status == 404 ? "not_found" : "invalid", e.getMessage());
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
