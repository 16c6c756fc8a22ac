package dev.switchboard.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.model.json.Json;

/**
 * An HTTP error answer: status, the contract's error code and a message for a human. {@link #body()}
 * may carry extra fields (a version conflict's {@code currentVersion}).
 */
public final class ApiException extends Exception {
    private final int status;
    private final String code;
    private final transient ObjectNode extra;

    public ApiException(int status, String code, String message) {
        this(status, code, message, null);
    }

    public ApiException(int status, String code, String message, ObjectNode extra) {
        super(message);
        this.status = status;
        this.code = code;
        this.extra = extra;
    }

    public static ApiException badJson(String message) {
        return new ApiException(400, "bad_json", message);
    }

    public static ApiException invalid(String message) {
        return new ApiException(422, "invalid", message);
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(401, "unauthorized", message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, "forbidden", message);
    }

    public static ApiException tooLarge(String message) {
        return new ApiException(413, "too_large", message);
    }

    /** The store cannot serve the request for now; the client retries (HttpCall adds Retry-After). */
    public static ApiException unavailable(String message) {
        return new ApiException(503, "unavailable", message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public ObjectNode body() {
        ObjectNode body = Json.object();
        body.put("error", code);
        body.put("message", getMessage());
        if (extra != null) {
            body.setAll(extra);
        }
        return body;
    }

    /** A call to the other nodes of a cluster (HTTP or the shared database); it may fail with anything. */
    @FunctionalInterface
    public interface ClusterCall<T> {
        T call() throws Exception;
    }

    /**
     * Runs {@code call}; an {@link ApiException} passes through, any other failure answers 503
     * {@code unavailable} with {@code before} + the failure's message + {@code after}.
     */
    public static <T> T unavailableUnless(ClusterCall<T> call, String before, String after) throws ApiException {
        try {
            return call.call();
        } catch (ApiException e) {
            throw e;
        } catch (Exception e) {
            throw new ApiException(503, "unavailable", before + e.getMessage() + after);
        }
    }
}
