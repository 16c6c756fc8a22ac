package dev.switchboard.bench;

import java.net.InetSocketAddress;
import java.util.regex.Pattern;

/**
 * A peer that is a plain broadcaster in a process of its own (the bare Java-WebSocket one, the Node
 * ones): it prints {@code ready ws=PORT}, takes publishes over its WebSocket and is stopped with its
 * process. Subclasses only say how to start it and what it is.
 */
abstract class BroadcasterPeer implements Peer {
    static final Pattern READY = Pattern.compile("ready ws=(\\d+)");

    private final String name;
    private final PeerProcess process;
    private final int port;
    private final PeerDialect dialect;
    private final boolean jvm;

    BroadcasterPeer(String name, PeerProcess process, PeerDialect dialect, boolean jvm) {
        this.name = name;
        this.process = process;
        this.port = Integer.parseInt(process.ready.group(1));
        this.dialect = dialect;
        this.jvm = jvm;
    }

    /** The process the peer runs in (its log is named in {@link #setup}). */
    final PeerProcess process() {
        return process;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final long pid() {
        return process.pid();
    }

    @Override
    public final InetSocketAddress webSocket() {
        return new InetSocketAddress("127.0.0.1", port);
    }

    @Override
    public final PeerDialect dialect() {
        return dialect;
    }

    @Override
    public final PublishPath publisher(int inFlight, int resources) throws Exception {
        return new WebSocketPublishPath(webSocket(), dialect, inFlight, resources);
    }

    @Override
    public final boolean jvm() {
        return jvm;
    }

    @Override
    public final void close() throws InterruptedException {
        process.close();
    }
}
