package dev.switchboard.bench;

import java.io.File;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** {@link JavaWsBroadcaster} in a JVM of its own, started with this JVM's class path. */
final class JavaWsPeer implements Peer {
    private static final Pattern READY = Pattern.compile("ready ws=(\\d+)");
    private final PeerProcess process;
    private final int port;
    private final PlainDialect dialect = new PlainDialect();

    JavaWsPeer(String jvmOpts) throws Exception {
        Path dir = Files.createTempDirectory("javaws-peer");
        List<String> cmd = ServerProcess.javaCommand(0, jvmOpts);
        cmd.addAll(List.of("-cp", absoluteClassPath(), JavaWsBroadcaster.class.getName()));
        this.process = PeerProcess.start(cmd, dir, READY, dir.resolve("peer.log"));
        this.port = Integer.parseInt(process.ready.group(1));
    }

    /** This JVM's class path with absolute entries: the peer runs in a folder of its own. */
    private static String absoluteClassPath() {
        List<String> entries = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            entries.add(Path.of(e).toAbsolutePath().toString());
        }
        return String.join(File.pathSeparator, entries);
    }

    @Override
    public String name() {
        return "bare Java-WebSocket 1.6";
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public InetSocketAddress webSocket() {
        return new InetSocketAddress("127.0.0.1", port);
    }

    @Override
    public PeerDialect dialect() {
        return dialect;
    }

    @Override
    public PublishPath publisher(int inFlight, int resources) throws Exception {
        return new WebSocketPublishPath(webSocket(), dialect, inFlight, resources);
    }

    @Override
    public boolean jvm() {
        return true;
    }

    @Override
    public String setup() {
        return "publishes over WebSocket, acknowledged after the broadcast; no auth, no log";
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
