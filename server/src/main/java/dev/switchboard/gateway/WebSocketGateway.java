package dev.switchboard.gateway;

import dev.switchboard.model.admin.ConnectionPage;
import dev.switchboard.model.admin.AdminDelta;
import dev.switchboard.model.admin.AdminJson;
import dev.switchboard.acl.AclStore;
import dev.switchboard.acl.RoomAccess;
import dev.switchboard.auth.TokenVerifier;
import dev.switchboard.config.GatewayConfig;
import dev.switchboard.eventlog.EventLog;
import dev.switchboard.eventlog.RoomPage;
import dev.switchboard.metrics.Metrics;
import dev.switchboard.model.protocol.CloseCodes;
import dev.switchboard.model.protocol.ServerFrame;
import dev.switchboard.model.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.tls.ReloadingSslContext;
import dev.switchboard.trace.TraceRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The WebSocket half of a node: the listener, the sessions and the rooms, and the delivery of
 * committed events to them ({@link #roomDelivery()}, which the node hands to its event bus).
 * {@link #drain} is the graceful way out; {@link #close} the immediate one.
 */
public final class WebSocketGateway implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebSocketGateway.class);

    /** How often connections are checked for stalled writes and their backlog is summed. */
    private static final long SWEEP_MILLIS = 20;

    private final GatewayConfig config;
    private final LongSupplier fanoutBacklog;
    private final SessionRegistry sessions = new SessionRegistry();
    private final Rooms rooms = new Rooms();
    private final ClusterPresence clusterPresence;
    private volatile Supplier<List<String>> degradedReasons = List::of;
    private final Membership membership;
    private final DeliveryTrace trace;
    private final RoomDelivery roomDelivery;
    /** Told of each connection once it is set up (fault injection applies a user's faults to it). */
    private final List<Consumer<Connection>> connectedHooks = new CopyOnWriteArrayList<>();
    private final EventLog eventLog;
    private final AdminStream adminStream;
    private final Metrics metrics;
    private final ExecutorService requestPool;
    private final ScheduledExecutorService timers;
    /** Closed sockets waiting for their client to close first (see CountingChannel#close). */
    private final ScheduledExecutorService lingering;
    private final GatewaySocketServer listener;
    private final AtomicBoolean draining = new AtomicBoolean();
    /** Sum of every connection's unread bytes, as of the last sweep; written by the timer thread. */
    private volatile long totalBacklog;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final GatewayMetrics gm;
    private final ConnectionCounts connectionCounts;

    /**
     * @param fanoutBacklog committed batches waiting for delivery on this node (the bus's queue)
     */
    public WebSocketGateway(GatewayConfig config, TokenVerifier verifier, AclStore acl, EventLog log,
                            LongSupplier fanoutBacklog, TraceRecorder recorder, Metrics metrics, ReloadingSslContext tls) {
        this.config = config;
        this.fanoutBacklog = fanoutBacklog;
        this.eventLog = log;
        this.metrics = metrics;
        GatewayMetrics gm = new GatewayMetrics(metrics);
        this.gm = gm;
        this.connectionCounts = new ConnectionCounts(metrics, config.reconnectWindow(), config.ws().maxAppLabels());
        this.trace = new DeliveryTrace(recorder, config.nodeId(), log.database().epoch());
        this.timers = Executors.newSingleThreadScheduledExecutor(named("ws-timers"));
        this.adminStream = new AdminStream(config.ws(), timers, gm);
        this.clusterPresence = new ClusterPresence(rooms, config.nodeId(), gm);
        this.membership = new Membership(rooms, new Presence(gm, clusterPresence), new RoomAccess(acl), log.rooms(),
                config.recoveryMaxReplay(), gm, trace, adminStream);
        this.requestPool = Executors.newFixedThreadPool(config.ws().sessionThreads(), named("ws-request"));
        this.lingering = Executors.newSingleThreadScheduledExecutor(named("ws-linger"));
        SessionHost host = new DeliveryEvents(config.ws(), requestPool, timers, gm, trace, adminStream);
        SessionLifecycle lifecycle = new SessionLifecycle(config.nodeId(), config.heartbeatInterval().toMillis(), config.ws(),
                sessions, membership, gm, trace, timers, draining::get, this::connected, adminStream, this::adminSnapshot,
                connectionCounts, host);
        this.listener = new GatewaySocketServer(new InetSocketAddress(config.httpHost(), config.wsPort()), config.ws(),
                new Handshakes(verifier, config.ws(), draining::get, gm), lifecycle,
                new FrameIntake(config.ws(), membership, adminStream, gm), gm, timers, lingering, tls);
        metrics.gauge("switchboard_ws_connections", "Open WebSocket connections.", sessions::size);
        metrics.gauge("switchboard_ws_sockets", "Open TCP connections to the WebSocket port, upgraded or not"
                + " (held to ws.max-connections).", listener::openSockets);
        metrics.gauge("switchboard_rooms_active", "Rooms with at least one connection on this node.", rooms::count);
        metrics.gauge("switchboard_fanout_backlog_batches", "Committed batches waiting for the fanout.", fanoutBacklog::getAsLong);
        this.roomDelivery = new RoomDelivery(rooms, gm, trace, adminStream);
        acl.addRevokeListener(this::evictFromRoom);
        new Heartbeats(sessions, gm, config.heartbeatTimeout()).start(timers, config.heartbeatInterval());
        timers.scheduleWithFixedDelay(this::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
        timers.scheduleWithFixedDelay(() -> trace.progress(sessions.all()), 1, 1, TimeUnit.SECONDS);
        timers.scheduleWithFixedDelay(adminStream::flush, AdminStream.FLUSH_MILLIS, AdminStream.FLUSH_MILLIS,
                TimeUnit.MILLISECONDS);
        timers.scheduleWithFixedDelay(() -> adminStream.publish(this::liveStats), 1, 1, TimeUnit.SECONDS);
        metrics.gauge("switchboard_ws_backlog_bytes", "Bytes queued for all connections that they have not read yet.",
                () -> totalBacklog);
    }

    private void sweep() {
        long total = 0;
        for (Session s : sessions.all()) {
            s.outbox.kickIfStalled();
            total += s.backlogBytes();
        }
        totalBacklog = total;
    }

    /**
     * True while the connections of this node have more unread bytes queued than
     * {@code ws.max-total-backlog-bytes}: the node is publishing faster than it can deliver, and new
     * publishes are refused (503) until the sockets catch up.
     */
    public boolean deliveryOverloaded() {
        return totalBacklog > config.ws().maxTotalBacklogBytes();
    }

    public long backlogBytes() {
        return totalBacklog;
    }

    public void start() throws IOException {
        listener.startAndWait();
    }

    /**
     * Records every connection's current progress and waits until the trace has stored it, so a trace
     * asked for right now reflects what was delivered up to now.
     */
    public void flushTrace() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        timers.execute(() -> {
            trace.progress(sessions.all());
            done.complete(null);
        });
        try {
            done.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the timer is stopping; the trace has what it has
        }
        trace.flush();
    }

    /** The node's figures as of now: what the admin stream's snapshot carries. */
    private AdminDelta.Stats statsDelta() {
        return new AdminDelta.Stats("stats", System.currentTimeMillis(), sessions.size(), rooms.count(), totalBacklog,
                fanoutBacklog.getAsLong(), deliveryOverloaded(), null, null, null, null, null, null, null, null, null,
                null, degraded());
    }

    /** Tells the admin stream's stats what works less well than it should (the node's degraded reasons). */
    public void degradedReasons(Supplier<List<String>> reasons) {
        this.degradedReasons = reasons;
    }

    private List<String> degraded() {
        List<String> reasons = degradedReasons.get();
        return reasons.isEmpty() ? null : reasons;
    }

    /**
     * The once-a-second stats of the admin stream: {@link #statsDelta} plus totals since start (a
     * console turns them into rates) and the last second's commit-to-socket latency.
     */
    private AdminDelta.Stats liveStats() {
        LatencyWindow.Figures f = gm.deliveryLatency.drain();
        return new AdminDelta.Stats("stats", System.currentTimeMillis(), sessions.size(), rooms.count(), totalBacklog,
                fanoutBacklog.getAsLong(), deliveryOverloaded(), draining.get(), gm.fannedOut.value(),
                gm.deliveries.value(), gm.opened.value(), connectionCounts.reconnects(), gm.acks.value(),
                gm.failureTotals(), gm.errorTotals(), gm.refusedTotals(),
                new AdminDelta.Latency(f.count(), millis(f.p50()), millis(f.p99()), millis(f.max())), degraded());
    }

    /** Milliseconds to three decimals: microseconds are as fine as a chart needs. */
    private static double millis(double ms) {
        return Math.round(ms * 1000) / 1000.0;
    }

    /**
     * The admin stream's first frame: this node's stats and, with {@code lists}, its connections (the
     * first 1,000) and rooms; without, only how many connections there are ({@code ?snapshot=stats}).
     */
    private ObjectNode adminSnapshot(boolean lists) {
        ObjectNode snap = Json.object();
        snap.put("node", config.nodeId());
        snap.put("draining", draining.get());
        snap.set("stats", AdminJson.tree(statsDelta()));
        if (lists) {
            ConnectionPage conns = view().connections(null, null, null, null, 1000);
            snap.set("connections", AdminJson.tree(conns.connections()));
            snap.put("connectionsTotal", conns.total());
            snap.set("rooms", AdminJson.tree(view().rooms().rooms()));
        } else {
            snap.put("connectionsTotal", sessions.size());
        }
        return snap;
    }

    public ConnectionsView view() {
        return new ConnectionsView(sessions, rooms, config.nodeId());
    }

    /**
     * Sends offsets {@code from..to} of a room again to one connection (an operator repairing a
     * client), read from the log, as ordinary event frames; the client's reconciliation drops what it
     * already had. Answers how many were sent, or -1 when the connection is not open here.
     */
    public int redeliver(String connectionId, String room, long from, long to) {
        Session s = sessions.get(connectionId);
        if (s == null) {
            return -1;
        }
        int sent = 0;
        long after = from - 1;
        while (after < to) {
            RoomPage page = eventLog.rooms().page(room, after, null, (int) Math.min(500, to - after));
            if (page.events().isEmpty()) {
                break;
            }
            for (RoomPage.Entry e : page.events()) {
                if (e.offset() > to) {
                    break;
                }
                s.sendBytes(WireFrames.event(room, e.offset(), page.epoch(), WireFrames.eventJson(e.event())));
                sent++;
            }
            after = page.events().get(page.events().size() - 1).offset();
        }
        log.atInfo().addKeyValue("connectionId", connectionId).addKeyValue("room", room)
                .log("redelivered {} events of {} ({}..{}) to connection {}", sent, room, from, to, connectionId);
        return sent;
    }

    /** Where the node's event bus hands committed batches (on its fanout thread). */
    /**
     * A revoke of {@code userId}'s access to {@code room}: each of the user's connections on this node
     * leaves the room and is told so ({@code revoked}). Called for revokes made on this node and, on a
     * cluster, for those made on others.
     */
    public void evictFromRoom(String room, String userId) {
        for (Session s : sessions.ofUser(userId)) {
            if (!s.principal.role().mayReadEveryRoom()) {
                membership.revoke(s, room);
            }
        }
    }

    /** Presence across the nodes of a cluster: the other nodes' members, and where this node's changes go. */
    public ClusterPresence clusterPresence() {
        return clusterPresence;
    }

    public RoomDelivery roomDelivery() {
        return roomDelivery;
    }

    /** An open connection on this node, or null. */
    public Connection connection(String connectionId) {
        return sessions.get(connectionId);
    }

    public List<Connection> connectionsOf(String userId) {
        return List.copyOf(sessions.ofUser(userId));
    }

    public List<Connection> openConnections() {
        return List.copyOf(sessions.all());
    }

    /** Runs {@code hook} for every connection once it is set up, before it can receive live events. */
    public void onConnected(Consumer<Connection> hook) {
        connectedHooks.add(hook);
    }

    private void connected(Session s) {
        for (Consumer<Connection> hook : connectedHooks) {
            hook.accept(s);
        }
    }

    public int port() {
        return listener.getPort();
    }

    public int connections() {
        return sessions.size();
    }

    /**
     * An operator cuts one connection (close 4010); false if it is not open on this node, or this node
     * is already closing it (its close handshake may still be under way: it is gone all the same).
     */
    public boolean disconnect(String connectionId, String operator) {
        Session s = sessions.get(connectionId);
        if (s == null || s.closeCodeSent() != 0) {
            return false;
        }
        ConnectionLog.about(log.atInfo(), s).addKeyValue("operator", operator)
                .log("operator {} disconnects connection {} of user {} device {}", operator, s.id, s.userId(), s.deviceId);
        s.close(CloseCodes.OPERATOR_DISCONNECT, "disconnected by an operator");
        return true;
    }

    public boolean draining() {
        return draining.get();
    }

    /**
     * Refuses new connections, tells every client to reconnect elsewhere ({@code draining}, with a
     * spread-out hint so they do not all come back at once), waits up to {@code drain.grace} for them to
     * go, then closes the rest with 1012.
     */
    public void drain() {
        if (!draining.compareAndSet(false, true)) {
            return;
        }
        long spread = config.drainReconnectSpread().toMillis();
        int told = 0;
        for (Session s : sessions.all()) {
            s.send(new ServerFrame.Draining(spread == 0 ? 0 : ThreadLocalRandom.current().nextLong(spread + 1), "shutdown"));
            told++;
        }
        log.info("draining: told {} connections to reconnect elsewhere; waiting up to {} ms", told, config.drainGrace().toMillis());
        waitForConnections(config.drainGrace());
        int rest = sessions.size();
        for (Session s : sessions.all()) {
            s.close(CloseCodes.NODE_RESTART, "node restart");
        }
        waitForConnections(Duration.ofSeconds(2));
        log.info("drained: {} connections were still open after the grace period and were closed with 1012", rest);
    }

    private void waitForConnections(Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (sessions.size() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Stops at once: remaining connections are closed (1001), the fanout stops after what it holds. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        draining.set(true);
        try {
            listener.stop(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timers.shutdownNow();
        for (Runnable closeNow : lingering.shutdownNow()) {
            closeNow.run();
        }
        requestPool.shutdown();
        try {
            requestPool.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
