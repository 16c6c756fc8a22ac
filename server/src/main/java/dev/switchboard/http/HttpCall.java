package dev.switchboard.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.switchboard.model.json.Json;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One HTTP request and its answer. The answer may be sent from another thread than the one that
 * received the request (a publish answers when its commit completes); exactly one answer is sent.
 */
public final class HttpCall {
    private final HttpExchange exchange;
    private final Map<String, String> pathParams;
    private final long startedNanos = System.nanoTime();
    private final AtomicBoolean answered = new AtomicBoolean();
    private final ResponseListener listener;
    private Map<String, String> query;

    /** Told of every answer, for request metrics. */
    interface ResponseListener {
        void answered(HttpCall call, int status);
    }

    HttpCall(HttpExchange exchange, Map<String, String> pathParams, ResponseListener listener) {
        this.exchange = exchange;
        this.pathParams = pathParams;
        this.listener = listener;
    }

    public String method() {
        return exchange.getRequestMethod();
    }

    public String path(String name) {
        return pathParams.get(name);
    }

    public String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    public long startedNanos() {
        return startedNanos;
    }

    public String query(String name) {
        if (query == null) {
            query = parseQuery(exchange.getRequestURI().getRawQuery());
        }
        return query.get(name);
    }

    /** The request body, refused with 413 past {@code limit} bytes without reading further. */
    public byte[] body(int limit) throws ApiException {
        String declared = header("Content-Length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.trim()) > limit) {
                    throw ApiException.tooLarge("request body is " + declared.trim() + " bytes; at most " + limit);
                }
            } catch (NumberFormatException e) {
                throw new ApiException(400, "bad_request", "Content-Length is not a number");
            }
        }
        try (InputStream in = exchange.getRequestBody()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, 8192));
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                if (out.size() + n > limit) {
                    throw ApiException.tooLarge("request body is over " + limit + " bytes");
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new ApiException(400, "bad_request", "could not read the request body: " + e.getMessage());
        }
    }

    public void json(int status, JsonNode body) {
        send(status, "application/json", Json.write(body).getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public void text(int status, String contentType, String body) {
        send(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public void noContent() {
        send(204, null, null, Map.of());
    }

    public void error(ApiException e) {
        Map<String, String> headers = switch (e.status()) {
            case 401 -> Map.of("WWW-Authenticate", "Bearer");
            case 503 -> Map.of("Retry-After", "1");
            default -> Map.of();
        };
        send(e.status(), "application/json", Json.write(e.body()).getBytes(StandardCharsets.UTF_8), headers);
    }

    public void send(int status, String contentType, byte[] body, Map<String, String> headers) {
        if (!answered.compareAndSet(false, true)) {
            return;
        }
        try (OutputStream out = exchange.getResponseBody()) {
            if (contentType != null) {
                exchange.getResponseHeaders().set("Content-Type", contentType + (contentType.startsWith("text/") ? "; charset=utf-8" : ""));
            }
            headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            boolean empty = body == null || body.length == 0;
            exchange.sendResponseHeaders(status, empty ? -1 : body.length);
            if (!empty) {
                out.write(body);
            }
        } catch (IOException e) {
            // The client went away; nothing to answer to.
        } finally {
            exchange.close();
            listener.answered(this, status);
        }
    }

    boolean answered() {
        return answered.get();
    }

    static Map<String, String> parseQuery(String raw) {
        Map<String, String> params = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            params.putIfAbsent(PathCodec.decode(k.replace('+', ' ')), PathCodec.decode(v.replace('+', ' ')));
        }
        return params;
    }

    /** The non-empty segments of a path: {@code /api//rooms/x/} is [api, rooms, x]. */
    static List<String> segments(String rawPath) {
        List<String> segments = new java.util.ArrayList<>(6);
        int start = 0;
        for (int i = 0; i <= rawPath.length(); i++) {
            if (i == rawPath.length() || rawPath.charAt(i) == '/') {
                if (i > start) {
                    segments.add(rawPath.substring(start, i));
                }
                start = i + 1;
            }
        }
        return segments;
    }
}
