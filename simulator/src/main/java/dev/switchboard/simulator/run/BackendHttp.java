package dev.switchboard.simulator.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.client.TrustedCa;
import dev.switchboard.model.json.Json;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The gateway's public HTTP API as the simulator's backend uses it, with a service token: publishing,
 * the ACL and the server's truth (snapshots and event pages). Admin calls (faults) go through the
 * admin client instead. Thread-safe; one HTTP/1.1 client with keep-alive.
 */
public final class BackendHttp {
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

    private final HttpClient client;
    private final List<String> bases;
    /** Which node the next request goes to first (requests take turns; a node that does not answer is skipped). */
    private final AtomicInteger turn = new AtomicInteger();
    private final String serviceToken;

    public BackendHttp(String base, String serviceToken) {
        this(base, serviceToken, null);
    }

    /** @param trustedCa the only CAs trusted for an https:// base; null for the JDK's default trust */
    public BackendHttp(String base, String serviceToken, TrustedCa trustedCa) {
        this(List.of(base), serviceToken, trustedCa);
    }

    /**
     * The nodes of a cluster: requests go to each in turn (so publishes land on every node), and one
     * that cannot be reached is skipped for the next.
     */
    public BackendHttp(List<String> bases, String serviceToken, TrustedCa trustedCa) {
        HttpClient.Builder http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(3));
        if (trustedCa != null) {
            http.sslContext(trustedCa.sslContext());
        }
        this.client = http.build();
        this.bases = bases.stream().map(b -> b.replaceFirst("/+$", "")).toList();
        this.serviceToken = serviceToken;
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

    /**
     * The server's state of a room: {@code { room, epoch, offset, resources: [ { resourceId, version, state } ] }},
     * read in pages (docs/protocol-extensions.md). Pages read at different offsets (events published
     * meanwhile) are not one state: then it reads again, a few times, and answers the last reading.
     */
    public JsonNode snapshot(String room) throws IOException {
        ObjectNode joined = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            joined = null;
            boolean oneOffset = true;
            String after = "";
            while (true) {
                JsonNode page = expectOk(send("GET", "/api/rooms/" + enc(room) + "/snapshot?after=" + enc(after),
                        serviceToken, null)).json();
                if (joined == null) {
                    joined = ((ObjectNode) page).deepCopy();
                    joined.remove("complete");
                    joined.remove("nextAfter");
                } else {
                    oneOffset &= page.path("offset").asLong() == joined.path("offset").asLong()
                            && page.path("epoch").asText().equals(joined.path("epoch").asText());
                    ((ArrayNode) joined.get("resources")).addAll((ArrayNode) page.path("resources"));
                }
                if (page.path("complete").asBoolean(true)) {
                    break;
                }
                after = page.path("nextAfter").asText();
            }
            if (oneOffset) {
                break;
            }
        }
        return joined;
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

    /** Sends to the node whose turn it is, or, when it cannot be reached, to the next. */
    public Answer send(String method, String path, String token, String body) throws IOException {
        int first = turn.getAndIncrement();
        IOException unreachable = null;
        for (int i = 0; i < bases.size(); i++) {
            try {
                return sendTo(bases.get(Math.floorMod(first + i, bases.size())), method, path, token, body);
            } catch (ConnectException | HttpConnectTimeoutException e) {
                unreachable = e;
            }
        }
        throw unreachable;
    }

    private Answer sendTo(String base, String method, String path, String token, String body) throws IOException {
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
