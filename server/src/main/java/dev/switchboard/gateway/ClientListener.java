package dev.switchboard.gateway;

import dev.switchboard.auth.AuthException;
import dev.switchboard.auth.Principal;
import dev.switchboard.auth.TokenVerifier;
import dev.switchboard.config.WebSocketLimits;
import dev.switchboard.model.protocol.ClientFrame;
import dev.switchboard.model.protocol.CloseCodes;
import dev.switchboard.model.protocol.ErrorCode;
import dev.switchboard.model.protocol.FrameCodec;
import dev.switchboard.model.protocol.FrameDecodeException;
import dev.switchboard.model.protocol.ServerFrame;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketAdapter;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.WebSocketServerFactory;
import org.java_websocket.drafts.Draft;
import org.java_websocket.enums.ReadyState;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.HandshakeImpl1Server;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/**
 * The WebSocket listener ({@code GET /ws}) on the Java-WebSocket library: handshake authentication,
 * connection limits, and turning frames into requests.
 *
 * <p>Threads: one selector thread does all socket I/O; the library's decoder threads (two) parse
 * frames and call {@link #onMessage}, each connection always on the same one, which checks rates and
 * decodes; requests then run on the request pool, in order per connection, because a join reads the
 * database. Nothing here blocks a socket thread on disk or network.
 */
final class ClientListener extends WebSocketServer implements SessionHost {
    private static final Logger log = LoggerFactory.getLogger(ClientListener.class);
    private static final Pattern DEVICE = Pattern.compile("[\\x21-\\x7e]{1,128}");
    private static final Pattern APP = Pattern.compile("[\\x20-\\x7e]{0,64}");

    private final String node;
    private final long heartbeatMs;
    private final TokenVerifier verifier;
    private final WebSocketLimits limits;
    private final SessionRegistry sessions;
    private final Membership membership;
    private final GatewayMetrics metrics;
    private final DeliveryTrace trace;
    private final ExecutorService requestPool;
    private final ScheduledExecutorService timers;
    private final ScheduledExecutorService lingering;
    private final BooleanSupplier draining;
    private final Faults faults;
    private final AdminStream adminStream;
    private final ConnectionCounts counts;
    private final java.util.function.Supplier<com.fasterxml.jackson.databind.node.ObjectNode> adminSnapshot;
    private final CountDownLatch started = new CountDownLatch(1);
    private volatile Exception startFailure;

    /** An admin console's upgrade to /admin/ws, kept on the connection until it opens. */
    private record ConsoleAdmission(Principal principal) {
    }

    /** What the handshake learned, kept on the connection until it opens. */
    private record Admission(Principal principal, String deviceId, String appVersion) {
    }

    ClientListener(InetSocketAddress address, String node, long heartbeatMs, TokenVerifier verifier, WebSocketLimits limits,
                   SessionRegistry sessions, Membership membership, GatewayMetrics metrics, DeliveryTrace trace,
                   ExecutorService requestPool,
                   ScheduledExecutorService timers, ScheduledExecutorService lingering, BooleanSupplier draining,
                   Faults faults, AdminStream adminStream,
                   java.util.function.Supplier<com.fasterxml.jackson.databind.node.ObjectNode> adminSnapshot,
                   ConnectionCounts counts) {
        super(address, 2, List.of(new GatewayDraft(limits.maxFrameBytes())));
        this.node = node;
        this.heartbeatMs = heartbeatMs;
        this.verifier = verifier;
        this.limits = limits;
        this.sessions = sessions;
        this.membership = membership;
        this.metrics = metrics;
        this.trace = trace;
        this.requestPool = requestPool;
        this.timers = timers;
        this.lingering = lingering;
        this.faults = faults;
        this.adminStream = adminStream;
        this.counts = counts;
        this.adminSnapshot = adminSnapshot;
        this.draining = draining;
        setConnectionLostTimeout(0); // Heartbeats does this, with the configured interval and a count
        setReuseAddr(true);
        setMaxPendingConnections(1024); // the library's 50 overflows under a reconnect storm
        setTcpNoDelay(true);
        setDaemon(true);
        setWebSocketFactory(new CountingFactory());
    }

