package dev.switchboard.adminclient;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.admin.AclMembers;
import dev.switchboard.model.admin.AdminJson;
import dev.switchboard.model.admin.AuditTrail;
import dev.switchboard.model.admin.ConnectionInfo;
import dev.switchboard.model.admin.ConnectionPage;
import dev.switchboard.model.admin.DrainStarted;
import dev.switchboard.model.admin.EventList;
import dev.switchboard.model.admin.EventTraceInfo;
import dev.switchboard.model.admin.FaultInfo;
import dev.switchboard.model.admin.FaultList;
import dev.switchboard.model.admin.FaultRequest;
import dev.switchboard.model.admin.NodeList;
import dev.switchboard.model.admin.NodeStatus;
import dev.switchboard.model.admin.Published;
import dev.switchboard.model.admin.Redelivered;
import dev.switchboard.model.admin.Redelivery;
import dev.switchboard.model.admin.RoomList;
import dev.switchboard.model.admin.RoomMembers;
import dev.switchboard.model.admin.ServerInfo;
import dev.switchboard.model.admin.UserTimelineInfo;
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
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The admin API over HTTP(S) with OkHttp. Calls complete on OkHttp's threads, never on the caller's
 * (a JavaFX view model hands results to its own thread). TLS trust is the given client's: build it
 * with the gateway's CA for a gateway whose certificate the JDK does not trust (docs/tls.md).
 */
public final class AdminHttpClient implements AdminApi {
    private static final MediaType JSON = MediaType.get("application/json");

    private final HttpUrl base;
    /** Replaced when the user gives a new token for the same gateway ({@link #useToken}). */
    private volatile String token;
    private final OkHttpClient http;
    private volatile Consumer<String> refused = t -> { };

    public AdminHttpClient(String httpUrl, String token, OkHttpClient http) {
        HttpUrl parsed = HttpUrl.parse(httpUrl.replaceFirst("/+$", ""));
        if (parsed == null) {
            throw new IllegalArgumentException("not an http(s) URL: " + httpUrl);
        }
        this.base = parsed;
        this.token = token;
        this.http = http;
    }

