package dev.switchboard.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Switchboard side by side with its peers (issue 13), in one run on one machine: the same loads, the
 * same load generator, each server its own OS process, and the server's CPU read from /proc (utime +
 * stime before and after the measured window) as the main figure, since on a shared two-core machine
 * it is far steadier than throughput.
 *
 * <p>Peers: {@code switchboard} (the server jar), {@code javaws} (a bare Java-WebSocket broadcaster,
 * {@link JavaWsBroadcaster}), {@code nats} (nats-server with JetStream, WebSocket subscribers speaking
 * the NATS protocol), {@code socketio} and {@code ws} (Node scripts in benchmarks/peers/). Loads:
 * {@code fanout} (one room, many subscribers), {@code rooms} (many small rooms), {@code publish} (one
 * room, one subscriber, many publishes in flight; Switchboard and NATS only). Each load warms the
 * server up first, then measures until the last owed delivery has arrived, then checks that every
 * subscriber got every event it was owed, once.
 *
 * <pre>
 * java -cp benchmarks/target/switchboard-benchmarks.jar dev.switchboard.bench.PeersBenchmark
 *      [--peers switchboard,javaws,nats,socketio,ws] [--loads fanout,rooms,publish]
 *      [--fanout-subscribers 200] [--fanout-events 1000] [--fanout-warmup 1000] [--fanout-in-flight 8]
 *      [--rooms-connections 2000] [--rooms-rooms 1000] [--rooms-events 10000] [--rooms-warmup 10000] [--rooms-in-flight 8]
 *      [--publish-events 40000] [--publish-warmup 40000] [--publish-in-flight 64] [--resources 100]
 *      [--jar server/target/switchboard-server.jar] [--server-opts "-Xmx1g"] [--server-args "..."]
 *      [--javaws-opts "-Xmx1g"] [--nats-server /usr/sbin/nats-server] [--node-peers benchmarks/peers]
 *      [--drain 60] [--connect-rate 2000] [--max-handshakes 40]
 * </pre>
 */
public final class PeersBenchmark {
    static final List<String> ALL_PEERS = List.of("switchboard", "javaws", "nats", "socketio", "ws");
    private static final List<String> PUBLISH_PEERS = List.of("switchboard", "nats");

    private final BenchOptions opts;
    private final Map<String, List<String>> tables = new LinkedHashMap<>();

    private PeersBenchmark(BenchOptions opts) {
        this.opts = opts;
    }

    public static void main(String[] args) throws Exception {
        new PeersBenchmark(BenchOptions.parse(args)).run(args);
        System.exit(0);
    }

    private void run(String[] args) throws Exception {
        List<String> peers = List.of(opts.text("peers", String.join(",", ALL_PEERS)).split(","));
        List<String> loads = List.of(opts.text("loads", "fanout,rooms,publish").split(","));
        System.out.printf("side by side: peers=%s loads=%s cores=%d java=%s%n", peers, loads,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        for (String load : loads) {
            PeerLoad spec = load(load);
            List<String> rows = new ArrayList<>();
            tables.put(load, rows);
            for (String name : peers) {
                if (load.equals("publish") && !PUBLISH_PEERS.contains(name)) {
                    continue;
                }
                String skip = unavailable(name);
                if (skip != null) {
                    System.out.printf("%s, %s: SKIPPED, %s%n", load, name, skip);
                    rows.add(spec.skipped(name, "SKIPPED: " + skip));
                    continue;
                }
                System.out.printf("%n== %s: %s ==%n", load, name);
                try (Peer peer = start(name)) {
                    rows.add(spec.run(peer));
                } catch (Exception e) {
                    System.out.printf("%s, %s: FAILED: %s%n", load, name, e);
                    rows.add(spec.skipped(name, "FAILED: " + e));
                }
                System.out.println(rows.get(rows.size() - 1));
            }
        }
        System.out.println();
        System.out.println("Command: " + commandLine(args));
        for (String load : loads) {
            System.out.println();
            System.out.println(load(load).title());
            System.out.println();
            System.out.println(load(load).header());
            tables.get(load).forEach(System.out::println);
        }
    }

    private PeerLoad load(String name) {
        int resources = opts.integer("resources", 100);
        PeerLoad.Pacing pacing = new PeerLoad.Pacing(opts.integer("connect-rate", 2000), opts.integer("max-handshakes", 40),
                opts.integer("drain", 60));
        return switch (name) {
            case "fanout" -> PeerLoad.fanout(RoomPlan.oneRoom(opts.integer("fanout-subscribers", 200)),
                    opts.integer("fanout-warmup", 1000), opts.integer("fanout-events", 1000), opts.integer("fanout-in-flight", 8),
                    resources, pacing);
            case "rooms" -> PeerLoad.rooms(RoomPlan.manyRooms(opts.integer("rooms-connections", 2000), opts.integer("rooms-rooms", 1000),
                            2, 5, 13), opts.integer("rooms-warmup", 10000), opts.integer("rooms-events", 10000),
                    opts.integer("rooms-in-flight", 8), resources, pacing);
            case "publish" -> PeerLoad.publish(RoomPlan.oneRoom(1), opts.integer("publish-warmup", 40000),
                    opts.integer("publish-events", 40000), opts.integer("publish-in-flight", 64), resources, pacing);
            default -> throw new IllegalArgumentException("unknown load " + name + "; loads: fanout, rooms, publish");
        };
    }

    /** Null when the peer can run here, else why not. */
    private String unavailable(String name) {
        return switch (name) {
            case "nats" -> NatsPeer.available(natsBinary()) ? null : natsBinary() + " not found";
            case "socketio", "ws" -> NodePeer.unavailable(nodePeers());
            case "switchboard", "javaws" -> null;
            default -> throw new IllegalArgumentException("unknown peer " + name + "; peers: " + String.join(",", ALL_PEERS));
        };
    }

    private Peer start(String name) throws Exception {
        return switch (name) {
            case "switchboard" -> new SwitchboardPeer(opts.text("jar", "server/target/switchboard-server.jar"),
                    opts.text("server-opts", "-Xmx1g"), opts.list("server-args"));
            case "javaws" -> new JavaWsPeer(opts.text("javaws-opts", "-Xmx1g"));
            case "nats" -> new NatsPeer(natsBinary());
            case "socketio" -> NodePeer.socketIo(nodePeers());
            case "ws" -> NodePeer.ws(nodePeers());
            default -> throw new IllegalArgumentException("unknown peer " + name);
        };
    }

    private String natsBinary() {
        return opts.text("nats-server", "/usr/sbin/nats-server");
    }

    private Path nodePeers() {
        return Path.of(opts.text("node-peers", "benchmarks/peers")).toAbsolutePath();
    }

    private static String commandLine(String[] args) {
        StringBuilder b = new StringBuilder(ProcessHandle.current().info().command().orElse("java"))
                .append(" -cp ").append(System.getProperty("java.class.path")).append(' ').append(PeersBenchmark.class.getName());
        for (String a : args) {
            b.append(' ').append(a.isEmpty() || a.contains(" ") ? "\"" + a + "\"" : a);
        }
        return b.toString();
    }
}
