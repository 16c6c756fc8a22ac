package dev.switchboard.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.model.event.Event;
import dev.switchboard.model.json.Json;
import dev.switchboard.model.reconcile.ResourceVersions;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A Switchboard client for one device: it keeps a WebSocket to the gateway, joins its rooms after
 * every (re)connect with its cursor, recovers what it missed (replay on join, HTTP pages on a gap, a
 * snapshot when told or when the epoch changed), applies every event once and in order, never lets an
 * older version overwrite a newer one, acknowledges cumulatively, and reconnects with exponential
 * backoff and full jitter (or when a draining gateway says so). See client/README.md.
 *
 * <p>Threads: all state is owned by the client's own serial executor; OkHttp's threads and the timer
 * only post to it. Public methods are thread-safe; listeners are called on the client's executor.
 */
public final class SwitchboardClient implements AutoCloseable {
    private static final ExecutorService POOL = Executors.newCachedThreadPool(daemon("switchboard-client"));
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(daemon("switchboard-client-timer"));
    /**
     * Shared by every client of the JVM. OkHttp's dispatcher allows 64 calls (5 per host) by default and
     * an open WebSocket holds its call, so without raising the limits a JVM could not hold more than a
     * handful of devices against one gateway.
     */
    private static final OkHttpClient DEFAULT_HTTP = new OkHttpClient.Builder().readTimeout(Duration.ZERO)
            .pingInterval(Duration.ZERO).dispatcher(unlimitedDispatcher()).build();

    private static okhttp3.Dispatcher unlimitedDispatcher() {
        okhttp3.Dispatcher d = new okhttp3.Dispatcher();
        d.setMaxRequests(1_000_000);
        d.setMaxRequestsPerHost(1_000_000);
        return d;
    }
    static final long GAP_WAIT_MILLIS = 300;
    static final long ACK_EVERY_MILLIS = 250;
    /**
     * A connection attempt without a {@code welcome} after this long is abandoned and retried: a gateway
     * that stops or restarts can leave an accepted socket that never answers the upgrade, and reads
     * have no timeout (the connection is meant to stay idle).
     */
    static final long WELCOME_TIMEOUT_MILLIS = 10_000;

    /** How a client connects; build with {@link #builder()}. */
    public static final class Builder {
        private String wsUrl;
        private String httpUrl;
        private Supplier<String> token;
        private String device;
        private String app = "";
        private OkHttpClient http = DEFAULT_HTTP;
        private long backoffBaseMillis = 250;
        private long backoffCapMillis = 30_000;
        private boolean acks = true;
        private boolean reconcile = true;

        /** {@code ws://host:8081/ws} */
        public Builder wsUrl(String url) {
            this.wsUrl = url;
            return this;
        }

        /** {@code http://host:8080}, for recovery pages and snapshots. */
        public Builder httpUrl(String url) {
            this.httpUrl = url;
            return this;
        }

        /** Called before every connection and HTTP call, so an expiring token can be refreshed. */
        public Builder token(Supplier<String> token) {
            this.token = token;
            return this;
        }

        public Builder device(String device) {
            this.device = device;
            return this;
        }

        public Builder app(String appVersion) {
            this.app = appVersion;
            return this;
        }

        public Builder http(OkHttpClient http) {
            this.http = http;
            return this;
        }

        public Builder backoff(Duration base, Duration cap) {
            this.backoffBaseMillis = base.toMillis();
            this.backoffCapMillis = cap.toMillis();
            return this;
        }

        /** Turns cumulative acks off (for tests of the gateway's trace). */
        public Builder acks(boolean on) {
            this.acks = on;
            return this;
        }

        /**
         * Turns the reconciliation rules off: every received event is applied as it comes, duplicates,
         * stale versions and gaps included. Only for showing what they protect against.
         */
        public Builder reconcile(boolean on) {
            this.reconcile = on;
            return this;
        }

