package dev.switchboard.gateway;

import dev.switchboard.model.admin.AdminDelta;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.config.WebSocketLimits;
import dev.switchboard.gateway.Handshakes.Admission;
import dev.switchboard.gateway.Handshakes.ConsoleAdmission;
import dev.switchboard.model.protocol.CloseCodes;
import dev.switchboard.model.protocol.FrameCodec;
import dev.switchboard.model.protocol.ServerFrame;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.framing.CloseFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Consumer;

/**
 * A connection's life after its upgrade: admission against the per-user and per-address limits, the
 * all-or-nothing setup (expiry timer, welcome, own room, hooks, counts), and what its close undoes.
 * Runs on the library's decoder thread of the connection (open, close) and hands anything that reads
 * the database to the connection's request queue.
 */
final class SessionLifecycle {
    private static final Logger log = LoggerFactory.getLogger(SessionLifecycle.class);

    /**
     * Runs last among the steps of a connection's setup. Nothing in production sets it: it is how a test
     * makes a setup fail, since every real step is made not to (a token whose sub is not a room id is
     * refused at the handshake), and the all-or-nothing rule must still hold if one ever does.
     */
    static volatile Consumer<Session> setupProbe = s -> { };

    private final String node;
    private final long heartbeatMs;
    private final WebSocketLimits limits;
    private final SessionRegistry sessions;
    private final Membership membership;
    private final GatewayMetrics metrics;
    private final DeliveryTrace trace;
    private final ScheduledExecutorService timers;
    private final BooleanSupplier draining;
    private final Consumer<Session> connected;
    private final AdminStream adminStream;
    private final Function<Boolean, ObjectNode> adminSnapshot;
    private final ConnectionCounts counts;
    private final SessionHost host;

    SessionLifecycle(String node, long heartbeatMs, WebSocketLimits limits, SessionRegistry sessions, Membership membership,
                     GatewayMetrics metrics, DeliveryTrace trace, ScheduledExecutorService timers, BooleanSupplier draining,
                     Consumer<Session> connected, AdminStream adminStream, Function<Boolean, ObjectNode> adminSnapshot,
                     ConnectionCounts counts, SessionHost host) {
        this.node = node;
        this.heartbeatMs = heartbeatMs;
        this.limits = limits;
        this.sessions = sessions;
        this.membership = membership;
        this.metrics = metrics;
        this.trace = trace;
        this.timers = timers;
        this.draining = draining;
        this.connected = connected;
        this.adminStream = adminStream;
        this.adminSnapshot = adminSnapshot;
        this.counts = counts;
        this.host = host;
    }

    /** The upgrade went through (or was refused, then the refusal is sent and the connection closed). */
    void opened(WebSocket conn) {
        Object attachment = conn.getAttachment();
        if (attachment instanceof HandshakeRefusal refusal) {
            ((WebSocketImpl) conn).flushAndClose(CloseFrame.POLICY_VALIDATION, refusal.message, false);
            return;
        }
        if (attachment instanceof ConsoleAdmission console) {
            try {
                adminStream.open((WebSocketImpl) conn, console.principal().userId(), adminSnapshot.apply(console.listsInSnapshot()));
            } catch (RuntimeException e) {
                // The library would log it and leave the connection open; a console that is not set up goes
                // (onClose forgets it, if it got as far as being registered).
                log.error("admin stream setup failed: closing it with 1011", e);
                conn.close(CloseFrame.UNEXPECTED_CONDITION, "admin stream setup failed");
            }
            return;
        }
        Admission a = (Admission) attachment;
        InetSocketAddress remote = conn.getRemoteSocketAddress();
        String ip = remote == null ? "unknown" : remote.getAddress().getHostAddress();
        Session s = new Session(newConnectionId(), a.principal(), a.deviceId(), a.appVersion(), ip,
                (WebSocketImpl) conn, host);
        conn.setAttachment(s);
        switch (sessions.admit(s, limits.connectionsPerUser(), limits.connectionsPerIp())) {
            case TOO_MANY_FOR_USER -> {
                metrics.limit("connections_per_user");
                log.info("connection refused: user {} already has {} connections", s.userId(), limits.connectionsPerUser());
                s.close(CloseCodes.LIMIT_EXCEEDED, "too many connections for this user");
                return;
            }
            case TOO_MANY_FOR_IP -> {
                metrics.limit("connections_per_ip");
                log.info("connection refused: {} already has {} connections", ip, limits.connectionsPerIp());
                s.close(CloseCodes.LIMIT_EXCEEDED, "too many connections from this address");
                return;
            }
            case ADMITTED -> {
            }
        }
        setUp(s, ip);
    }

