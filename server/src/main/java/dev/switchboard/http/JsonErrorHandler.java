package dev.switchboard.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.model.json.Json;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.IntConsumer;

/**
 * Answers what Jetty refuses before a route sees it (an unparseable request line, 431 for headers past
 * {@code http.max-header-bytes}, a chunk size that is not hex, 408) in the API's own error shape,
 * {@code {"error": code, "message": ...}}, never an HTML page or a stack trace.
 */
final class JsonErrorHandler extends ErrorHandler {
    private final IntConsumer counter;

    JsonErrorHandler(IntConsumer counter) {
        this.counter = counter;
        setShowStacks(false);
        setShowCauses(false);
    }

    @Override
    protected void generateResponse(Request request, Response response, int status, String message, Throwable cause,
                                    Callback callback) {
        counter.accept(status);
        ObjectNode body = Json.object();
        body.put("error", code(status));
        body.put("message", message == null || message.isBlank() ? "the request could not be read" : message);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(Json.write(body).getBytes(StandardCharsets.UTF_8)), callback);
    }

    static String code(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 404 -> "not_found";
            case 408 -> "timeout";
            case 413 -> "too_large";
            case 414 -> "uri_too_long";
            case 431 -> "headers_too_large";
            case 501 -> "not_implemented";
            case 503 -> "unavailable";
            case 505 -> "http_version_not_supported";
            default -> status >= 500 ? "internal" : "bad_request";
        };
    }
}
