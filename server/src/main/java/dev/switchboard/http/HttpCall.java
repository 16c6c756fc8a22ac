package dev.switchboard.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.json.Json;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.ArrayList;

/**
 * One HTTP request and its answer. The answer may be sent from another thread than the one that
 * received the request (a publish answers when its commit completes); exactly one answer is sent.
 * The body, if any, was read before the route runs ({@link BodyReader}); routes see it as bytes.
 */
public final class HttpCall {
    private static final byte[] NO_BODY = new byte[0];

    private final Request request;
    private final Response response;
    private final Callback callback;
    private final Map<String, String> pathParams;
    private final long startedNanos = System.nanoTime();
    private final AtomicBoolean answered = new AtomicBoolean();
    private final ResponseListener listener;
    private byte[] body = NO_BODY;
    private Map<String, String> query;

    /** Told of every answer, for request metrics and to release what the request held. */
    interface ResponseListener {
        void answered(HttpCall call, int status);
    }

    HttpCall(Request request, Response response, Callback callback, Map<String, String> pathParams,
             ResponseListener listener) {
        this.request = request;
        this.response = response;
        this.callback = callback;
        this.pathParams = pathParams;
        this.listener = listener;
    }

    HttpCall withBody(byte[] bytes) {
        this.body = bytes;
        return this;
    }

    HttpCall withPathParams(Map<String, String> params, ResponseListener listener) {
        return new HttpCall(request, response, callback, params, listener).withBody(body);
    }

    public String method() {
        return request.getMethod();
    }

    public String path(String name) {
        return pathParams.get(name);
    }

    public String header(String name) {
        return request.getHeaders().get(name);
    }

    public long startedNanos() {
        return startedNanos;
    }

    public String query(String name) {
        if (query == null) {
            query = parseQuery(request.getHttpURI().getQuery());
        }
        return query.get(name);
    }

    /** The request body (empty when there is none), refused with 413 past this route's {@code limit}. */
    public byte[] body(int limit) throws ApiException {
        if (body.length > limit) {
            throw ApiException.tooLarge("request body is " + body.length + " bytes; at most " + limit);
        }
        return body;
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

    public void send(int status, String contentType, byte[] answer, Map<String, String> headers) {
        if (!answered.compareAndSet(false, true)) {
            return;
        }
        boolean empty = answer == null || answer.length == 0 || "HEAD".equals(request.getMethod());
        head(status, contentType, headers, answer == null ? -1 : answer.length);
        response.write(true, empty ? null : ByteBuffer.wrap(answer), callback);
    }

    /**
     * Answers with the bytes of {@code file}, streamed from the disk as the client reads them (a
     * backup can be larger than the heap). {@code done} runs once the answer was sent or failed.
     */
    public void file(int status, String contentType, Path file, Map<String, String> headers, Runnable done) throws IOException {
        long length = Files.size(file);
        if (!answered.compareAndSet(false, true)) {
            done.run();
            return;
        }
        head(status, contentType, headers, length);
        Content.copy(Content.Source.from(file), response, Callback.from(() -> {
            done.run();
            callback.succeeded();
        }, failure -> {
            done.run();
            callback.failed(failure);
        }));
    }

    /** Status and headers of the one answer; {@code length} is -1 when there is no body. */
    private void head(int status, String contentType, Map<String, String> headers, long length) {
        response.setStatus(status);
        if (contentType != null) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE,
                    contentType + (contentType.startsWith("text/") ? "; charset=utf-8" : ""));
        }
        headers.forEach((k, v) -> response.getHeaders().put(k, v));
        if (body == NO_BODY && declaresBody()) {
            // Answered before its body was read (a refused token, say): the body may still be on its way,
            // so this connection cannot carry another request. Say so, or a keep-alive client would send
            // its next request on a connection about to close.
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        if (length >= 0) {
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, length);
        }
        // Told before the bytes leave: a client that reads its answer and sends the next request at once
        // must find the connection already out of this request (HeaderDeadline).
        listener.answered(this, status);
    }

    /** True if the request announced a body (a length above zero, or chunks). */
    private boolean declaresBody() {
        return request.getLength() > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
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
        List<String> segments = new ArrayList<>(6);
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
