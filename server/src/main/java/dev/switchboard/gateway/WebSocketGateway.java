package dev.switchboard.gateway;

import dev.switchboard.acl.AclStore;
import dev.switchboard.acl.RoomAccess;
import dev.switchboard.auth.TokenVerifier;
import dev.switchboard.config.GatewayConfig;
import dev.switchboard.eventlog.EventLog;
import dev.switchboard.eventlog.RoomPage;
import dev.switchboard.fanout.CommittedBatch;
import dev.switchboard.fanout.EventBus;
import dev.switchboard.metrics.Metrics;
import dev.switchboard.model.protocol.CloseCodes;
import dev.switchboard.model.protocol.ServerFrame;
import dev.switchboard.model.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.trace.TraceRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The WebSocket half of a node: the listener, the sessions, the rooms and the fanout from the event
 * log through the bus. {@link #drain} is the graceful way out; {@link #close} the immediate one.
 */
public final class WebSocketGateway implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebSocketGateway.class);

    /** How often connections are checked for stalled writes and their backlog is summed. */
    private static final long SWEEP_MILLIS = 20;

    private final GatewayConfig config;
    private final EventBus bus;
    private final SessionRegistry sessions = new SessionRegistry();
    private final Rooms rooms = new Rooms();
    private final Membership membership;
    private final DeliveryTrace trace;
    private final Faults faults;
    private final EventLog eventLog;
    private final AdminStream adminStream = new AdminStream();
    private final Metrics metrics;
    private final ExecutorService requestPool;
    private final ScheduledExecutorService timers;
    /** Closed sockets waiting for their client to close first (see CountingChannel#close). */
    private final ScheduledExecutorService lingering;
    private final ClientListener listener;
    private final AtomicBoolean draining = new AtomicBoolean();
    /** Sum of every connection's unread bytes, as of the last sweep; written by the timer thread. */
    private volatile long totalBacklog;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final GatewayMetrics gm;
    private final ConnectionCounts connectionCounts;

    public WebSocketGateway(GatewayConfig config, TokenVerifier verifier, AclStore acl, EventLog log, EventBus bus,
                            TraceRecorder recorder, Metrics metrics) {
        this.config = config;
        this.bus = bus;
        this.eventLog = log;
        this.metrics = metrics;
        GatewayMetrics gm = new GatewayMetrics(metrics);
        this.gm = gm;
        this.connectionCounts = new ConnectionCounts(metrics, config.reconnectWindow());
        this.trace = new DeliveryTrace(recorder, config.nodeId(), log.database().epoch());
        this.membership = new Membership(rooms, new Presence(gm), new RoomAccess(acl), log.rooms(),
                config.recoveryMaxReplay(), gm, trace, adminStream);
        this.requestPool = Executors.newFixedThreadPool(config.ws().sessionThreads(), named("ws-request"));
        this.timers = Executors.newSingleThreadScheduledExecutor(named("ws-timers"));
        this.lingering = Executors.newSingleThreadScheduledExecutor(named("ws-linger"));
        this.faults = new Faults(sessions, timers);
        this.listener = new ClientListener(new InetSocketAddress(config.httpHost(), config.wsPort()), config.nodeId(),
                config.heartbeatInterval().toMillis(), verifier, config.ws(), sessions, membership, gm, trace, requestPool,
                timers, lingering, draining::get, faults, adminStream, this::adminSnapshot,
                connectionCounts);
        metrics.gauge("switchboard_ws_connections", "Open WebSocket connections.", sessions::size);
        metrics.gauge("switchboard_rooms_active", "Rooms with at least one connection on this node.", rooms::count);
        metrics.gauge("switchboard_fanout_backlog_batches", "Committed batches waiting for the fanout.", bus::backlog);
        bus.subscribe(new RoomFanout(rooms, gm, trace, adminStream));
        log.addCommitListener((events, nanos) -> bus.publish(new CommittedBatch(events, nanos)));
        acl.addRevokeListener((room, userId) -> {
            for (Session s : sessions.ofUser(userId)) {
                if (!s.principal.role().mayReadEveryRoom()) {
                    membership.revoke(s, room);
                }
            }
        });
        new Heartbeats(sessions, gm, config.heartbeatTimeout()).start(timers, config.heartbeatInterval());
        timers.scheduleWithFixedDelay(this::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
        timers.scheduleWithFixedDelay(() -> trace.progress(sessions.all()), 1, 1, TimeUnit.SECONDS);
        timers.scheduleWithFixedDelay(adminStream::flush, AdminStream.FLUSH_MILLIS, AdminStream.FLUSH_MILLIS,
                TimeUnit.MILLISECONDS);
        timers.scheduleWithFixedDelay(() -> adminStream.publish("stats", this::liveStats), 1, 1, TimeUnit.SECONDS);
        metrics.gauge("switchboard_ws_backlog_bytes", "Bytes queued for all connections that they have not read yet.",
                () -> totalBacklog);
    }

    private void sweep() {
        long total = 0;
        for (Session s : sessions.all()) {
            s.kickIfStalled();
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

    private ObjectNode statsDelta() {
        ObjectNode d = Json.object();
        d.put("kind", "stats");
        d.put("connections", sessions.size());
        d.put("rooms", rooms.count());
        d.put("backlogBytes", totalBacklog);
        d.put("fanoutBacklog", bus.backlog());
        d.put("deliveryOverloaded", deliveryOverloaded());
        return d;
    }

    /**
     * The once-a-second stats of the admin stream: {@link #statsDelta} plus totals since start (a
     * console turns them into rates) and the last second's commit-to-socket latency.
     */
    private ObjectNode liveStats() {
        ObjectNode d = statsDelta();
        d.put("at", System.currentTimeMillis());
        d.put("draining", draining.get());
        d.put("eventsFannedOut", gm.fannedOut.value());
        d.put("deliveries", gm.deliveries.value());
        d.put("connectionsOpened", gm.opened.value());
        d.put("reconnects", connectionCounts.reconnects());
        d.put("acks", gm.acks.value());
        ObjectNode failures = d.putObject("failures");
        gm.failureTotals().forEach(failures::put);
        ObjectNode errors = d.putObject("errors");
        gm.errorTotals().forEach(errors::put);
        ObjectNode refused = d.putObject("refused");
        gm.refusedTotals().forEach(refused::put);
        LatencyWindow.Figures f = gm.deliveryLatency.drain();
        ObjectNode lat = d.putObject("deliveryLatencyMs");
        lat.put("count", f.count());
        lat.put("p50", Math.round(f.p50() * 1000) / 1000.0);
        lat.put("p99", Math.round(f.p99() * 1000) / 1000.0);
        lat.put("max", Math.round(f.max() * 1000) / 1000.0);
        return d;
    }

    /** The admin stream's first frame: this node's connections (the first 1,000), rooms and stats. */
    private ObjectNode adminSnapshot() {
        ObjectNode snap = Json.object();
        snap.put("node", config.nodeId());
        snap.put("draining", draining.get());
        snap.set("stats", statsDelta());
        ObjectNode conns = view().connections(null, null, null, null, 1000);
        snap.set("connections", conns.get("connections"));
        snap.put("connectionsTotal", conns.get("total").asInt());
        snap.set("rooms", view().rooms());
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
        log.info("redelivered {} events of {} ({}..{}) to connection {}", sent, room, from, to, connectionId);
        return sent;
    }

    public Faults faults() {
        return faults;
    }

    public int port() {
        return listener.getPort();
    }

    public int connections() {
        return sessions.size();
    }

    /** An operator cuts one connection (close 4010); false if it is not open on this node. */
    public boolean disconnect(String connectionId, String operator) {
        Session s = sessions.get(connectionId);
        if (s == null) {
            return false;
        }
        log.info("operator {} disconnects connection {} of user {} device {}", operator, s.id, s.userId(), s.deviceId);
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
        bus.close();
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

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
