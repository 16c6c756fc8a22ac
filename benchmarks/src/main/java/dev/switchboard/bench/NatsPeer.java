package dev.switchboard.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A nats-server of its own (never the machine's system one) with JetStream on a file store in a fresh
 * folder and a plain WebSocket listener, both on free loopback ports. Subscribers take core
 * subscriptions on the stream's room subjects over WebSocket; publishers use JetStream and wait for each PubAck.
 */
final class NatsPeer implements Peer {
    private static final Pattern READY = Pattern.compile("Server is ready");
    private final PeerProcess process;
    private final int clientPort;
    private final int wsPort;
    private final NatsDialect dialect = new NatsDialect();

    NatsPeer(String binary) throws Exception {
        Path dir = Files.createTempDirectory("nats-peer");
        this.clientPort = freePort();
        this.wsPort = freePort();
        Path config = dir.resolve("nats.conf");
        Files.writeString(config, "listen: \"127.0.0.1:" + clientPort + "\"\n"
                + "jetstream {\n  store_dir: \"" + dir.resolve("jetstream") + "\"\n}\n"
                + "websocket {\n  listen: \"127.0.0.1:" + wsPort + "\"\n  no_tls: true\n}\n");
        this.process = PeerProcess.start(List.of(binary, "-c", config.toString()), dir, READY, dir.resolve("nats.log"));
    }

    /** Whether {@code binary} can be run. */
    static boolean available(String binary) {
        return Files.isExecutable(Path.of(binary));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public String name() {
        return "NATS JetStream";
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public InetSocketAddress webSocket() {
        return new InetSocketAddress("127.0.0.1", wsPort);
    }

    @Override
    public PeerDialect dialect() {
        return dialect;
    }

    @Override
    public PublishPath publisher(int inFlight, int resources) throws Exception {
        return new JetStreamPublishPath(clientPort, inFlight, resources);
    }

    @Override
    public boolean jvm() {
        return false;
    }

    @Override
    public String setup() {
        return "jnats JetStream publishes (file store, default sync), each waiting for its PubAck; subscribers hold core"
                + " subscriptions on the stream's subjects room.<room> over WebSocket";
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