    /**
     * Plain connections whose socket is wrapped in a {@link CountingChannel}; each gets a deadline for
     * its upgrade, because the library would otherwise keep a silent TCP connection forever.
     */
    private final class CountingFactory implements WebSocketServerFactory {
        @Override
        public WebSocketImpl createWebSocket(WebSocketAdapter a, Draft d) {
            return new WebSocketImpl(a, d);
        }

        @Override
        public WebSocketImpl createWebSocket(WebSocketAdapter a, List<Draft> drafts) {
            return new WebSocketImpl(a, drafts);
        }

        @Override
        public ByteChannel wrapChannel(SocketChannel channel, SelectionKey key) {
            WebSocketImpl connection = (WebSocketImpl) key.attachment();
            timers.schedule(() -> {
                if (connection.getReadyState() == ReadyState.NOT_YET_CONNECTED) {
                    metrics.refused("handshake_timeout");
                    connection.closeConnection(CloseFrame.NEVER_CONNECTED, "no upgrade within ws.handshake-timeout");
                }
            }, limits.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return new CountingChannel(channel, connection, lingering);
        }

        @Override
        public void close() {
        }
    }

    /** Starts the selector and waits until the port is bound. */
    void startAndWait() throws java.io.IOException {
        start();
        try {
            if (!started.await(10, TimeUnit.SECONDS) && startFailure == null) {
                throw new java.io.IOException("the WebSocket listener did not start within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.IOException("interrupted while starting the WebSocket listener");
        }
        if (startFailure != null) {
            throw new java.io.IOException(startFailure.getMessage(), startFailure);
        }
    }

    // ---- handshake ----------------------------------------------------------------------------

    @Override
    public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(WebSocket conn, Draft draft, ClientHandshake request) {
        String resource = request.getResourceDescriptor();
        int q = resource.indexOf('?');
        String path = q < 0 ? resource : resource.substring(0, q);
        Map<String, String> query = query(q < 0 ? "" : resource.substring(q + 1));
        if (path.equals("/admin/ws")) {
            return consoleHandshake(conn, request, query);
        }
        if (!path.equals("/ws")) {
            return refuse(conn, new HandshakeRefusal(404, "Not Found", "not_found", "no WebSocket endpoint at " + path), "not_found");
        }
        if (draining.getAsBoolean()) {
            return refuse(conn, new HandshakeRefusal(503, "Service Unavailable", "draining",
                    "this node is draining; connect to another node"), "draining");
        }
        Principal principal;
        try {
            principal = authenticate(request, query);
        } catch (AuthException e) {
            return refuse(conn, new HandshakeRefusal(401, "Unauthorized", "unauthorized", e.getMessage()), "unauthorized");
        }
        // PROTOCOL.md §1: the token's device claim wins, then ?device=, else a generated id.
        String device = principal.deviceId();
        if (device == null || device.isEmpty()) {
            device = query.get("device");
        }
        if (device == null || device.isEmpty()) {
            device = "d-" + Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36);
        }
        String app = query.getOrDefault("app", "");
        if (!DEVICE.matcher(device).matches() || !APP.matcher(app).matches()) {
            return refuse(conn, new HandshakeRefusal(400, "Bad Request", "bad_request",
                    "device must be 1-128 printable ASCII characters and app at most 64"), "bad_request");
        }
        conn.setAttachment(new Admission(principal, device, app));
        return new HandshakeImpl1Server();
    }

    /** The token of an upgrade, from {@code Authorization: Bearer} or {@code ?token=}, verified. */
    private Principal authenticate(ClientHandshake request, Map<String, String> query) throws AuthException {
        String token = TokenVerifier.bearer(request.getFieldValue("Authorization"));
        if (token == null) {
            token = query.get("token");
        }
        if (token == null || token.isEmpty()) {
            throw new AuthException("missing token: send Authorization: Bearer <token> or ?token=");
        }
        return verifier.verify(token);
    }

    private ServerHandshakeBuilder consoleHandshake(WebSocket conn, ClientHandshake request, Map<String, String> query) {
        Principal principal;
        try {
            principal = authenticate(request, query);
        } catch (AuthException e) {
            return refuse(conn, new HandshakeRefusal(401, "Unauthorized", "unauthorized", e.getMessage()), "unauthorized");
        }
        if (!principal.role().mayAdminister()) {
            return refuse(conn, new HandshakeRefusal(403, "Forbidden", "forbidden", "the admin stream needs an admin token"),
                    "forbidden");
        }
        conn.setAttachment(new ConsoleAdmission(principal));
        return new HandshakeImpl1Server();
    }

    private HandshakeRefusal refuse(WebSocket conn, HandshakeRefusal refusal, String reason) {
        metrics.refused(reason);
        log.info("handshake refused from {}: {}", conn.getRemoteSocketAddress(), refusal);
        conn.setAttachment(refusal);
        return refusal;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new HashMap<>();
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                params.putIfAbsent(k, v);
            } catch (IllegalArgumentException e) {
                // a malformed escape: the parameter is ignored (and a missing token refuses the upgrade)
            }
        }
        return params;
    }

