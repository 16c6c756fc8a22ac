package dev.switchboard.console.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.model.json.Json;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The gateway's admin REST API (docs/admin-api.md) and the few public routes the console uses, as
 * asynchronous calls: every method returns at once and completes on an OkHttp thread, never on the
 * JavaFX thread. A non-2xx answer completes exceptionally with {@link ApiException}.
 */
public final class AdminApi {
    private static final MediaType JSON = MediaType.get("application/json");

    private final HttpUrl base;
    private final String token;
    private final OkHttpClient http;

    public AdminApi(String httpUrl, String token, OkHttpClient http) {
        HttpUrl parsed = HttpUrl.parse(httpUrl.replaceFirst("/+$", ""));
        if (parsed == null) {
            throw new IllegalArgumentException("not an http(s) URL: " + httpUrl);
        }
        this.base = parsed;
        this.token = token;
        this.http = http;
    }

    /** The admin token this API sends (the simulator uses it as its service and admin token). */
    public String token() {
        return token;
    }

    public String baseUrl() {
        return base.toString().replaceFirst("/+$", "");
    }

    // ---- node ----------------------------------------------------------------------------------

    public CompletableFuture<JsonNode> info() {
        return get("/api/info", Map.of());
    }

    public CompletableFuture<JsonNode> node() {
        return get("/admin/node", Map.of());
    }

    public CompletableFuture<JsonNode> stats() {
        return get("/admin/stats", Map.of());
    }

    public CompletableFuture<JsonNode> drain() {
        return send("POST", "/admin/drain", Json.object());
    }

    // ---- connections and rooms -----------------------------------------------------------------

    /** {@code filters}: user, room, app, node, cursor, limit (null values are left out). */
    public CompletableFuture<JsonNode> connections(Map<String, String> filters) {
        return get("/admin/connections", filters);
    }

    public CompletableFuture<JsonNode> connection(String connectionId) {
        return get("/admin/connections/" + seg(connectionId), Map.of());
    }

    public CompletableFuture<JsonNode> disconnect(String connectionId) {
        return send("DELETE", "/admin/connections/" + seg(connectionId), null);
    }

    public CompletableFuture<JsonNode> redeliver(String connectionId, String room, long from, long to) {
        ObjectNode body = Json.object();
        body.put("room", room);
        body.put("from", from);
        body.put("to", to);
        return send("POST", "/admin/connections/" + seg(connectionId) + "/redeliver", body);
    }

    public CompletableFuture<JsonNode> rooms() {
        return get("/admin/rooms", Map.of());
    }

    public CompletableFuture<JsonNode> members(String room) {
        return get("/admin/rooms/" + seg(room) + "/members", Map.of());
    }

    // ---- events and traces ---------------------------------------------------------------------

    /** {@code filters}: room, type, resource, id, limit. */
    public CompletableFuture<JsonNode> events(Map<String, String> filters) {
        return get("/admin/events", filters);
    }

    public CompletableFuture<JsonNode> trace(String eventId) {
        return get("/admin/events/" + seg(eventId) + "/trace", Map.of());
    }

    /** {@code from}/{@code to}: ISO-8601 or epoch millis, or null for the gateway's default (24 h). */
    public CompletableFuture<JsonNode> timeline(String userId, String from, String to) {
        java.util.HashMap<String, String> q = new java.util.HashMap<>();
        q.put("from", from);
        q.put("to", to);
        return get("/admin/users/" + seg(userId) + "/timeline", q);
    }

    /** POST /api/events (PROTOCOL §3): an admin token may publish. */
    public CompletableFuture<JsonNode> publish(ObjectNode event) {
        return send("POST", "/api/events", event);
    }

    // ---- faults and audit ----------------------------------------------------------------------

    public CompletableFuture<JsonNode> injectFault(ObjectNode fault) {
        return send("POST", "/admin/faults", fault);
    }

    public CompletableFuture<JsonNode> faults() {
        return get("/admin/faults", Map.of());
    }

    public CompletableFuture<JsonNode> clearFault(String faultId) {
        return send("DELETE", "/admin/faults/" + seg(faultId), null);
    }

    public CompletableFuture<JsonNode> audit(int limit) {
        return get("/admin/audit", Map.of("limit", Integer.toString(limit)));
    }

    // ---- plumbing ------------------------------------------------------------------------------

    public CompletableFuture<JsonNode> get(String path, Map<String, String> query) {
        HttpUrl.Builder url = url(path);
        query.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                url.addQueryParameter(k, v);
            }
        });
        return call(new Request.Builder().url(url.build()).get());
    }

    private CompletableFuture<JsonNode> send(String method, String path, JsonNode body) {
        RequestBody rb = body == null ? null : RequestBody.create(Json.write(body), JSON);
        return call(new Request.Builder().url(url(path).build()).method(method, rb));
    }

    private HttpUrl.Builder url(String path) {
        HttpUrl.Builder b = base.newBuilder();
        for (String s : path.substring(1).split("/")) {
            b.addEncodedPathSegment(s);
        }
        return b;
    }

    private static String seg(String s) {
        return HttpUrl.parse("http://x/").newBuilder().addPathSegment(s).build().encodedPath().substring(1);
    }

    private CompletableFuture<JsonNode> call(Request.Builder request) {
        CompletableFuture<JsonNode> result = new CompletableFuture<>();
        Call call = http.newCall(request.header("Authorization", "Bearer " + token).build());
        call.enqueue(new Callback() {
            @Override
            public void onFailure(Call c, IOException e) {
                result.completeExceptionally(new ApiException(0, "unreachable", String.valueOf(e.getMessage())));
            }

            @Override
            public void onResponse(Call c, Response response) {
                try (response; ResponseBody body = response.body()) {
                    String text = body == null ? "" : body.string();
                    JsonNode json = text.isBlank() ? Json.object() : Json.parse(text);
                    if (response.isSuccessful()) {
                        result.complete(json);
                    } else {
                        result.completeExceptionally(new ApiException(response.code(),
                                json.path("error").asText("http_" + response.code()),
                                json.path("message").asText(response.message())));
                    }
                } catch (IOException | RuntimeException e) {
                    result.completeExceptionally(new ApiException(response.code(), "bad_answer", String.valueOf(e.getMessage())));
                }
            }
        });
        return result;
    }
}