    /**
     * An OkHttp client fit for admin tools: short connect timeout, no long reads (the stream pings
     * every 10 s, so a dead gateway is noticed). Callers that need a CA add it to a
     * {@code newBuilder()} of this one.
     */
    public static OkHttpClient defaultHttp() {
        return new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(30))
                .pingInterval(Duration.ofSeconds(10))
                .build();
    }

    @Override
    public String baseUrl() {
        return base.toString().replaceFirst("/+$", "");
    }

    @Override
    public String token() {
        return token;
    }

    /**
     * Calls from now on carry {@code newToken} (an admin whose token expired gave a fresh one); calls
     * already sent keep the old one.
     */
    public void useToken(String newToken) {
        this.token = newToken;
    }

    /**
     * {@code listener} is told the token of every call the gateway answered 401 (expired, revoked or
     * forged), on OkHttp's thread, before the call's future fails; it can tell a stale token's late
     * answer from the current token's by comparing.
     */
    public void onTokenRefused(Consumer<String> listener) {
        this.refused = listener;
    }

    /** The OkHttp client this one calls with (the admin stream shares it). */
    public OkHttpClient http() {
        return http;
    }

    @Override
    public CompletableFuture<ServerInfo> info() {
        return get("/api/info", Map.of(), ServerInfo.class);
    }

    @Override
    public CompletableFuture<NodeStatus> node() {
        return get("/admin/node", Map.of(), NodeStatus.class);
    }

    @Override
    public CompletableFuture<NodeList> nodes() {
        return get("/admin/nodes", Map.of(), NodeList.class);
    }

    @Override
    public CompletableFuture<NodeStatus> stats() {
        return get("/admin/stats", Map.of(), NodeStatus.class);
    }

    @Override
    public CompletableFuture<DrainStarted> drain() {
        return send("POST", "/admin/drain", Json.object(), DrainStarted.class);
    }

    @Override
    public CompletableFuture<ConnectionPage> connections(Map<String, String> filters) {
        return get("/admin/connections", filters, ConnectionPage.class);
    }

    @Override
    public CompletableFuture<ConnectionInfo> connection(String connectionId) {
        return get("/admin/connections/" + segment(connectionId), Map.of(), ConnectionInfo.class);
    }

    @Override
    public CompletableFuture<Void> disconnect(String connectionId) {
        return send("DELETE", "/admin/connections/" + segment(connectionId), null, JsonNode.class)
                .thenApply(answer -> null);
    }

    @Override
    public CompletableFuture<Redelivered> redeliver(String connectionId, Redelivery redelivery) {
        return send("POST", "/admin/connections/" + segment(connectionId) + "/redeliver",
                AdminJson.tree(redelivery), Redelivered.class);
    }

    @Override
    public CompletableFuture<RoomList> rooms() {
        return get("/admin/rooms", Map.of(), RoomList.class);
    }

    @Override
    public CompletableFuture<RoomMembers> members(String room) {
        return get("/admin/rooms/" + segment(room) + "/members", Map.of(), RoomMembers.class);
    }

    @Override
    public CompletableFuture<AclMembers> aclMembers(String room) {
        return get(aclPath(room), Map.of(), AclMembers.class);
    }

    @Override
    public CompletableFuture<Void> grant(String room, String userId) {
        // OkHttp sends no PUT without a body; the gateway reads none
        return send("PUT", aclPath(room) + "/" + segment(userId), Json.object(), JsonNode.class)
                .thenApply(answer -> null);
    }

    @Override
    public CompletableFuture<Void> revoke(String room, String userId) {
        return send("DELETE", aclPath(room) + "/" + segment(userId), null, JsonNode.class).thenApply(answer -> null);
    }

    private static String aclPath(String room) {
        return "/api/acl/" + segment(room) + "/members";
    }

    @Override
    public CompletableFuture<EventList> events(Map<String, String> filters) {
        return get("/admin/events", filters, EventList.class);
    }

    @Override
    public CompletableFuture<EventTraceInfo> trace(String eventId) {
        return get("/admin/events/" + segment(eventId) + "/trace", Map.of(), EventTraceInfo.class);
    }

    @Override
    public CompletableFuture<UserTimelineInfo> timeline(String userId, String from, String to) {
        Map<String, String> query = new HashMap<>();
        query.put("from", from);
        query.put("to", to);
        return get("/admin/users/" + segment(userId) + "/timeline", query, UserTimelineInfo.class);
    }

    @Override
    public CompletableFuture<Published> publish(JsonNode event) {
        return send("POST", "/api/events", event, Published.class);
    }

    @Override
    public CompletableFuture<FaultInfo> injectFault(FaultRequest fault) {
        return send("POST", "/admin/faults", AdminJson.tree(fault), FaultInfo.class);
    }

    @Override
    public CompletableFuture<FaultList> faults() {
        return get("/admin/faults", Map.of(), FaultList.class);
    }

    @Override
    public CompletableFuture<Void> clearFault(String faultId) {
        return send("DELETE", "/admin/faults/" + segment(faultId), null, JsonNode.class).thenApply(answer -> null);
    }

    @Override
    public CompletableFuture<AuditTrail> audit(int limit) {
        return get("/admin/audit", Map.of("limit", Integer.toString(limit)), AuditTrail.class);
    }

    // ---- plumbing ------------------------------------------------------------------------------

    private <T> CompletableFuture<T> get(String path, Map<String, String> query, Class<T> answer) {
        HttpUrl.Builder url = url(path);
        query.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                url.addQueryParameter(k, v);
            }
        });
        return call(new Request.Builder().url(url.build()).get(), answer);
    }

    private <T> CompletableFuture<T> send(String method, String path, JsonNode body, Class<T> answer) {
        RequestBody rb = body == null ? null : RequestBody.create(Json.write(body), JSON);
        return call(new Request.Builder().url(url(path).build()).method(method, rb), answer);
    }

    private HttpUrl.Builder url(String path) {
        HttpUrl.Builder b = base.newBuilder();
        for (String s : path.substring(1).split("/")) {
            b.addEncodedPathSegment(s);
        }
        return b;
    }

    /** One path segment, percent-encoded (room ids hold {@code :}, user ids may hold anything). */
    private static String segment(String s) {
        return new HttpUrl.Builder().scheme("http").host("x").addPathSegment(s).build().encodedPath().substring(1);
    }

    private <T> CompletableFuture<T> call(Request.Builder request, Class<T> answer) {
        CompletableFuture<T> result = new CompletableFuture<>();
        String used = token;
        Call call = http.newCall(request.header("Authorization", "Bearer " + used).build());
        call.enqueue(new Callback() {
            @Override
            public void onFailure(Call c, IOException e) {
                result.completeExceptionally(new AdminCallException(0, "unreachable", String.valueOf(e.getMessage())));
            }

            @Override
            public void onResponse(Call c, Response response) {
                if (response.code() == 401) {
                    refused.accept(used);
                }
                try (response; ResponseBody body = response.body()) {
                    String text = body == null ? "" : body.string();
                    JsonNode json = text.isBlank() ? Json.object() : Json.parse(text);
                    if (response.isSuccessful()) {
                        result.complete(AdminJson.read(json, answer));
                    } else {
                        result.completeExceptionally(new AdminCallException(response.code(),
                                json.path("error").asText("http_" + response.code()),
                                json.path("message").asText(response.message())));
                    }
                } catch (JsonProcessingException e) {
                    result.completeExceptionally(new AdminCallException(response.code(), "bad_answer",
                            e.getOriginalMessage()));
                } catch (IOException | RuntimeException e) {
                    result.completeExceptionally(new AdminCallException(response.code(), "bad_answer",
                            String.valueOf(e.getMessage())));
                }
            }
        });
        return result;
    }
}