    // ---- connection lifecycle -----------------------------------------------------------------

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        Object attachment = conn.getAttachment();
        if (attachment instanceof HandshakeRefusal refusal) {
            ((WebSocketImpl) conn).flushAndClose(CloseFrame.POLICY_VALIDATION, refusal.message, false);
            return;
        }
        if (attachment instanceof ConsoleAdmission console) {
            adminStream.open((WebSocketImpl) conn, console.principal().userId(), adminSnapshot.get());
            return;
        }
        Admission a = (Admission) attachment;
        InetSocketAddress remote = conn.getRemoteSocketAddress();
        String ip = remote == null ? "unknown" : remote.getAddress().getHostAddress();
        Session s = new Session(newConnectionId(), a.principal(), a.deviceId(), a.appVersion(), ip,
                (WebSocketImpl) conn, this);
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
        metrics.opened.inc();
        counts.opened(s);
        trace.opened(s);
        adminStream.publish("connections", () -> {
            com.fasterxml.jackson.databind.node.ObjectNode d = dev.switchboard.model.json.Json.object();
            d.put("kind", "connection.opened");
            d.put("connectionId", s.id);
            d.put("userId", s.userId());
            d.put("deviceId", s.deviceId);
            d.put("appVersion", s.appVersion);
            d.put("remoteIp", s.remoteIp);
            return d;
        });
        s.send(new ServerFrame.Welcome(s.id, s.userId(), s.deviceId, node, heartbeatMs, FrameCodec.PROTOCOL_VERSION));
        membership.joinOwnRoom(s);
        faults.connected(s);
        Instant expires = s.principal.expiresAt();
        if (expires != null) {
            long delay = Math.max(0, expires.toEpochMilli() - System.currentTimeMillis());
            s.expiry = timers.schedule(() -> {
                log.info("token expired: closing connection {} of user {}", s.id, s.userId());
                s.close(CloseCodes.UNAUTHORIZED, "token expired");
            }, delay, TimeUnit.MILLISECONDS);
        }
        log.info("connected: connection {} user {} device {} app {} from {}", s.id, s.userId(), s.deviceId,
                s.appVersion, ip);
        if (draining.getAsBoolean()) {
            s.send(new ServerFrame.Draining(0, "shutdown"));
        }
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
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
            adminStream.publish("connections", () -> {
                com.fasterxml.jackson.databind.node.ObjectNode d = dev.switchboard.model.json.Json.object();
                d.put("kind", "connection.closed");
                d.put("connectionId", s.id);
                d.put("userId", s.userId());
                d.put("deviceId", s.deviceId);
                d.put("code", finalCode);
                d.put("reason", reason);
                return d;
            });
            log.info("disconnected: connection {} user {} device {} code {} reason \"{}\" by {}", s.id, s.userId(),
                    s.deviceId, sent != 0 ? sent : code, reason, sent != 0 ? "server" : remote ? "client" : "server");
        }
    }

    /** The library closes by itself too (1009 for an oversized message); remember the code it sent. */
    @Override
    public void onCloseInitiated(WebSocket conn, int code, String reason) {
        if (conn.getAttachment() instanceof Session s) {
            s.closeInitiated(code);
        }
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
        if (conn == null && started.getCount() > 0) {
            startFailure = ex;
            started.countDown();
            return;
        }
        Object a = conn == null ? null : conn.getAttachment();
        log.warn("WebSocket error on {}: {}", a instanceof Session s ? s.id : conn, ex.toString());
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    // ---- frames -------------------------------------------------------------------------------

    @Override
    public void onMessage(WebSocket conn, String text) {
        if (conn.getAttachment() instanceof AdminStream.Console console) {
            consoleMessage(console, text);
            return;
        }
        if (!(conn.getAttachment() instanceof Session s)) {
            return;
        }
        s.lastHeardNanos = System.nanoTime();
        boolean withinRate = s.messageBudget.tryTake();
        if (!withinRate && s.rateRefusals.recordAndExceeded()) {
            metrics.limit("message_rate");
            log.info("message rate: closing connection {} of user {}", s.id, s.userId());
            s.close(CloseCodes.LIMIT_EXCEEDED, "message rate exceeded");
            return;
        }
        ClientFrame frame;
        try {
            frame = FrameCodec.decodeClient(text);
        } catch (FrameDecodeException e) {
            if (withinRate) {
                badFrame(s, e.ref(), e.code().wire(), e.getMessage());
            } else {
                rateLimited(s, e.ref());
            }
            return;
        }
        if (!withinRate) {
            // Decoded anyway, so the answer carries the request's ref and the client knows which one was dropped.
            rateLimited(s, ref(frame));
            return;
        }
        if (frame instanceof ClientFrame.PresenceUpdate && !s.presenceBudget.tryTake()) {
            metrics.limit("presence_rate");
            error(s, null, ErrorCode.RATE_LIMITED.wire(), "more than " + limits.presencePerSecond()
                    + " presence updates per second; this update was dropped");
            return;
        }
        s.requests.execute(() -> handle(s, frame));
    }

    private void consoleMessage(AdminStream.Console console, String text) {
        com.fasterxml.jackson.databind.JsonNode frame;
        try {
            frame = dev.switchboard.model.json.Json.parse(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            frame = null;
        }
        String op = frame == null ? "" : frame.path("op").asText();
        if (op.equals("subscribe")) {
            adminStream.subscribe(console, frame);
        } else if (op.equals("ping")) {
            console.connection.send(FrameCodec.encode(new ServerFrame.Pong(frame.get("ref"))));
        } else {
            console.connection.send(FrameCodec.encode(new ServerFrame.Error(frame == null ? null : frame.get("ref"),
                    frame == null ? ErrorCode.BAD_REQUEST.wire() : ErrorCode.UNKNOWN_OP.wire(),
                    "the admin stream understands subscribe and ping")));
        }
    }

    @Override
    public void onMessage(WebSocket conn, ByteBuffer message) {
        if (conn.getAttachment() instanceof Session s) {
            s.lastHeardNanos = System.nanoTime();
            badFrame(s, null, ErrorCode.BAD_REQUEST.wire(), "binary frames are not part of the protocol; send JSON text frames");
        }
    }

    private void rateLimited(Session s, com.fasterxml.jackson.databind.JsonNode ref) {
        metrics.limit("message_rate");
        error(s, ref, ErrorCode.RATE_LIMITED.wire(), "more than " + limits.messagesPerSecond()
                + " frames per second; this frame was dropped");
    }

    private static com.fasterxml.jackson.databind.JsonNode ref(ClientFrame frame) {
        if (frame instanceof ClientFrame.Join j) {
            return j.ref();
        } else if (frame instanceof ClientFrame.Leave l) {
            return l.ref();
        } else if (frame instanceof ClientFrame.Ping p) {
            return p.ref();
        }
        return null;
    }

    private void handle(Session s, ClientFrame frame) {
        if (frame instanceof ClientFrame.Join j) {
            membership.join(s, j);
        } else if (frame instanceof ClientFrame.Leave l) {
            membership.leave(s, l);
        } else if (frame instanceof ClientFrame.Ack a) {
            membership.ack(s, a);
        } else if (frame instanceof ClientFrame.PresenceUpdate p) {
            membership.presence(s, p);
        } else if (frame instanceof ClientFrame.Ping p) {
            s.send(new ServerFrame.Pong(p.ref()));
        }
    }

    private void badFrame(Session s, com.fasterxml.jackson.databind.JsonNode ref, String code, String message) {
        error(s, ref, code, message);
        if (s.badFrames.recordAndExceeded()) {
            metrics.limit("bad_frames");
            log.info("protocol abuse: closing connection {} of user {} after {} bad frames in a minute", s.id,
                    s.userId(), limits.badFramesPerMinute());
            s.close(CloseCodes.PROTOCOL_ABUSE, "too many bad frames");
        }
    }

    private void error(Session s, com.fasterxml.jackson.databind.JsonNode ref, String code, String message) {
        membership.error(s, ref, code, message);
    }

    @Override
    public void onWebsocketPong(WebSocket conn, Framedata f) {
        if (conn.getAttachment() instanceof Session s) {
            s.lastHeardNanos = System.nanoTime();
        }
    }

    @Override
    public void onWebsocketPing(WebSocket conn, Framedata f) {
        if (conn.getAttachment() instanceof Session s) {
            // the pong the library sends: a 2-byte header (server frames are unmasked, control payloads <= 125)
            s.countWrittenByLibrary(2L + f.getPayloadData().remaining());
            s.lastHeardNanos = System.nanoTime();
        }
        super.onWebsocketPing(conn, f);
    }

    // ---- SessionHost --------------------------------------------------------------------------

    @Override
    public WebSocketLimits limits() {
        return limits;
    }

    @Override
    public java.util.concurrent.Executor requestPool() {
        return requestPool;
    }

    @Override
    public ScheduledExecutorService timers() {
        return timers;
    }

    @Override
    public void writeDemand(WebSocketImpl connection) {
        onWriteDemand(connection);
    }

    @Override
    public void slowConsumer(Session session) {
        metrics.limit("slow_consumer");
        failure(session, "slow_consumer", null, 0, false);
    }

    /** A delivery failure for the admin stream. */
    void failure(Session s, String reason, String room, long offset, boolean injected) {
        metrics.deliveryFailure(reason);
        adminStream.publish("failures", () -> {
            com.fasterxml.jackson.databind.node.ObjectNode d = dev.switchboard.model.json.Json.object();
            d.put("kind", "delivery.failed");
            d.put("reason", reason);
            d.put("injected", injected);
            d.put("connectionId", s.id);
            d.put("userId", s.userId());
            d.put("deviceId", s.deviceId);
            if (room != null) {
                d.put("room", room);
                d.put("offset", offset);
            }
            return d;
        });
    }

    @Override
    public void injected(Session session, Subscription sub, long offset, Fault fault) {
        metrics.injected(fault.kind.wire());
        if (fault.kind == Fault.Kind.DROP) {
            trace.dropped(sub, offset, "injected_drop", true);
            failure(session, "injected_drop", sub.room, offset, true);
            log.info("injected drop: connection {} room {} offset {} (fault {})", session.id, sub.room, offset, fault.id);
        }
    }

    @Override
    public void gapSeen(Subscription sub, long lastOffset, long offset) {
        metrics.gaps.inc();
        log.warn("fanout gap on connection {} room {}: offset {} after {}", sub.session.id, sub.room, offset, lastOffset);
    }

    private static String newConnectionId() {
        return "c" + Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36);
    }
}
