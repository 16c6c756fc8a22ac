package dev.switchboard.gateway;

import dev.switchboard.config.WebSocketLimits;
import dev.switchboard.tls.ReloadingSslContext;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketAdapter;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.WebSocketServerFactory;
import org.java_websocket.drafts.Draft;
import org.java_websocket.enums.ReadyState;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The WebSocket port ({@code GET /ws}, {@code GET /admin/ws}) on the Java-WebSocket library: the
 * library's callbacks, each handed to the part that owns it: the upgrade to {@link Handshakes}, an
 * opened or closed connection to {@link SessionLifecycle}, frames to {@link FrameIntake}. It also
 * wraps each accepted socket ({@link CountingChannel}) and holds the socket count to
 * {@code ws.max-connections}.
 *
 * <p>Threads: one selector thread does all socket I/O; the library's decoder threads (two) parse
 * frames and make these callbacks, each connection always on the same one. Nothing here blocks a
 * socket thread on disk or network.
 */
final class GatewaySocketServer extends WebSocketServer {
    private static final Logger log = LoggerFactory.getLogger(GatewaySocketServer.class);

    private final WebSocketLimits limits;
    private final Handshakes handshakes;
    private final SessionLifecycle lifecycle;
    private final FrameIntake intake;
    private final GatewayMetrics metrics;
    private final ScheduledExecutorService timers;
    private final ScheduledExecutorService lingering;
    private final SocketSlots slots;
    /** Null for plain WebSocket; otherwise asked for a fresh engine per connection, so reloads apply. */
    private final ReloadingSslContext tls;
    private final CountDownLatch started = new CountDownLatch(1);
    private volatile Exception startFailure;

    GatewaySocketServer(InetSocketAddress address, WebSocketLimits limits, Handshakes handshakes, SessionLifecycle lifecycle,
                        FrameIntake intake, GatewayMetrics metrics, ScheduledExecutorService timers,
                        ScheduledExecutorService lingering, ReloadingSslContext tls) {
        super(address, 2, List.of(new GatewayDraft(limits.maxFrameBytes())));
        this.limits = limits;
        this.handshakes = handshakes;
        this.lifecycle = lifecycle;
        this.intake = intake;
        this.metrics = metrics;
        this.timers = timers;
        this.lingering = lingering;
        this.tls = tls;
        this.slots = new SocketSlots(limits.maxConnections());
        setConnectionLostTimeout(0); // Heartbeats does this, with the configured interval and a count
        setReuseAddr(true);
        setMaxPendingConnections(1024); // the library's 50 overflows under a reconnect storm
        setTcpNoDelay(true);
        setDaemon(true);
        setWebSocketFactory(new CountingFactory());
    }

    /**
     * Connections whose socket (or TLS over it) is wrapped in a {@link CountingChannel}; each gets a
     * deadline for its upgrade, TLS handshake included, because the library would otherwise keep a
     * silent TCP connection forever.
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

        /**
         * Past {@code ws.max-connections} the socket is closed here, right after its accept: the
         * library closes it when this throws, and no connection object stays behind.
         */
        @Override
        public ByteChannel wrapChannel(SocketChannel channel, SelectionKey key) throws IOException {
            if (!slots.tryTake()) {
                metrics.refused("max_connections");
                throw new IOException("ws.max-connections (" + limits.maxConnections() + ") sockets are open");
            }
            WebSocketImpl connection = (WebSocketImpl) key.attachment();
            timers.schedule(() -> {
                if (connection.getReadyState() == ReadyState.NOT_YET_CONNECTED) {
                    metrics.refused("handshake_timeout");
                    connection.closeConnection(CloseFrame.NEVER_CONNECTED, "no upgrade within ws.handshake-timeout");
                }
            }, limits.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS);
            Wire wire = tls == null ? Wire.plain(channel)
                    : new TlsWire(channel, tls.newServerEngine(), key, () -> metrics.refused("tls_handshake"));
            return new CountingChannel(channel, wire, connection, lingering, new UpgradeHead(limits.maxHandshakeBytes()),
                    () -> {
                        metrics.refused("handshake_too_large");
                        log.info("upgrade refused from {}: head over ws.max-handshake-bytes", channel.socket()
                                .getRemoteSocketAddress());
                    }, slots::giveBack);
        }

        @Override
        public void close() {
        }
    }

    /** Starts the selector and waits until the port is bound. */
    void startAndWait() throws IOException {
        start();
        try {
            if (!started.await(10, TimeUnit.SECONDS) && startFailure == null) {
                throw new IOException("the WebSocket listener did not start within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting the WebSocket listener");
        }
        if (startFailure != null) {
            throw new IOException(startFailure.getMessage(), startFailure);
        }
    }

    /** TCP connections open on the WebSocket port, upgraded or not. */
    int openSockets() {
        return slots.open();
    }

    @Override
    public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(WebSocket conn, Draft draft, ClientHandshake request) {
        return handshakes.admit(conn, request);
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        lifecycle.opened(conn);
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        lifecycle.closed(conn, code, reason, remote);
    }

    @Override
    public void onCloseInitiated(WebSocket conn, int code, String reason) {
        lifecycle.closeInitiated(conn, code);
    }

    @Override
    public void onMessage(WebSocket conn, String text) {
        intake.text(conn, text);
    }

    @Override
    public void onMessage(WebSocket conn, ByteBuffer message) {
        intake.binary(conn);
    }

    @Override
    public void onWebsocketPing(WebSocket conn, Framedata f) {
        intake.ping(conn, f);
    }

    @Override
    public void onWebsocketPong(WebSocket conn, Framedata f) {
        intake.pong(conn);
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
        Thread.currentThread().setName("ws-selector"); // the library leaves it "Thread-N": name it for profiles and dumps
        started.countDown();
    }
}
