package dev.switchboard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.model.json.Json;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * A real WebSocket client (OkHttp) for integration tests: it records every frame the gateway sends,
 * in order, and how the connection ended. {@link #pauseReading} makes it stop reading the socket, as
 * a frozen app would, so the server's send buffer fills up.
 */
public final class WsClient implements AutoCloseable {
    private static final OkHttpClient HTTP = new OkHttpClient.Builder()
            .readTimeout(Duration.ZERO)
            .build();
    private static final Duration WAIT = Duration.ofSeconds(15);

    private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final CountDownLatch opened = new CountDownLatch(1);
    private final CountDownLatch ended = new CountDownLatch(1);
    private final AtomicInteger refs = new AtomicInteger();
    private volatile CountDownLatch readGate;
    private volatile int closeCode = -1;
    private volatile String closeReason;
    private volatile Throwable failure;
    private volatile Response failedResponse;
    private volatile int failedStatus = -1;
    private volatile String failedBody;
    private final WebSocket socket;

    private WsClient(Request request, OkHttpClient http) {
        socket = http.newWebSocket(request, new WebSocketListener() {
            @Override
            public void onOpen(WebSocket webSocket, Response response) {
                opened.countDown();
            }

            @Override
            public void onMessage(WebSocket webSocket, String text) {
                CountDownLatch gate = readGate;
                if (gate != null) {
                    try {
                        gate.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                try {
                    frames.add(Json.parse(text));
                } catch (JsonProcessingException e) {
                    failure = new AssertionError("the gateway sent a frame that is not JSON: " + text, e);
                }
            }

            @Override
            public void onClosing(WebSocket webSocket, int code, String reason) {
                closeCode = code;
                closeReason = reason;
                webSocket.close(code == 1005 ? 1000 : code, null);
            }

            @Override
            public void onClosed(WebSocket webSocket, int code, String reason) {
                if (closeCode < 0) {
                    closeCode = code;
                    closeReason = reason;
                }
                ended.countDown();
                opened.countDown();
            }

            @Override
            public void onFailure(WebSocket webSocket, Throwable t, Response response) {
                failure = t;
                if (response != null) {
                    failedStatus = response.code();
                    try {
                        failedBody = response.body().string();
                    } catch (Exception e) {
                        failedBody = null;
                    }
                }
                failedResponse = response;
                ended.countDown();
                opened.countDown();
            }
        });
    }

    /** Connects and waits for the upgrade to succeed or fail. */
    public static WsClient connect(String url) {
        return connect(new Request.Builder().url(url).build());
    }

    public static WsClient connect(Request request) {
        return connect(request, HTTP);
    }

    /** With a client of the caller's (e.g. one that sends WebSocket pings). */
    public static WsClient connect(Request request, OkHttpClient http) {
        WsClient c = new WsClient(request, http);
        try {
            if (!c.opened.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("no answer to the upgrade within " + WAIT);
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return c;
    }

    /** HTTP status of a refused upgrade, or -1. */
    public int refusedStatus() {
        return failedStatus;
    }

    public String refusedBody() {
        return failedBody;
    }

    public Throwable failure() {
        return failure;
    }

    public void send(String json) {
        if (!socket.send(json)) {
            throw new IllegalStateException("socket is closed");
        }
    }

    public void send(JsonNode json) {
        send(Json.write(json));
    }

    /** Sends {@code join} and returns the answer ({@code joined} or {@code error}). */
    public JsonNode join(String room) {
        return request(joinFrame(room, null, 0));
    }

    public JsonNode join(String room, String epoch, long afterOffset) {
        ObjectNode f = joinFrame(room, epoch, afterOffset);
        return request(f);
    }

    public static ObjectNode joinFrame(String room, String epoch, long after) {
        ObjectNode f = Json.object();
        f.put("op", "join");
        f.put("room", room);
        if (epoch != null) {
            ObjectNode a = f.putObject("after");
            a.put("epoch", epoch);
            a.put("offset", after);
        }
        return f;
    }

    /** Sends a frame with a fresh {@code ref} and waits for the frame answering it. */
    public JsonNode request(ObjectNode frame) {
        String ref = "r" + refs.incrementAndGet();
        frame.put("ref", ref);
        send(frame);
        return next(f -> ref.equals(f.path("ref").asText(null)));
    }

    /** The next frame of any kind. */
    public JsonNode next() {
        return next(f -> true);
    }

    /** The next frame with this op; frames of other ops before it are skipped. */
    public JsonNode next(String op) {
        return next(f -> op.equals(f.path("op").asText()));
    }

    /** Waits for the first frame matching, dropping the ones before it. */
    public JsonNode next(Predicate<JsonNode> match) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                JsonNode f = frames.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
                if (f == null) {
                    throw new AssertionError("no matching frame within " + WAIT + " (closed: " + closeCode + " " + closeReason + ")");
                }
                if (match.test(f)) {
                    return f;
                }
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The next {@code n} event frames of a room, skipping other frames. */
    public List<JsonNode> events(String room, int n) {
        List<JsonNode> events = new ArrayList<>(n);
        while (events.size() < n) {
            events.add(next(f -> "event".equals(f.path("op").asText()) && room.equals(f.path("room").asText())));
        }
        return events;
    }

    /** A frame within {@code wait}, or null: for asserting that nothing arrives. */
    public JsonNode poll(Duration wait) {
        try {
            return frames.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Frames received so far and not consumed. */
    public List<JsonNode> drain() {
        List<JsonNode> out = new ArrayList<>();
        frames.drainTo(out);
        return out;
    }

    public void pauseReading() {
        readGate = new CountDownLatch(1);
    }

    public void resumeReading() {
        CountDownLatch gate = readGate;
        readGate = null;
        if (gate != null) {
            gate.countDown();
        }
    }

    /** Waits for the connection to end and returns the close code (1006 when it was dropped). */
    public int awaitClose() {
        return awaitClose(WAIT);
    }

    public int awaitClose(Duration wait) {
        try {
            if (!ended.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("still open after " + wait);
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return closeCode >= 0 ? closeCode : 1006;
    }

    public boolean ended() {
        return ended.getCount() == 0;
    }

    public String closeReason() {
        return closeReason;
    }

    @Override
    public void close() {
        resumeReading();
        socket.close(1000, null);
        try {
            ended.await(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        socket.cancel();
    }
}