    /**
     * Sets an admitted connection up, all or nothing: if any step throws, {@link #setupFailed} undoes what
     * the steps before it registered and closes the connection with 1011, so no connection lives on
     * half set up (without its expiry timer, say). The expiry timer comes first for that reason too.
     */
    private void setUp(Session s, String ip) {
        boolean counted = false;
        try {
            Instant expires = s.principal.expiresAt();
            if (expires != null) {
                long delay = Math.max(0, expires.toEpochMilli() - System.currentTimeMillis());
                s.expiry = timers.schedule(() -> {
                    ConnectionLog.about(log.atInfo(), s).log(
                            "token expired: closing connection {} of user {}", s.id, s.userId());
                    s.close(CloseCodes.UNAUTHORIZED, "token expired");
                }, delay, TimeUnit.MILLISECONDS);
            }
            trace.opened(s);
            // Counted before the welcome, so a client that has its welcome finds itself in /metrics.
            metrics.opened.inc();
            counts.opened(s);
            counted = true;
            s.send(new ServerFrame.Welcome(s.id, s.userId(), s.deviceId, node, heartbeatMs, FrameCodec.PROTOCOL_VERSION));
            membership.joinOwnRoom(s);
            connected.accept(s);
            setupProbe.accept(s);
            adminStream.publish(() -> new AdminDelta.ConnectionOpened("connections", System.currentTimeMillis(), s.id,
                    s.userId(), s.deviceId, s.appVersion, s.remoteIp));
            ConnectionLog.about(log.atInfo(), s).log(
                    "connected: connection {} user {} device {} app {} from {}", s.id, s.userId(), s.deviceId,
                    s.appVersion, ip);
            if (draining.getAsBoolean()) {
                s.send(new ServerFrame.Draining(0, "shutdown"));
            }
        } catch (RuntimeException e) {
            setupFailed(s, counted, e);
        }
    }

    /**
     * Undoes a failed setup here rather than in {@link #onClose}: the session leaves the registry first,
     * so onClose finds nothing left to undo, and what the setup registered (rooms, timer, counts) goes.
     */
    private void setupFailed(Session s, boolean counted, RuntimeException e) {
        log.error("connection setup failed: closing connection {} of user {} with 1011", s.id, s.userId(), e);
        metrics.limit("setup_failed");
        if (s.expiry != null) {
            s.expiry.cancel(false);
        }
        if (sessions.remove(s)) {
            if (counted) {
                counts.closed(s);
            }
            s.markClosed();
            s.requests.execute(() -> {
                membership.disconnected(s, "setup_failed");
                trace.closed(s, CloseFrame.UNEXPECTED_CONDITION, "setup failed");
            });
        }
        s.close(CloseFrame.UNEXPECTED_CONDITION, "connection setup failed");
    }

    void closed(WebSocket conn, int code, String reason, boolean remote) {
        if (conn.getAttachment() instanceof AdminStream.Console console) {
            adminStream.closed(console);
            return;
        }
        if (!(conn.getAttachment() instanceof Session s)) {
            return;
        }
        // The code the gateway sent, when it closed: the library reports 1006 if the client's socket shut
        // before the close handshake finished on this side, though the client did get the code.
        int sent = s.closeCodeSent();
        metrics.closed(sent != 0 ? sent : code);
        if (s.expiry != null) {
            s.expiry.cancel(false);
        }
        if (sessions.remove(s)) {
            counts.closed(s);
            s.markClosed();
            int finalCode = sent != 0 ? sent : code;
            // After any request of this connection still running, so a join in flight is undone too.
            s.requests.execute(() -> {
                membership.disconnected(s, reason != null && reason.startsWith("injected") ? "injected_cut" : "closed_" + finalCode);
                trace.closed(s, finalCode, reason);
            });
            adminStream.publish(() -> new AdminDelta.ConnectionClosed("connections", System.currentTimeMillis(), s.id,
                    s.userId(), s.deviceId, finalCode, reason));
            ConnectionLog.about(log.atInfo(), s).log(
                    "disconnected: connection {} user {} device {} code {} reason \"{}\" by {}", s.id, s.userId(),
                    s.deviceId, sent != 0 ? sent : code, reason, sent != 0 ? "server" : remote ? "client" : "server");
        }
    }

    /** The library closes by itself too (1009 for an oversized message); remember the code it sent. */
    void closeInitiated(WebSocket conn, int code) {
        if (conn.getAttachment() instanceof Session s) {
            s.closeInitiated(code);
        }
    }

    private static String newConnectionId() {
        return "c" + Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36);
    }
}
