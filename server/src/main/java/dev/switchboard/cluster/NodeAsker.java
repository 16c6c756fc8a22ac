package dev.switchboard.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks the other live nodes of a cluster the same admin question ({@code GET} with the caller's admin
 * token, {@code scope=node} so that each answers for itself only), all at once, each within
 * {@link #TIMEOUT}; the answers and the names of the nodes that did not answer. The admin lists use it
 * to answer for the whole cluster from any node (docs/admin-api.md, "On a cluster").
 *
 * <p>Threads: the caller's (an HTTP worker) waits for at most {@link #TIMEOUT}; the requests run on the
 * HTTP client's own threads. An answer is read up to {@link #MAX_ANSWER} bytes; a longer one counts as none.
 */
public final class NodeAsker {
    public static final Duration TIMEOUT = Duration.ofSeconds(2);
    /** A node's answer larger than this is taken as no answer: 1,000 connections of 20 rooms each fit. */
    static final int MAX_ANSWER = 16 * 1024 * 1024;
    private static final Set<String> ALIVE = Set.of("ready", "draining", "degraded", "not_ready");

    private final String self;
    private final Callable<List<NodeRegistry.Node>> nodes;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    public NodeAsker(String self, Callable<List<NodeRegistry.Node>> nodes) {
        this.self = self;
        this.nodes = nodes;
    }

    /** The other nodes' answers (by node, in the registry's order) and the nodes that gave none. */
    public record Answers(Map<String, JsonNode> bodies, List<String> unanswered) {
    }

    /**
     * Asks every other live node {@code GET pathAndQuery} ({@code scope=node} is added) with the
     * {@code Authorization} header given.
     */
    public Answers ask(String pathAndQuery, String authorization) throws Exception {
        Map<String, CompletableFuture<HttpResponse<InputStream>>> asked = new LinkedHashMap<>();
        String scoped = pathAndQuery + (pathAndQuery.contains("?") ? "&" : "?") + "scope=node";
        for (NodeRegistry.Node n : nodes.call()) {
            if (n.node().equals(self) || !ALIVE.contains(n.state())) {
                continue;
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(n.httpUrl() + scoped)).timeout(TIMEOUT).GET();
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            asked.put(n.node(), http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
        }
        Map<String, JsonNode> bodies = new LinkedHashMap<>();
        List<String> unanswered = new ArrayList<>();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        for (Map.Entry<String, CompletableFuture<HttpResponse<InputStream>>> e : asked.entrySet()) {
            try {
                HttpResponse<InputStream> r = e.getValue().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                try (InputStream in = r.body()) {
                    byte[] body = in.readNBytes(MAX_ANSWER + 1);
                    if (r.statusCode() == 200 && body.length <= MAX_ANSWER) {
                        bodies.put(e.getKey(), Json.parse(new String(body, StandardCharsets.UTF_8)));
                        continue;
                    }
                }
                unanswered.add(e.getKey());
            } catch (ExecutionException | TimeoutException | IOException | RuntimeException ex) {
                e.getValue().cancel(true);
                unanswered.add(e.getKey());
            }
        }
        return new Answers(bodies, unanswered);
    }
}
