package dev.switchboard.simulator.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.model.json.Json;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The gateway's HTTP API as the simulator's backend uses it: publishing, the ACL, faults and the
 * server's truth (snapshots and event pages). Thread-safe; one HTTP/1.1 client with keep-alive.
 */
public final class GatewayHttp {
    /** An answer: status and body (parsed on demand). */
    public record Answer(int status, String body) {
        public JsonNode json() {
            try {
                return Json.parse(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON (" + status + "): " + body, e);
            }
        }

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        @Override
        public String toString() {
            return status + " " + (body.length() > 300 ? body.substring(0, 300) + "..." : body);
        }
    }

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();
    private final String base;
    private final String serviceToken;
    private final String adminToken;

    public GatewayHttp(String base, String serviceToken, String adminToken) {
        this.base = base.replaceFirst("/+$", "");
        this.serviceToken = serviceToken;
        this.adminToken = adminToken;
    }

    public Answer publish(ObjectNode body) throws IOException {
        return send("POST", "/api/events", serviceToken, Json.write(body));
    }

    public Answer grant(String room, String user) throws IOException {
        return send("PUT", "/api/acl/" + enc(room) + "/members/" + enc(user), serviceToken, null);
    }

    public Answer revoke(String room, String user) throws IOException {
        return send("DELETE", "/api/acl/" + enc(room) + "/members/" + enc(user), serviceToken, null);
    }

    public Answer fault(ObjectNode body) throws IOException {
        return send("POST", "/admin/faults", adminToken, Json.write(body));
    }

    /** The server's state of a room: {@code { room, epoch, offset, resources: [ { resourceId, version, state } ] }}. */
    public JsonNode snapshot(String room) throws IOException {
        return expectOk(send("GET", "/api/rooms/" + enc(room) + "/snapshot", serviceToken, null)).json();
    }

    /** One page of a room's events after {@code after}. */
    public JsonNode events(String room, long after) throws IOException {
        return expectOk(send("GET", "/api/rooms/" + enc(room) + "/events?after=" + after + "&limit=500", serviceToken, null)).json();
    }

    public JsonNode info() throws IOException {
        return expectOk(send("GET", "/api/info", null, null)).json();
    }

    private static Answer expectOk(Answer a) throws IOException {
        if (a.status() != 200) {
            throw new IOException("gateway answered " + a);
        }
        return a;
    }

    private static String enc(String s) {
        // Room names may hold ':' which is fine in a path; encode anything else unusual.
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("%3A", ":").replace("+", "%20");
    }

    public Answer send(String method, String path, String token, String body) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(15));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
