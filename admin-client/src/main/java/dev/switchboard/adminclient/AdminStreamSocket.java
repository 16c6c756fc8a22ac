package dev.switchboard.adminclient;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.model.admin.AdminFrame;
import dev.switchboard.model.admin.AdminJson;
import dev.switchboard.model.json.Json;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

import java.util.Collection;
import java.util.concurrent.CompletableFuture;

/**
 * One admin stream ({@code GET /admin/ws}, docs/admin-api.md), its frames decoded into
 * {@link AdminFrame} records. It does not reconnect: a caller that wants to stay connected (the
 * console's link) opens a new one when {@link Listener#ended} is called, and starts again from the
 * new snapshot.
 *
 * <p>Threads: the listener is called on OkHttp's reader thread for this socket, one frame at a time.
 */
public final class AdminStreamSocket implements AutoCloseable {
    /** What a stream reports. */
    public interface Listener {
        void frame(AdminFrame frame);

        /** The stream is over: refused (HTTP status), failed, or closed by either side. Called once. */
        default void ended(String why) {
        }

        /**
         * The stream is over, with the HTTP status its upgrade was refused with (401 for a token the
         * gateway no longer accepts), or 0 when it was not refused. Called once, instead of
         * {@link #ended(String)}, which it calls unless overridden.
         */
        default void ended(String why, int refusedStatus) {
            ended(why);
        }
    }

    private final WebSocket socket;

    private AdminStreamSocket(WebSocket socket) {
        this.socket = socket;
    }

    /**
     * Opens the stream of the gateway {@code api} talks to, on its WebSocket port (learned from
     * {@code /api/info}).
     */
    public static CompletableFuture<AdminStreamSocket> open(AdminHttpClient api, Listener listener) {
        return api.info().thenApply(info -> open(api, adminStreamUrl(info.wsUrl()), listener));
    }

    /** Opens the stream at {@code url} ({@code ws(s)://host:port/admin/ws}) with {@code api}'s token and client. */
    public static AdminStreamSocket open(AdminHttpClient api, String url, Listener listener) {
        Request request = new Request.Builder().url(url).header("Authorization", "Bearer " + api.token()).build();
        return new AdminStreamSocket(api.http().newWebSocket(request, new Decoder(listener)));
    }

    /**
     * Decodes a snapshot and a frame of deltas of every kind once, so the first real frame does not
     * pay the JSON mapper's first use of these types (a few hundred milliseconds in a cold JVM). For
     * a client that has time to spare before it connects; any thread.
     */
    public static void warmUpDecoding() {
        String snapshot = "{\"op\":\"snapshot\",\"node\":\"n\",\"draining\":false,\"connectionsTotal\":0,"
                + "\"stats\":{\"kind\":\"stats\",\"connections\":0,\"rooms\":0,\"failures\":{},\"errors\":{},"
                + "\"deliveryLatencyMs\":{\"count\":0}}}";
        String deltas = "{\"op\":\"deltas\",\"coalesced\":0,\"items\":["
                + "{\"topic\":\"connections\",\"kind\":\"connection.opened\",\"connectionId\":\"c\",\"userId\":\"u\",\"at\":1},"
                + "{\"topic\":\"connections\",\"kind\":\"connection.closed\",\"connectionId\":\"c\",\"code\":1000,\"at\":1},"
                + "{\"topic\":\"rooms\",\"kind\":\"room.joined\",\"room\":\"r\",\"connectionId\":\"c\",\"head\":1,\"at\":1},"
                + "{\"topic\":\"rooms\",\"kind\":\"room.left\",\"room\":\"r\",\"connectionId\":\"c\",\"at\":1},"
                + "{\"topic\":\"events\",\"kind\":\"event.published\",\"eventId\":\"e\",\"type\":\"t\",\"rooms\":{\"r\":1},\"at\":1},"
                + "{\"topic\":\"failures\",\"kind\":\"delivery.failed\",\"reason\":\"slow_consumer\",\"at\":1}],"
                + "\"stats\":{\"kind\":\"stats\",\"connections\":0,\"rooms\":0}}";
        try {
            AdminJson.read(snapshot, AdminFrame.class);
            AdminJson.read(deltas, AdminFrame.class);
        } catch (JsonProcessingException e) {
            // only time is lost; the real frames are decoded (and their errors reported) as ever
        }
    }

    /** {@code ws://host:port/admin/ws} on the port of an advertised client URL ({@code ws://host:port/ws}). */
    public static String adminStreamUrl(String wsUrl) {
        if (wsUrl == null || !wsUrl.matches("^wss?://[^/]+.*$")) {
            throw new AdminCallException(0, "bad_answer", "/api/info names no WebSocket URL: " + wsUrl);
        }
        return wsUrl.replaceFirst("^(wss?://[^/]+).*$", "$1") + "/admin/ws";
    }

    /**
     * {@link #adminStreamUrl(String)} asking for a snapshot of the node's figures only
     * ({@code ?snapshot=stats}): no connection or room lists, for a client that pages those over HTTP.
     */
    public static String adminStreamUrlStatsOnly(String wsUrl) {
        return adminStreamUrl(wsUrl) + "?snapshot=stats";
    }

    /**
     * Asks for these topics only (connections, rooms, events, failures, stats; none for a hidden
     * console), optionally about one room or user (null: all). Answered by {@link AdminFrame.Subscribed}.
     */
    public void subscribe(long ref, Collection<String> topics, String room, String user) {
        subscribe(ref, StreamSubscription.of(topics).room(room).user(user));
    }

    /** Asks for what {@code s} says; answered by {@link AdminFrame.Subscribed} with the rate cap in force. */
    public void subscribe(long ref, StreamSubscription s) {
        ObjectNode frame = Json.object();
        frame.put("op", "subscribe");
        frame.put("ref", ref);
        s.topics().forEach(frame.putArray("topics")::add);
        putIfSet(frame, "room", s.room());
        putIfSet(frame, "user", s.user());
        putIfSet(frame, "type", s.type());
        putIfSet(frame, "resource", s.resource());
        if (s.maxPerSecond() != null) {
            frame.put("maxPerSecond", s.maxPerSecond());
        }
        socket.send(Json.write(frame));
    }

    private static void putIfSet(ObjectNode frame, String field, String value) {
        if (value != null) {
            frame.put(field, value);
        }
    }

    public void ping(long ref) {
        socket.send("{\"op\":\"ping\",\"ref\":" + ref + "}");
    }

    @Override
    public void close() {
        socket.close(1000, "done");
    }

    private static final class Decoder extends WebSocketListener {
        private final Listener listener;
        private volatile boolean ended;

        Decoder(Listener listener) {
            this.listener = listener;
        }

        @Override
        public void onMessage(WebSocket ws, String text) {
            try {
                listener.frame(AdminJson.read(text, AdminFrame.class));
            } catch (JsonProcessingException e) {
                // An op this client does not know, or a broken frame: the stream goes on.
            }
        }

        @Override
        public void onClosing(WebSocket ws, int code, String reason) {
            ws.close(1000, null);
            end("closed " + code + (reason.isEmpty() ? "" : " " + reason), 0);
        }

        @Override
        public void onClosed(WebSocket ws, int code, String reason) {
            end("closed " + code, 0);
        }

        @Override
        public void onFailure(WebSocket ws, Throwable t, Response response) {
            end(response != null ? "HTTP " + response.code() : String.valueOf(t.getMessage()),
                    response != null ? response.code() : 0);
        }

        private void end(String why, int refusedStatus) {
            if (!ended) {
                ended = true;
                listener.ended(why, refusedStatus);
            }
        }
    }
}
