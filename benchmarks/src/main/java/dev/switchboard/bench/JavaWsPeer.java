package dev.switchboard.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@link JavaWsBroadcaster} in a JVM of its own, started with this JVM's class path. */
final class JavaWsPeer extends BroadcasterPeer {
    JavaWsPeer(String jvmOpts) throws Exception {
        super("bare Java-WebSocket 1.6", start(jvmOpts), new PlainDialect(), true);
    }

    private static PeerProcess start(String jvmOpts) throws Exception {
        Path dir = Files.createTempDirectory("javaws-peer");
        List<String> cmd = ServerProcess.javaCommand(0, jvmOpts);
        cmd.addAll(List.of("-cp", absoluteClassPath(), JavaWsBroadcaster.class.getName()));
        return PeerProcess.start(cmd, dir, READY, dir.resolve("peer.log"));
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
    public String setup() {
        return "publishes over WebSocket, acknowledged after the broadcast; no auth, no log";
    }
}
