package dev.switchboard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Node peer from benchmarks/peers/ (the ws broadcaster or the socket.io server), run by the machine's
 * node. Its packages, pinned in package-lock.json, are installed with {@code npm ci} into that folder's
 * node_modules (ignored by git) the first time they are missing.
 */
final class NodePeer extends BroadcasterPeer {
    private final String setup;

    private NodePeer(String name, Path dir, String script, PeerDialect dialect, String setup) throws Exception {
        super(name, PeerProcess.start(List.of("node", script), dir, READY, Files.createTempFile("node-peer", ".log")),
                dialect, false);
        this.setup = setup;
    }

    static NodePeer ws(Path dir) throws Exception {
        return new NodePeer("Node ws", dir, "ws-broadcaster.js", new PlainDialect(),
                "ws " + installedVersion(dir, "ws") + "; publishes over WebSocket, acknowledged after the broadcast; no auth, no log");
    }

    static NodePeer socketIo(Path dir) throws Exception {
        return new NodePeer("socket.io", dir, "socketio-server.js", new SocketIoDialect(),
                "socket.io " + installedVersion(dir, "socket.io") + ", WebSocket transport, no deflate; publishes are"
                        + " acknowledged emits; subscribers speak engine.io 4 themselves");
    }

    /** Null when node and npm are there and the packages are installed (installing them if need be), else why not. */
    static String unavailable(Path dir) {
        if (!onPath("node") || !onPath("npm")) {
            return "node or npm not found on PATH";
        }
        if (!Files.isRegularFile(dir.resolve("package-lock.json"))) {
            return "no " + dir.resolve("package-lock.json");
        }
        if (Files.isDirectory(dir.resolve("node_modules/socket.io")) && Files.isDirectory(dir.resolve("node_modules/ws"))) {
            return null;
        }
        try {
            Path log = Files.createTempFile("npm-ci", ".log");
            System.out.println("installing the Node peers' packages: npm ci in " + dir + " (log " + log + ")");
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!npm.waitFor(300, TimeUnit.SECONDS) || npm.exitValue() != 0) {
                npm.destroyForcibly();
                return "npm ci failed in " + dir + "; see " + log;
            }
            return null;
        } catch (IOException | InterruptedException e) {
            return "npm ci failed: " + e;
        }
    }

    private static boolean onPath(String command) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, command))) {
                return true;
            }
        }
        return false;
    }

    private static String installedVersion(Path dir, String module) {
        try {
            String json = Files.readString(dir.resolve("node_modules").resolve(module).resolve("package.json"));
            int at = json.indexOf("\"version\"");
            int start = json.indexOf('"', json.indexOf(':', at)) + 1;
            return json.substring(start, json.indexOf('"', start));
        } catch (IOException | RuntimeException e) {
            return "(version unknown)";
        }
    }

    @Override
    public String setup() {
        return setup + "; log " + process().log;
    }
}
