package dev.switchboard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.model.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.net.http.HttpHeaders;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** A real HTTP client for the gateway's API, as a backend or a user would use it. */
public final class Api {
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /** Clients for https gateways, one per trusted chain (a client holds a thread; tests ask for many Apis). */
    private static final Map<List<X509Certificate>, HttpClient> TRUSTING =
            new ConcurrentHashMap<>();

    private final String base;
    private final String token;
    private final HttpClient client;

    public Api(String base, String token) {
        this.base = base;
        this.token = token;
        this.client = CLIENT;
    }

    /** For an https gateway: trusts the certificates of {@code chain} (its own chain, CA included) and no others. */
    public Api(String base, String token, List<X509Certificate> chain) {
        this.base = base;
        this.token = token;
        this.client = TRUSTING.computeIfAbsent(List.copyOf(chain), Api::trusting);
    }

    private static HttpClient trusting(List<X509Certificate> chain) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < chain.size(); i++) {
                store.setCertificateEntry("c" + i, chain.get(i));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(
                    TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                    .sslContext(context).build();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An answer: status, headers and body (parsed as JSON when it is JSON). */
    public record Response(int status, String body, HttpHeaders headers) {
        public JsonNode json() {
            try {
                return Json.parse(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        public String error() {
            return json().path("error").asText();
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    public Response post(String path, String body) {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json"));
    }

    public Response put(String path) {
        return send(request(path).PUT(HttpRequest.BodyPublishers.noBody()));
    }

    public Response delete(String path) {
        return send(request(path).DELETE());
    }

    public Response publish(ObjectNode body) {
        return post("/api/events", Json.write(body));
    }

    /** A publish body with the required fields; callers add id, actorId, expectedVersion as needed. */
    public static ObjectNode event(String type, String resourceId, List<String> rooms, ObjectNode payload) {
        ObjectNode body = Json.object();
        body.put("type", type);
        body.put("resourceId", resourceId);
        rooms.forEach(body.putArray("rooms")::add);
        body.set("payload", payload);
        return body;
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    public Response send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> r = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), r.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