        public SwitchboardClient build() {
            Objects.requireNonNull(wsUrl, "wsUrl");
            Objects.requireNonNull(httpUrl, "httpUrl");
            Objects.requireNonNull(token, "token");
            return new SwitchboardClient(this);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    private final Builder config;
    private final Executor owner;
    private final List<ClientListener> listeners = new CopyOnWriteArrayList<>();
    private final Backoff backoff;

    // Owned by the client's executor.
    private final Map<String, RoomSync> rooms = new LinkedHashMap<>();
    private final Map<String, String> pendingJoins = new LinkedHashMap<>();
    private WebSocket socket;
    private long generation;
    private ConnectionState state = ConnectionState.CONNECTING;
    private Long drainingHint;
    private String userId;
    private String connectionId;
    private boolean closed;
    private boolean offline;
    private final AtomicInteger refs = new AtomicInteger();

    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong stale = new AtomicLong();
    private final AtomicLong gaps = new AtomicLong();
    private final AtomicLong replayed = new AtomicLong();
    private final AtomicLong httpRecoveries = new AtomicLong();
    private final AtomicLong snapshots = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong acksSent = new AtomicLong();
    private volatile ConnectionState publicState = ConnectionState.CONNECTING;
    private volatile Map<String, RoomView> views = Map.of();
    private volatile java.util.concurrent.ScheduledFuture<?> ackTask;

    private SwitchboardClient(Builder config) {
        this.config = config;
        this.owner = new SerialExecutor(POOL);
        this.backoff = new Backoff(config.backoffBaseMillis, config.backoffCapMillis);
    }

    public SwitchboardClient addListener(ClientListener l) {
        listeners.add(l);
        return this;
    }

    /** Connects (and keeps reconnecting until {@link #close()}). */
    public SwitchboardClient start() {
        owner.execute(this::connect);
        ackTask = TIMER.scheduleWithFixedDelay(() -> owner.execute(this::sendAcks), ACK_EVERY_MILLIS, ACK_EVERY_MILLIS,
                TimeUnit.MILLISECONDS);
        return this;
    }

    /** Joins a room now and after every reconnect, recovering from where this client left it. */
    public void join(String room) {
        owner.execute(() -> {
            rooms.computeIfAbsent(room, RoomSync::new);
            publishViews();
            if (state == ConnectionState.CONNECTED) {
                sendJoin(rooms.get(room));
            }
        });
    }

    public void leave(String room) {
        owner.execute(() -> {
            if (rooms.remove(room) != null && state == ConnectionState.CONNECTED) {
                ObjectNode f = Json.object();
                f.put("op", "leave");
                f.put("ref", "l" + refs.incrementAndGet());
                f.put("room", room);
                send(f);
            }
            publishViews();
        });
    }

    /** Sends a presence update to a joined room. */
    public void presence(String room, ObjectNode state) {
        owner.execute(() -> {
            ObjectNode f = Json.object();
            f.put("op", "presence");
            f.put("room", room);
            f.set("state", state);
            send(f);
        });
    }

    public ConnectionState state() {
        return publicState;
    }

    /** The rooms as the client holds them now (a copy, updated after every change). */
    public Map<String, RoomView> rooms() {
        return views;
    }

    public ClientCounters counters() {
        return new ClientCounters(applied.get(), duplicates.get(), stale.get(), gaps.get(), replayed.get(),
                httpRecoveries.get(), snapshots.get(), reconnects.get(), acksSent.get());
    }

    /** The gateway's id of the current connection (for the admin API), or null. */
    public String connectionId() {
        return connectionId;
    }

    /**
     * Goes offline as a phone losing its network would, but closing cleanly: the socket closes and no
     * reconnect is attempted until {@link #goOnline()}. Rooms and cursors are kept.
     */
    public void goOffline() {
        owner.execute(() -> {
            offline = true;
            generation++;
            if (socket != null) {
                socket.close(1000, "offline");
                socket = null;
            }
            pendingJoins.clear();
            setState(ConnectionState.WAITING_TO_RECONNECT, "offline");
        });
    }

    /** Comes back: connects at once and recovers every room from its cursor. */
    public void goOnline() {
        owner.execute(() -> {
            if (offline && !closed) {
                offline = false;
                backoff.reset();
                connect();
            }
        });
    }

    @Override
    public void close() {
        java.util.concurrent.ScheduledFuture<?> acks = ackTask;
        if (acks != null) {
            acks.cancel(false); // else the timer keeps a closed client alive
        }
        owner.execute(() -> {
            closed = true;
            setState(ConnectionState.CLOSED, "closed by the application");
            if (socket != null) {
                socket.close(1000, "bye");
            }
        });
    }

    // ---- connection ---------------------------------------------------------------------------

    private void connect() {
        if (closed || offline) {
            return;
        }
        long gen = ++generation;
        setState(ConnectionState.CONNECTING, null);
        HttpUrl url = HttpUrl.get(config.wsUrl.replaceFirst("^ws", "http")).newBuilder()
                .addQueryParameter("token", config.token.get())
                .addQueryParameter("app", config.app).build();
        if (config.device != null) {
            url = url.newBuilder().addQueryParameter("device", config.device).build();
        }
        TIMER.schedule(() -> owner.execute(() -> {
            if (gen == generation && state == ConnectionState.CONNECTING && socket != null) {
                socket.cancel();
                ended(gen, "no welcome within " + WELCOME_TIMEOUT_MILLIS + " ms");
            }
        }), WELCOME_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        socket = config.http.newWebSocket(new Request.Builder().url(url).build(), new WebSocketListener() {
            @Override
            public void onMessage(WebSocket ws, String text) {
                owner.execute(() -> {
                    if (gen == generation) {
                        frame(text);
                    }
                });
            }

            @Override
            public void onClosing(WebSocket ws, int code, String reason) {
                ws.close(1000, null);
                owner.execute(() -> ended(gen, code + " " + reason));
            }

            @Override
            public void onClosed(WebSocket ws, int code, String reason) {
                owner.execute(() -> ended(gen, code + " " + reason));
            }

            @Override
            public void onFailure(WebSocket ws, Throwable t, Response response) {
                String why = response != null ? "HTTP " + response.code() : String.valueOf(t.getMessage());
                owner.execute(() -> ended(gen, why));
            }
        });
    }

    private void ended(long gen, String why) {
        if (gen != generation || closed) {
            return;
        }
        generation++; // frames of the old socket are ignored from now on
        socket = null;
        connectionId = null;
        pendingJoins.clear();
        long delay = drainingHint != null ? drainingHint : backoff.next();
        drainingHint = null;
        setState(ConnectionState.WAITING_TO_RECONNECT, why + "; reconnecting in " + delay + " ms");
        reconnects.incrementAndGet();
        TIMER.schedule(() -> owner.execute(this::connect), delay, TimeUnit.MILLISECONDS);
    }

    private void frame(String text) {
        JsonNode f;
        try {
            f = Json.parse(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return;
        }
        switch (f.path("op").asText()) {
            case "welcome" -> welcome(f);
            case "joined" -> joined(f);
            case "event" -> event(f);
            case "revoked" -> lost(f.path("room").asText(), "revoked");
            case "draining" -> draining(f);
            case "error" -> error(f);
            case "presence" -> listeners.forEach(l -> l.presence(f.path("room").asText(), f.path("userId").asText(),
                    f.path("deviceId").asText(), f.path("action").asText(), f.get("state")));
            default -> {
            }
        }
    }

    private void welcome(JsonNode f) {
        backoff.reset();
        userId = f.path("userId").asText();
        connectionId = f.path("connectionId").asText();
        setState(ConnectionState.CONNECTED, "connection " + connectionId);
        // The user's own room is delivered from the moment of connecting; joining it too recovers it.
        rooms.computeIfAbsent("user:" + userId, RoomSync::new);
        for (RoomSync r : rooms.values()) {
            sendJoin(r);
        }
        publishViews();
    }

    private void draining(JsonNode f) {
        drainingHint = Math.max(0, f.path("reconnectInMs").asLong());
        if (socket != null) {
            socket.close(1000, "draining");
        }
    }

    private void sendJoin(RoomSync r) {
        ObjectNode f = Json.object();
        String ref = "j" + refs.incrementAndGet();
        f.put("op", "join");
        f.put("ref", ref);
        f.put("room", r.room);
        if (r.hasCursor() && r.everSynced) {
            ObjectNode after = f.putObject("after");
            after.put("epoch", r.cursor.epoch());
            after.put("offset", r.cursor.offset());
        }
        pendingJoins.put(ref, r.room);
        // Events that arrive before the answer are held; the answer says how to treat them.
        r.syncing = true;
        send(f);
    }

    private void joined(JsonNode f) {
        String room = pendingJoins.remove(f.path("ref").asText());
        RoomSync r = room == null ? null : rooms.get(room);
        if (r == null) {
            return;
        }
        String epoch = f.path("epoch").asText();
        long head = f.path("offset").asLong();
        if (f.path("snapshotRequired").asBoolean() || !r.everSynced) {
            snapshot(r);
        } else if (f.path("recovered").asBoolean()) {
            replayed.addAndGet(f.path("replayed").asLong());
            r.syncing = false;
            drainHeld(r);
            listeners.forEach(l -> l.roomRecovered(r.room, "replay", head));
        } else {
            r.resetTo(epoch, head);
            r.syncing = false;
            drainHeld(r);
        }
        publishViews();
    }

    private void error(JsonNode f) {
        String room = pendingJoins.remove(f.path("ref").asText(""));
        if (room != null && f.path("code").asText().equals("forbidden")) {
            lost(room, "forbidden");
        } else if (room != null) {
            RoomSync r = rooms.get(room);
            if (r != null) {
                // unavailable or rate limited: try the join again shortly
                TIMER.schedule(() -> owner.execute(() -> {
                    if (rooms.get(room) == r && state == ConnectionState.CONNECTED) {
                        sendJoin(r);
                    }
                }), backoff.next(), TimeUnit.MILLISECONDS);
            }
        }
    }

    private void lost(String room, String reason) {
        if (rooms.remove(room) != null) {
            listeners.forEach(l -> l.roomLost(room, reason));
            publishViews();
        }
    }

    // ---- events -------------------------------------------------------------------------------

    private void event(JsonNode f) {
        RoomSync r = rooms.get(f.path("room").asText());
        if (r == null) {
            return;
        }
        Event e;
        try {
            e = Event.fromJson(f.get("event"));
        } catch (RuntimeException ex) {
            return;
        }
        RoomSync.Incoming in = new RoomSync.Incoming(f.path("epoch").asText(), f.path("offset").asLong(), e);
        if (r.syncing) {
            r.heldDuringSync.add(in);
            return;
        }
        offer(r, in);
        publishViews();
    }

    private void offer(RoomSync r, RoomSync.Incoming in) {
        if (!config.reconcile) {
            apply(r, in, true);
            return;
        }
        List<RoomSync.Incoming> ready;
        try {
            long before = r.reorder.duplicatesDropped();
            ready = r.reorder.offer(in.epoch(), in.offset(), in);
            if (r.reorder.duplicatesDropped() > before) {
                duplicates.incrementAndGet();
                listeners.forEach(l -> l.eventIgnored(r.room, in.offset(), in.event(), "duplicate"));
            }
        } catch (IllegalStateException epochChanged) {
            snapshot(r);
            return;
        }
        for (RoomSync.Incoming e : ready) {
            apply(r, e, false);
        }
        if (r.reorder.overflowed()) {
            gaps.incrementAndGet();
            recoverOverHttp(r);
        } else if (r.reorder.waiting() > 0) {
            long gen = ++r.gapTimerGeneration;
            TIMER.schedule(() -> owner.execute(() -> {
                if (r.gapTimerGeneration == gen && r.reorder.waiting() > 0 && !r.syncing && rooms.get(r.room) == r) {
                    gaps.incrementAndGet();
                    recoverOverHttp(r);
                }
            }), GAP_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void apply(RoomSync r, RoomSync.Incoming in, boolean blindly) {
        Event e = in.event();
        ResourceVersions.Verdict v = blindly ? ResourceVersions.Verdict.APPLY : r.versions.observe(e.resourceId(), e.version());
        if (blindly) {
            r.cursor.reset(in.epoch(), in.offset());
        }
        if (v == ResourceVersions.Verdict.DUPLICATE || v == ResourceVersions.Verdict.STALE) {
            (v == ResourceVersions.Verdict.STALE ? stale : duplicates).incrementAndGet();
            String reason = v == ResourceVersions.Verdict.STALE ? "stale" : "duplicate";
            listeners.forEach(l -> l.eventIgnored(r.room, in.offset(), e, reason));
            return;
        }
        r.resources.put(e.resourceId(), new ResourceState(e.resourceId(), e.version(), e.payload()));
        applied.incrementAndGet();
        listeners.forEach(l -> l.eventApplied(r.room, in.offset(), e));
    }

    private void drainHeld(RoomSync r) {
        List<RoomSync.Incoming> held = new ArrayList<>(r.heldDuringSync);
        r.heldDuringSync.clear();
        for (RoomSync.Incoming in : held) {
            offer(r, in);
        }
    }

    // ---- recovery over HTTP -------------------------------------------------------------------

    private void snapshot(RoomSync r) {
        r.syncing = true;
        get("/api/rooms/" + r.room + "/snapshot", body -> {
            if (rooms.get(r.room) != r) {
                return;
            }
            r.loadSnapshot(body.path("epoch").asText(), body.path("offset").asLong(), body.path("resources"));
            snapshots.incrementAndGet();
            r.syncing = false;
            drainHeld(r);
            listeners.forEach(l -> l.roomRecovered(r.room, "snapshot", r.cursor.offset()));
            publishViews();
        }, () -> retryLater(r, () -> snapshot(r)));
    }

    private void recoverOverHttp(RoomSync r) {
        r.syncing = true;
        page(r);
    }

    private void page(RoomSync r) {
        String path = "/api/rooms/" + r.room + "/events?after=" + r.cursor.offset() + "&epoch=" + r.cursor.epoch();
        get(path, body -> {
            if (rooms.get(r.room) != r) {
                return;
            }
            if (body.path("snapshotRequired").asBoolean()) {
                snapshot(r);
                return;
            }
            String epoch = body.path("epoch").asText();
            for (JsonNode entry : body.path("events")) {
                try {
                    offerRecovered(r, new RoomSync.Incoming(epoch, entry.path("offset").asLong(), Event.fromJson(entry.get("event"))));
                } catch (dev.switchboard.model.ValidationException e) {
                    // an event this SDK cannot read: skip it, the cursor does not move past it
                }
            }
            if (body.path("hasMore").asBoolean()) {
                page(r);
                return;
            }
            httpRecoveries.incrementAndGet();
            r.syncing = false;
            drainHeld(r);
            listeners.forEach(l -> l.roomRecovered(r.room, "http", r.cursor.offset()));
            publishViews();
        }, () -> retryLater(r, () -> page(r)));
    }

    private void offerRecovered(RoomSync r, RoomSync.Incoming in) {
        try {
            for (RoomSync.Incoming e : r.reorder.offer(in.epoch(), in.offset(), in)) {
                apply(r, e, false);
            }
        } catch (IllegalStateException epochChanged) {
            snapshot(r);
        }
    }

    private void retryLater(RoomSync r, Runnable again) {
        TIMER.schedule(() -> owner.execute(() -> {
            if (rooms.get(r.room) == r) {
                again.run();
            }
        }), backoff.next() + 100, TimeUnit.MILLISECONDS);
    }

    /** An HTTP GET with the current token; the answer is handled on the client's executor. */
    private void get(String path, java.util.function.Consumer<JsonNode> ok, Runnable failed) {
        Request request = new Request.Builder().url(config.httpUrl + path)
                .header("Authorization", "Bearer " + config.token.get()).build();
        config.http.newCall(request).enqueue(new Callback() {
            @Override
            public void onFailure(Call call, IOException e) {
                owner.execute(failed);
            }

            @Override
            public void onResponse(Call call, Response response) {
                try (response) {
                    if (response.code() != 200) {
                        owner.execute(failed);
                        return;
                    }
                    JsonNode body = Json.parse(response.body().string());
                    owner.execute(() -> ok.accept(body));
                } catch (IOException e) {
                    owner.execute(failed);
                }
            }
        });
    }

    // ---- acks and plumbing --------------------------------------------------------------------

    private void sendAcks() {
        if (!config.acks || state != ConnectionState.CONNECTED) {
            return;
        }
        for (RoomSync r : rooms.values()) {
            if (r.hasCursor() && r.cursor.offset() > r.lastAcked && !r.syncing) {
                ObjectNode f = Json.object();
                f.put("op", "ack");
                f.put("room", r.room);
                f.put("offset", r.cursor.offset());
                if (send(f)) {
                    r.lastAcked = r.cursor.offset();
                    acksSent.incrementAndGet();
                }
            }
        }
    }

    private boolean send(ObjectNode frame) {
        return socket != null && socket.send(Json.write(frame));
    }

    private void setState(ConnectionState s, String detail) {
        state = s;
        publicState = s;
        listeners.forEach(l -> l.connectionChanged(s, detail));
    }

    private void publishViews() {
        Map<String, RoomView> v = new LinkedHashMap<>();
        rooms.forEach((k, r) -> v.put(k, r.view()));
        views = Map.copyOf(v);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
