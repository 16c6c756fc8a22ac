package dev.switchboard.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.model.concurrent.SerialExecutor;
import dev.switchboard.model.protocol.ClientFrame;
import dev.switchboard.model.protocol.ServerFrame;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * A Switchboard client for one device: it keeps a WebSocket to the gateway, joins its rooms after
 * every (re)connect with its cursor, recovers what it missed (replay on join, HTTP pages on a gap, a
 * snapshot when told or when the epoch changed), applies every event once and in order, never lets an
 * older version overwrite a newer one, acknowledges cumulatively, and reconnects with exponential
 * backoff and full jitter (or when a draining gateway says so). An app may show a change before the
 * gateway confirms it ({@link #pending}). See client/README.md.
 *
 * <p>The parts: {@link Connection} (the socket, backoff, welcome timeout), one {@link RoomSync} per
 * room (offer, apply, hold, gap timer, pending changes), {@link HttpRecovery} (replay and snapshot
 * pages), and {@link JoinedRooms} (the rooms held, the join protocol, acks). This class wires them.
 *
 * <p>Threads: all state is owned by the client's own {@link SerialExecutor} on the shared bounded pool
 * ({@link ClientThreads}); OkHttp's threads and the timers only post to it. Public methods are
 * thread-safe; listeners are called on the client's executor. What other threads read (state, views,
 * counters, pending changes) is published through volatile fields and atomics.
 */
public final class SwitchboardClient implements AutoCloseable {
    /**
     * Shared by every client of the JVM. OkHttp's dispatcher allows 64 calls (5 per host) by default and
     * an open WebSocket holds its call, so without raising the limits a JVM could not hold more than a
     * handful of devices against one gateway. A client given through {@link Builder#http} needs the same.
     */
    private static final OkHttpClient DEFAULT_HTTP = new OkHttpClient.Builder().readTimeout(Duration.ZERO)
            .pingInterval(Duration.ZERO).dispatcher(unlimitedDispatcher()).build();

    private static Dispatcher unlimitedDispatcher() {
        Dispatcher d = new Dispatcher();
        d.setMaxRequests(1_000_000);
        d.setMaxRequestsPerHost(1_000_000);
        return d;
    }

    static final long ACK_EVERY_MILLIS = 250;

    public static final class Builder {
        String wsUrl;
        String httpUrl;
        final List<Gateways.Node> more = new ArrayList<>();
        Supplier<String> token;
        String device;
        String app = "";
        OkHttpClient http = DEFAULT_HTTP;
        private TrustedCa trustedCa;
        long backoffBaseMillis = 250;
        long backoffCapMillis = 30_000;
        boolean acks = true;
        boolean reconcile = true;

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

        /**
         * Another node of the same cluster ({@code ws://host2:8081/ws}, {@code http://host2:8080}): when
         * the node in use dies, drains or cannot be reached, the client moves to the next one in the
         * order given ({@link #wsUrl} and {@link #httpUrl} first) and recovers from where it was.
         */
        public Builder alsoGateway(String wsUrl, String httpUrl) {
            more.add(new Gateways.Node(Objects.requireNonNull(wsUrl, "wsUrl"), Objects.requireNonNull(httpUrl, "httpUrl")));
            return this;
        }

        Gateways gateways() {
            List<Gateways.Node> all = new ArrayList<>();
            all.add(new Gateways.Node(wsUrl, httpUrl));
            all.addAll(more);
            return new Gateways(all);
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

        /**
         * Trusts the CA certificates of a PEM file (and only them) for {@code wss://} and {@code https://}
         * URLs: for a gateway whose certificate a private CA signed. Applies to the {@link #http} client
         * given, whichever order the two are called in.
         */
        public Builder trustCa(Path caFile) {
            this.trustedCa = caFile == null ? null : TrustedCa.fromPem(caFile);
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
            if (trustedCa != null) {
                http = trustedCa.applyTo(http);
                trustedCa = null;
            }
            return new SwitchboardClient(this);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    private final Executor owner = new SerialExecutor(ClientThreads.POOL, "client task");
    private final ClientTimers timers = new ClientTimers(owner);
    private final ClientTally tally = new ClientTally();
    private final Listeners listeners = new Listeners();
    private final boolean acks;
    private final Connection connection;
    private final JoinedRooms rooms;

    // Published for any thread; written on the client's executor.
    private volatile ConnectionState publicState = ConnectionState.CONNECTING;
    private volatile String connectionId;

    private SwitchboardClient(Builder config) {
        this.acks = config.acks;
        Gateways gateways = config.gateways();
        HttpRecovery recovery = new HttpRecovery(config, gateways, owner, timers, tally, this::roomsChanged);
        RoomSync.Context roomContext = new RoomSync.Context(config.reconcile, tally, listeners, timers, recovery,
                this::roomsChanged);
        this.connection = new Connection(config, gateways, owner, timers, tally, new ConnectionEvents());
        this.rooms = new JoinedRooms(roomContext, connection::send, connection::connected);
    }

    public SwitchboardClient addListener(SwitchboardListener l) {
        listeners.add(l);
        return this;
    }

    /** Connects (and keeps reconnecting until {@link #close()}). */
    public SwitchboardClient start() {
        owner.execute(connection::connect);
        if (acks) {
            timers.every(ACK_EVERY_MILLIS, rooms::sendAcks);
        }
        return this;
    }

    /**
     * Joins a room now and after every reconnect, recovering from where this client left it. Joining a
     * room the client holds is how an app says it is entitled to it again (after a re-grant): should a
     * {@code revoked} of the earlier grant still arrive, the client joins again and the gateway decides.
     */
    public void join(String room) {
        onOwner(() -> rooms.join(room));
    }

    public void leave(String room) {
        onOwner(() -> rooms.leave(room));
    }

    /** Sends a presence update to a joined room. */
    public void presence(String room, ObjectNode state) {
        owner.execute(() -> connection.send(new ClientFrame.PresenceUpdate(room, state)));
    }

    /**
     * Shows a local change of a resource before the gateway confirms it: until the change is resolved,
     * the room's view holds {@code localValue} at {@code expectedVersion} (the version the app expects
     * its publish to give the resource). See {@link PendingChange} for how it is resolved; call
     * {@link PendingChange#failed()} when the publish failed. A change to a room the client does not
     * hold is rolled back at once.
     */
    public PendingChange pending(String room, String resourceId, long expectedVersion, JsonNode localValue) {
        return pending(room, resourceId, expectedVersion, localValue, null);
    }

    /** As {@link #pending(String, String, long, JsonNode)}, for a publish whose event id the app chose. */
    public PendingChange pending(String room, String resourceId, long expectedVersion, JsonNode localValue, String eventId) {
        PendingChange change = new PendingChange(room, resourceId, expectedVersion, localValue, eventId,
                failed -> onOwner(() -> rooms.rollBack(failed)));
        onOwner(() -> rooms.addPending(change));
        return change;
    }

    public ConnectionState state() {
        return publicState;
    }

    /** The rooms as the client holds them now (a copy, updated after every change), pending values shown. */
    public Map<String, RoomView> rooms() {
        return rooms.views();
    }

    /** The changes not resolved yet, over all rooms (a copy). */
    public List<PendingChange> pendingChanges() {
        return rooms.pendingChanges();
    }

    public ClientCounters counters() {
        return tally.snapshot();
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
        owner.execute(connection::goOffline);
    }

    /** Comes back: connects at once and recovers every room from its cursor. */
    public void goOnline() {
        owner.execute(connection::goOnline);
    }

    /** Closes the socket; nothing of the client stays scheduled, so a closed client can be collected. */
    @Override
    public void close() {
        timers.close();
        onOwner(() -> {
            connection.close();
            rooms.closeAll();
        });
    }

    /** Timers of this client still waiting (for tests). */
    int timersWaiting() {
        return timers.waiting();
    }

    private void onOwner(Runnable task) {
        owner.execute(() -> {
            task.run();
            roomsChanged();
        });
    }

    private void roomsChanged() {
        rooms.publish();
    }

    /** What the connection reports, on the client's executor. */
    private final class ConnectionEvents implements Connection.Handler {
        @Override
        public void stateChanged(ConnectionState state, String detail) {
            publicState = state;
            if (state != ConnectionState.CONNECTED) {
                connectionId = null;
                rooms.disconnected();
            }
            listeners.connectionChanged(state, detail);
        }

        @Override
        public void welcomed(ServerFrame.Welcome welcome) {
            connectionId = welcome.connectionId();
            rooms.welcomed(welcome);
            roomsChanged();
        }

        @Override
        public void received(ServerFrame frame) {
            rooms.received(frame);
            roomsChanged();
        }
    }
}
