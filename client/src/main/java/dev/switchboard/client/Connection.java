package dev.switchboard.client;

import dev.switchboard.model.protocol.ClientFrame;
import dev.switchboard.model.protocol.FrameCodec;
import dev.switchboard.model.protocol.FrameDecodeException;
import dev.switchboard.model.protocol.ServerFrame;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The client's WebSocket to the gateway: connects, decodes frames with the shared {@link FrameCodec},
 * gives up on an attempt without a {@code welcome}, and reconnects with backoff (or when a draining
 * gateway says) until closed. It knows nothing of rooms; {@link Handler} does.
 *
 * <p>Threads: every field is owned by the client's serial executor. OkHttp's threads only post to it,
 * tagged with the attempt's generation so that a frame of an abandoned socket is ignored.
 */
final class Connection {
    /** What the connection tells the client, always on the client's executor. */
    interface Handler {
        void stateChanged(ConnectionState state, String detail);

        void welcomed(ServerFrame.Welcome welcome);

        void received(ServerFrame frame);
    }

    /**
     * A connection attempt without a {@code welcome} after this long is abandoned and retried: a gateway
     * that stops or restarts can leave an accepted socket that never answers the upgrade, and reads
     * have no timeout (the connection is meant to stay idle).
     */
    static final long WELCOME_TIMEOUT_MILLIS = 10_000;

    private final Gateways gateways;
    private final Supplier<String> token;
    private final String app;
    private final String device;
    private final OkHttpClient http;
    private final Executor owner;
    private final ClientTimers timers;
    private final Backoff backoff;
    private final ClientTally tally;
    private final Handler handler;

    private WebSocket socket;
    /** The listener of the current socket (owner thread). */
    private SocketEvents events;
    private long generation;
    private ConnectionState state = ConnectionState.CONNECTING;
    private Long drainingHint;
    private boolean welcomedBefore;
    private boolean offline;
    private boolean closed;

    Connection(SwitchboardClient.Builder config, Gateways gateways, Executor owner, ClientTimers timers, ClientTally tally, Handler handler) {
        this.gateways = gateways;
        this.token = config.token;
        this.app = config.app;
        this.device = config.device;
        this.http = config.http;
        this.backoff = new Backoff(config.backoffBaseMillis, config.backoffCapMillis);
        this.owner = owner;
        this.timers = timers;
        this.tally = tally;
        this.handler = handler;
    }

    boolean connected() {
        return state == ConnectionState.CONNECTED;
    }

    /** Sends a frame if a socket is open; false when it was not (the frame is lost: callers repeat on welcome). */
    boolean send(ClientFrame frame) {
        return socket != null && socket.send(FrameCodec.encode(frame));
    }

    void connect() {
        if (closed || offline) {
            return;
        }
        long gen = ++generation;
        setState(ConnectionState.CONNECTING, null);
        HttpUrl.Builder url = HttpUrl.get(gateways.current().wsUrl().replaceFirst("^ws", "http")).newBuilder()
                .addQueryParameter("token", token.get())
                .addQueryParameter("app", app);
        if (device != null) {
            url.addQueryParameter("device", device);
        }
        timers.after(WELCOME_TIMEOUT_MILLIS, () -> {
            if (gen == generation && state == ConnectionState.CONNECTING && socket != null) {
                socket.cancel();
                ended(gen, "no welcome within " + WELCOME_TIMEOUT_MILLIS + " ms");
            }
        });
        if (events != null) {
            events.release();
        }
        events = new SocketEvents(this, gen);
        socket = http.newWebSocket(new Request.Builder().url(url.build()).build(), events);
    }

    /**
     * What OkHttp holds for one socket. OkHttp may keep a socket it was asked to close for up to a
     * minute while it waits for the peer's close frame, and with it its listener; so the listener lets
     * go of this connection once the socket is left (closed by the application or replaced by a new
     * attempt), and a closed client can be collected whatever the peer does.
     */
    private static final class SocketEvents extends WebSocketListener {
        private final long gen;
        private volatile Connection target;

        SocketEvents(Connection target, long gen) {
            this.target = target;
            this.gen = gen;
        }

        void release() {
            target = null;
        }

        @Override
        public void onMessage(WebSocket ws, String text) {
            Connection c = target;
            if (c != null) {
                c.owner.execute(() -> {
                    if (gen == c.generation) {
                        c.frame(text);
                    }
                });
            }
        }

        @Override
        public void onClosing(WebSocket ws, int code, String reason) {
            ws.close(1000, null);
            end(code + " " + reason);
        }

        @Override
        public void onClosed(WebSocket ws, int code, String reason) {
            end(code + " " + reason);
        }

        @Override
        public void onFailure(WebSocket ws, Throwable t, Response response) {
            end(response != null ? "HTTP " + response.code() : String.valueOf(t.getMessage()));
        }

        private void end(String why) {
            Connection c = target;
            if (c != null) {
                c.owner.execute(() -> c.ended(gen, why));
            }
        }
    }

    private void frame(String text) {
        ServerFrame frame;
        try {
            frame = FrameCodec.decodeServer(text);
        } catch (FrameDecodeException e) {
            return; // a frame this SDK cannot read (a newer op, a malformed event): the contract is additive
        }
        if (frame instanceof ServerFrame.Welcome w) {
            backoff.reset();
            if (welcomedBefore) {
                tally.reconnects.incrementAndGet();
            }
            welcomedBefore = true;
            setState(ConnectionState.CONNECTED, "connection " + w.connectionId());
            handler.welcomed(w);
        } else if (frame instanceof ServerFrame.Draining d) {
            drainingHint = Math.max(0, d.reconnectInMs());
            if (socket != null) {
                socket.close(1000, "draining");
            }
        } else {
            handler.received(frame);
        }
    }

    private void ended(long gen, String why) {
        if (gen != generation || closed) {
            return;
        }
        generation++; // frames of the old socket are ignored from now on
        socket = null;
        boolean draining = drainingHint != null;
        long delay = draining ? drainingHint : backoff.next();
        drainingHint = null;
        if (gateways.size() > 1) {
            // Lost (or leaving) its node: the next node of the cluster serves the same log. A node
            // that drains says when to come back; another node needs no waiting for.
            why = why + "; moving to " + gateways.next().wsUrl();
            if (draining) {
                delay = 0;
            }
        }
        setState(ConnectionState.WAITING_TO_RECONNECT, why + "; reconnecting in " + delay + " ms");
        timers.after(delay, this::connect);
    }

    /** Closes cleanly and stays away until {@link #goOnline()}, as a phone losing its network would. */
    void goOffline() {
        offline = true;
        generation++;
        if (socket != null) {
            socket.close(1000, "offline");
            socket = null;
        }
        setState(ConnectionState.WAITING_TO_RECONNECT, "offline");
    }

    void goOnline() {
        if (offline && !closed) {
            offline = false;
            backoff.reset();
            connect();
        }
    }

    void close() {
        closed = true;
        generation++;
        setState(ConnectionState.CLOSED, "closed by the application");
        if (socket != null) {
            socket.close(1000, "bye");
            socket = null;
        }
        if (events != null) {
            events.release();
            events = null;
        }
    }

    private void setState(ConnectionState s, String detail) {
        state = s;
        handler.stateChanged(s, detail);
    }
}
