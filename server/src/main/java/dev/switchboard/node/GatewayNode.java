package dev.switchboard.node;

import dev.switchboard.acl.AclStore;
import dev.switchboard.admin.AdminRoutes;
import dev.switchboard.audit.AuditLog;
import dev.switchboard.acl.RoomAccess;
import dev.switchboard.auth.TokenVerifier;
import dev.switchboard.backup.BackupRoute;
import dev.switchboard.config.GatewayConfig;
import dev.switchboard.cluster.ClusterCommands;
import dev.switchboard.cluster.ClusterForward;
import dev.switchboard.cluster.ConnectionHomes;
import dev.switchboard.cluster.NodeRegistry;
import dev.switchboard.cluster.PresenceBridge;
import dev.switchboard.eventlog.EventLog;
import dev.switchboard.eventlog.EventLogException;
import dev.switchboard.eventlog.LogTail;
import dev.switchboard.fanout.CommittedBatch;
import dev.switchboard.fanout.RoomFanout;
import dev.switchboard.faults.FaultRoutes;
import dev.switchboard.faults.Faults;
import dev.switchboard.gateway.WebSocketGateway;
import dev.switchboard.fanout.EventBus;
import dev.switchboard.fanout.LocalEventBus;
import dev.switchboard.fanout.RedisCarrier;
import dev.switchboard.fanout.SequencedBus;
import dev.switchboard.http.AclRoutes;
import dev.switchboard.http.ApiServer;
import dev.switchboard.http.Authenticator;
import dev.switchboard.http.OpsRoutes;
import dev.switchboard.http.PublishRoute;
import dev.switchboard.http.RoomRoutes;
import dev.switchboard.metrics.DataDiskGauges;
import dev.switchboard.metrics.Metrics;
import dev.switchboard.tls.ReloadingSslContext;
import dev.switchboard.tls.TlsException;
import dev.switchboard.trace.TraceRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One gateway node: wires the event log, the ACL, authentication, the HTTP API, the WebSocket side,
 * the event bus between them and fault injection together, and owns their lifecycle. {@link #start}
 * returns a running node; {@link #close} drains and stops it. The only class that knows every
 * package: the packages it wires do not know each other beyond what they use.
 */
public final class GatewayNode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GatewayNode.class);

    private final GatewayConfig config;
    private final Metrics metrics;
    private final EventLog eventLog;
    private final AclStore acl;
    private final ApiServer api;
    private final WebSocketGateway ws;
    private final EventBus bus;
    /** Null on a log this node writes alone (H2). */
    private final ClusterCommands commands;
    /** Set once the listeners are bound (their ports are in it). */
    private volatile NodeRegistry registry;
    /** Presence between nodes over Redis; null without a shared log or without Redis. */
    private volatile PresenceBridge presence;
    private final Faults faults;
    private final TraceRecorder trace;
    /** Null while TLS is off. */
    private final ReloadingSslContext tls;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** How long a revoke waits for the other nodes to confirm the eviction. */
    private static final Duration REVOKE_CONFIRM = Duration.ofSeconds(2);

    private GatewayNode(GatewayConfig config, Clock clock) throws IOException {
        this.config = config;
        this.metrics = new Metrics();
        this.tls = startTls(config);
        this.eventLog = new EventLog(config, clock, metrics);
        try {
            this.acl = new AclStore(eventLog.database().dataSource(), clock);
            this.trace = new TraceRecorder(eventLog.database().dataSource(), clock, config.traceRetention(),
                    config.traceEnabled(), config.nodeId(), metrics);
            TokenVerifier verifier = new TokenVerifier(config.tokenSecret(), clock);
            Authenticator auth = new Authenticator(verifier);
            this.api = new ApiServer(config.httpHost(), config.httpPort(), config.httpThreads(), config.maxBodyBytes(),
                    config.http(), tls, metrics);
            new OpsRoutes(config.nodeId(), version(), this::advertisedWsUrl, this::notReadyReasons, this::degradedReasons,
                    metrics).register(api);
            api.route("POST", "/api/events", new PublishRoute(auth, eventLog, config.maxBodyBytes(),
                    config.maxPayloadBytes(), api.workers(), metrics, this::deliveryOverloaded));
            new RoomRoutes(auth, new RoomAccess(acl), eventLog.rooms(), config.recoveryMaxReplay(), trace,
                    config.snapshots(), metrics).register(api);
            AuditLog audit = new AuditLog(eventLog.database().dataSource(), clock, config.nodeId());
            new AclRoutes(auth, acl, audit).register(api);
            // A log other nodes write too delivers their commits as well, read back in seq order.
            this.bus = eventLog.database().shared() ? new SequencedBus(new LogTail(eventLog.database()), config.cluster(), config.nodeId(),
                    config.tokenSecret())
                    : new LocalEventBus();
            this.ws = new WebSocketGateway(config, verifier, acl, eventLog, bus::backlog, trace, metrics, tls);
            bus.subscribe(new RoomFanout(ws.roomDelivery()));
            ws.degradedReasons(this::degradedReasons);
            eventLog.addCommitListener((events, nanos) -> bus.publish(new CommittedBatch(events, nanos)));
            this.faults = new Faults(ws);
            this.commands = eventLog.database().shared() ? clusterCommands(clock) : null;
            new AdminRoutes(auth, config, eventLog, ws, audit, clock, version(), draining::get, this::drain,
                    () -> registry == null ? List.of() : registry.list(), forward()).register(api);
            new FaultRoutes(auth, faults, audit, forward()).register(api);
            new BackupRoute(auth, audit, eventLog.database().dataSource(), config, clock).register(api);
            metrics.gauge("switchboard_info", "This node's name and version.", () -> 1, "node", config.nodeId(),
                    "version", version());
            metrics.gauge("switchboard_ready", "1 while the node accepts traffic.", () -> notReadyReasons().isEmpty() ? 1 : 0);
            registerStoreGauges();
            // On every node, 0 where there is no Redis to lose: one alert rule serves every installation.
            metrics.gauge("switchboard_cluster_degraded", "1 while Redis is configured but not carrying commits between"
                    + " nodes (their events come from the event log, later).",
                    () -> bus instanceof SequencedBus sb && sb.degraded() ? 1 : 0);
            if (bus instanceof SequencedBus sb) {
                registerClusterGauges(sb);
            }
        } catch (RuntimeException e) {
            eventLog.close();
            closeTls();
            throw e;
        }
    }

    /**
     * On a shared log, a revoke made through this node evicts the user on every node (and one made on
     * another node, here): the command goes through the shared database (docs/cluster.md).
     */
    private ClusterCommands clusterCommands(Clock clock) {
        ClusterCommands c = new ClusterCommands(eventLog.database().dataSource(), config.nodeId(), clock);
        c.on("acl.revoke", ws::evictFromRoom);
        c.on(AdminRoutes.DISCONNECT, (connectionId, admin) -> ws.disconnect(connectionId, admin));
        c.on(AdminRoutes.REDELIVER, (connectionId, detail) -> AdminRoutes.applyRedeliver(ws, connectionId, detail));
        c.on(FaultRoutes.INJECT, (target, detail) -> FaultRoutes.applyCommand(faults, detail));
        c.on(FaultRoutes.CLEAR, (faultId, detail) -> faults.clear(faultId));
        acl.addRevokeListener((room, userId) -> {
            try {
                // The revoke answers once every live node has evicted the user: nothing published after
                // the answer reaches the user's connections, whatever node holds them.
                long id = c.issue("acl.revoke", room, userId);
                List<String> late = c.awaitApplied(id, REVOKE_CONFIRM);
                if (!late.isEmpty()) {
                    log.warn("cluster: revoke of {} from {}: nodes {} did not confirm the eviction within {} ms; they"
                            + " apply it when they read the command", userId, room, late, REVOKE_CONFIRM.toMillis());
                }
            } catch (SQLException e) {
                throw EventLogException.unavailable("revoked here, but the other nodes could not be told: "
                        + e.getMessage() + "; revoke again", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            c.start(config.cluster().logPoll());
        } catch (SQLException e) {
            throw EventLogException.unavailable("cannot read the cluster's commands: " + e.getMessage(), e);
        }
        return c;
    }

    /** Admin actions this node cannot do alone, to the other nodes through the shared database's commands. */
    private ClusterForward forward() {
        if (commands == null) {
            return ClusterForward.NONE;
        }
        return new ClusterForward() {
            @Override
            public Optional<String> toHome(String kind, String connectionId, String detail) throws SQLException {
                Optional<String> home = new ConnectionHomes(eventLog.database().dataSource()).nodeOf(connectionId);
                if (home.isEmpty() || home.get().equals(config.nodeId())) {
                    return Optional.empty();
                }
                commands.issue(kind, connectionId, detail);
                return home;
            }

            @Override
            public boolean toAll(String kind, String target, String detail) throws SQLException {
                commands.issue(kind, target, detail);
                return true;
            }
        };
    }

    private NodeRegistry startRegistry(Clock clock) {
        String host = config.httpHost().equals("0.0.0.0") || config.httpHost().equals("::") ? hostName() : config.httpHost();
        return new NodeRegistry(eventLog.database().dataSource(), eventLog.database().shared(), clock, config.nodeId(),
                httpUrl(host), advertisedWsUrl(host), version(), this::state, ws::connections);
    }

    /**
     * With Redis, presence is cluster-wide: changes travel over it, and a dead node's members leave
     * when the registry says it is dead (docs/cluster.md, "Presence").
     */
    private PresenceBridge startPresence() {
        if (!(bus instanceof SequencedBus sb) || sb.carrier() == null) {
            return null;
        }
        PresenceBridge bridge = new PresenceBridge(ws.clusterPresence(), sb.carrier(), registry.startedAt());
        registry.watch(bridge::nodes);
        metrics.gauge("switchboard_cluster_presence_remote_members", "Other nodes' members of rooms, as this node"
                + " holds them for presence.", ws.clusterPresence()::remoteMembers);
        metrics.gauge("switchboard_cluster_presence_dropped", "Presence changes not sent to the other nodes because"
                + " Redis fell behind (a full list was sent instead), since start.", bridge::dropped);
        return bridge;
    }

    /** ready, draining, degraded, or not_ready, as the node registry reports it. */
    private String state() {
        if (draining.get()) {
            return "draining";
        }
        if (!notReadyReasons().isEmpty()) {
            return "not_ready";
        }
        return degradedReasons().isEmpty() ? "ready" : "degraded";
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /** How this node learns of the other nodes' commits, for alerting on a Redis outage. */
    private void registerClusterGauges(SequencedBus sb) {
        metrics.gauge("switchboard_cluster_log_read_events", "Events this node read back from the shared event log"
                + " (other nodes' commits that Redis did not bring, or all of them without Redis), since start.",
                sb::readFromLog);
        RedisCarrier carrier = sb.carrier();
        if (carrier != null) {
            metrics.gauge("switchboard_cluster_redis_batches_sent", "Committed batches sent to Redis since start.", carrier::sent);
            metrics.gauge("switchboard_cluster_redis_batches_received", "Other nodes' batches received from Redis since start.",
                    carrier::received);
            metrics.gauge("switchboard_cluster_redis_forged_messages", "Messages on the cluster's Redis channel dropped for"
                    + " a signature that does not check (published by something other than a node of this cluster).",
                    carrier::forged);
            metrics.gauge("switchboard_cluster_redis_batches_unsent", "Committed batches not sent because Redis was away"
                    + " (the other nodes read them from the log).", carrier::unsent);
        }
    }

    /**
     * The event log's health and room, as gauges for alerting: readiness alone cannot tell a drain from a
     * broken store, and a queue depth means little without the capacity it fills up to.
     */
    private void registerStoreGauges() {
        metrics.gauge("switchboard_eventlog_healthy", "1 while the event log's last write succeeded and the store answers.",
                () -> eventLog.healthy() ? 1 : 0);
        metrics.gauge("switchboard_eventlog_queue_capacity", "Publishes that may wait for the writer before 503 overloaded"
                + " (log.queue-capacity).", config::logQueueCapacity);
        if (config.dbUrl() == null) {
            // Only the embedded H2 log lives in data.dir; a PostgreSQL log fills its own server's disk.
            DataDiskGauges.register(metrics, config.dataDir());
        }
    }

    /** Reads the certificate before anything else starts: a bad one stops start-up with the file's name. */
    private static ReloadingSslContext startTls(GatewayConfig config) throws IOException {
        if (!config.tls().enabled()) {
            return null;
        }
        try {
            return ReloadingSslContext.start(config.tls());
        } catch (TlsException e) {
            throw new IOException("TLS: " + e.getMessage(), e);
        }
    }

    private void closeTls() {
        if (tls != null) {
            tls.close();
        }
    }

    public static GatewayNode start(GatewayConfig config, Clock clock) throws IOException {
        GatewayNode gateway = new GatewayNode(config, clock);
        try {
            gateway.ws.start();
            gateway.api.start();
        } catch (IOException | RuntimeException e) {
            gateway.api.close();
            gateway.ws.close();
            gateway.bus.close();
            if (gateway.commands != null) {
                gateway.commands.close();
            }
            gateway.faults.close();
            gateway.eventLog.close();
            gateway.closeTls();
            throw e;
        }
        gateway.registry = gateway.startRegistry(clock);
        gateway.presence = gateway.startPresence();
        log.info("switchboard {} started: {} (http port {})", version(), config.describe(), gateway.httpPort());
        return gateway;
    }

    public int httpPort() {
        return api.port();
    }

    /** The HTTP API's base URL on {@code host}: {@code https} whenever TLS is on. */
    public String httpUrl(String host) {
        return (tls != null ? "https" : "http") + "://" + host + ":" + httpPort();
    }

    /** The WebSocket listener's port (the bound one when configured as 0). */
    public int wsPort() {
        return ws.port();
    }

    /** The listeners' certificate holder while TLS is on ({@code tls.*} keys); empty for plain HTTP and WebSocket. */
    public Optional<ReloadingSslContext> tls() {
        return Optional.ofNullable(tls);
    }

    public TraceRecorder trace() {
        return trace;
    }

    public WebSocketGateway webSockets() {
        return ws;
    }

    /** How committed events reach this node's sockets: the local bus, or a shared log's {@link SequencedBus}. */
    public EventBus bus() {
        return bus;
    }

    public GatewayConfig config() {
        return config;
    }

    public EventLog eventLog() {
        return eventLog;
    }

    public AclStore acl() {
        return acl;
    }

    public Metrics metrics() {
        return metrics;
    }

    public boolean draining() {
        return draining.get();
    }

    /** What works less well than it should while the node serves: Redis configured but not carrying commits. */
    List<String> degradedReasons() {
        return bus instanceof SequencedBus sb && sb.degraded()
                ? List.of("redis unavailable: other nodes' events come from the event log (cluster.log-poll)") : List.of();
    }

    List<String> notReadyReasons() {
        List<String> reasons = new ArrayList<>();
        if (draining.get()) {
            reasons.add("draining");
        }
        if (!eventLog.healthy()) {
            reasons.add("event log unreachable");
        }
        return reasons;
    }

    private String advertisedWsUrl(String hostHeader) {
        if (config.wsPublicUrl() != null) {
            return config.wsPublicUrl();
        }
        String host = config.httpHost();
        if (host.equals("0.0.0.0") || host.equals("::")) {
            host = hostHeader == null ? "localhost" : hostHeader.replaceFirst(":\\d+$", "");
        }
        return (tls != null ? "wss://" : "ws://") + host + ":" + wsPort() + "/ws";
    }

    /** Publishes are refused while the WebSocket side cannot deliver fast enough (see WebSocketGateway). */
    private boolean deliveryOverloaded() {
        WebSocketGateway w = ws;
        return w != null && w.deliveryOverloaded();
    }

    public static String version() {
        String v = GatewayNode.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /**
     * Drains the WebSocket side (PROTOCOL.md §4): readiness goes false (load balancers stop sending),
     * new connections are refused, clients are told to reconnect elsewhere and, after
     * {@code drain.grace}, the rest are closed with 1012. The HTTP API keeps serving meanwhile.
     */
    public void drain() {
        draining.set(true);
        ws.drain();
    }

    /**
     * Stops the node: drains, then the HTTP listener stops taking requests and lets the ones in flight
     * finish, then the event log commits what is queued and closes.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        log.info("switchboard stopping: draining");
        drain();
        api.stop(1);
        ws.close();
        if (presence != null) {
            presence.close(); // after the sockets: their leaves are sent first
        }
        bus.close(); // after the sockets: the fanout stops after what it holds
        if (registry != null) {
            registry.close();
        }
        if (commands != null) {
            commands.close();
        }
        faults.close();
        trace.close();
        eventLog.close();
        closeTls();
        metrics.close();
        log.info("switchboard stopped");
    }
}
