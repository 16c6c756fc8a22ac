package dev.switchboard.bench;

import dev.switchboard.auth.Role;
import dev.switchboard.auth.TokenIssuer;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What an idle WebSocket connection costs the gateway: resident memory and live heap per connection
 * at 10,000 and ~19,000 connections (the open-files limit of 20,000 per process caps one node here).
 *
 * <p>Each connection is a distinct user with its own USER token, so it sits in its own {@code user:}
 * room; with {@code --room-size M} it also joins a shared room {@code bench:group-K} of M members (M at
 * least the connection count: one room for all). Clients come from 127.0.0.1, .2, ... (5,000 each) as
 * loopback has ~28,000 ports per source address. Connections open at a controlled rate with a bounded
 * number of handshakes in flight, then sit for {@code --hold} seconds answering the server's pings;
 * every close is counted. Memory is read from outside after a full GC ({@code jcmd GC.run}): VmRSS
 * from /proc and heap used from {@code jstat}; the figure per connection is the growth over the
 * reading taken before the first connection, divided by the connections open.
 *
 * <pre>
 * java -cp benchmarks/target/switchboard-benchmarks.jar dev.switchboard.bench.IdleConnectionsBenchmark
 *      [--connections 10000,19000] [--hold 30] [--room-size 0] [--per-address 5000] [--connect-rate 2000] [--max-handshakes 40]
 *      [--server-opts "-Xmx1g"] [--server-args "..."] [--histogram 0] [--jar server/target/switchboard-server.jar]
 * </pre>
 */
public final class IdleConnectionsBenchmark {
    private final BenchOptions opts;

    private IdleConnectionsBenchmark(BenchOptions opts) {
        this.opts = opts;
    }

    public static void main(String[] args) throws Exception {
        new IdleConnectionsBenchmark(BenchOptions.parse(args)).run();
        System.exit(0);
    }

    private record Memory(long rss, long heapUsed, long heapCommitted, long threads) {
        static Memory of(ServerProcess server) throws Exception {
            server.gc();
            return new Memory(server.rssBytes(), server.heapUsedBytes(), server.heapCommittedBytes(), server.status("Threads"));
        }
    }

    private void run() throws Exception {
        List<Integer> levels = new ArrayList<>();
        for (String l : opts.text("connections", "10000,19000").split(",")) {
            levels.add(Integer.parseInt(l.trim()));
        }
        int most = levels.stream().mapToInt(Integer::intValue).max().orElseThrow();
        int hold = opts.integer("hold", 30);
        int roomSize = opts.integer("room-size", 0);
        int perAddress = opts.integer("per-address", 5000);
        int connectRate = opts.integer("connect-rate", 2000);
        int maxHandshakes = opts.integer("max-handshakes", 40);
        String secret = FanoutBenchmark.randomSecret();
        String serverOpts = opts.text("server-opts", "-Xmx1g");
        List<String> serveArgs = ServerProcess.manyClientsArgs("0.0.0.0", secret);
        serveArgs.addAll(opts.list("server-args"));
        try (ServerProcess server = ServerProcess.start(opts.text("jar", "server/target/switchboard-server.jar"), serverOpts, serveArgs)) {
            System.out.printf("idle connections: levels=%s hold=%ds room-size=%d per-address=%d connect-rate=%d/s cores=%d%n",
                    levels, hold, roomSize, perAddress, connectRate, Runtime.getRuntime().availableProcessors());
            System.out.printf("server pid %d, http %d, ws %d: %s (log: %s)%n", server.pid(), server.httpPort, server.wsPort,
                    String.join(" ", server.command).replace(secret, "SECRET"), server.dataDir.resolve("server.log"));
            TokenIssuer issuer = new TokenIssuer(secret, Clock.systemUTC());
            if (roomSize > 0) {
                String service = issuer.issue("bench-admin", Role.SERVICE, null, Duration.ofHours(4));
                long t0 = System.nanoTime();
                AclGrants.grant(server.httpPort, service, 0, most, i -> room(i, roomSize), IdleConnectionsBenchmark::user);
                System.out.printf("granted %d users their rooms in %.1f s%n", most, (System.nanoTime() - t0) / 1e9);
            }
            Thread.sleep(opts.integer("settle", 5) * 1000L);
            Memory before = Memory.of(server);
            System.out.printf("before connecting: RSS %s, heap used %s (committed %s), %d threads%n", mb(before.rss()),
                    mb(before.heapUsed()), mb(before.heapCommitted()), before.threads());
            IdleClients clients = new IdleClients();
            List<String> rows = new ArrayList<>();
            try (WebSocketLoad ws = new WebSocketLoad(clients)) {
                InetSocketAddress target = new InetSocketAddress("127.0.0.1", server.wsPort);
                int opened = 0;
                Memory previous = null;
                int previousLevel = 0;
                for (int level : levels) {
                    long t0 = System.nanoTime();
                    clients.open(ws, issuer, target, opened, level, IdleConnectionsBenchmark::user,
                            i -> roomSize > 0 ? room(i, roomSize) : null, perAddress, connectRate, maxHandshakes, "bench");
                    clients.awaitSettled(level, 120);
                    opened = level;
                    System.out.printf("%d connections ready (%d refused or failed) %.1f s after the first of this level; holding %d s%n",
                            clients.ready.get(), clients.settled.get() - clients.ready.get(), (System.nanoTime() - t0) / 1e9, hold);
                    for (int s = 0; s < hold; s += 10) {
                        Thread.sleep(Math.min(10, hold - s) * 1000L);
                        long[] hb = ws.call(clients::heartbeats);
                        System.out.printf("  %3d s: %d open, %d closed after ready, %,d heartbeat pings answered%n",
                                Math.min(s + 10, hold), hb[0], clients.closedAfterReady.get(), hb[1]);
                    }
                    Memory after = Memory.of(server);
                    long[] hb = ws.call(clients::heartbeats);
                    String row = String.format("| %,d | `%s` | %s | %s | %,d | %s | %s | %,d | %d | %d | %d |", level, serverOpts,
                            mb(before.rss()), mb(after.rss()), (after.rss() - before.rss()) / Math.max(1, hb[0]),
                            mb(before.heapUsed()), mb(after.heapUsed()), (after.heapUsed() - before.heapUsed()) / Math.max(1, hb[0]),
                            after.threads(), clients.closedAfterReady.get(), hb[2]);
                    rows.add(row);
                    System.out.println(row);
                    if (previous != null) {
                        System.out.printf("  from %,d to %,d connections: RSS +%,d bytes, heap +%,d bytes per added connection%n",
                                previousLevel, level, (after.rss() - previous.rss()) / (level - previousLevel),
                                (after.heapUsed() - previous.heapUsed()) / (level - previousLevel));
                    }
                    // Committed heap is only resident once touched, so RSS minus committed heap means nothing.
                    System.out.printf("  heap committed %s%n", mb(after.heapCommitted()));
                    previous = after;
                    previousLevel = level;
                }
                int histogram = opts.integer("histogram", 0);
                if (histogram > 0) {
                    System.out.print(server.classHistogram(histogram));
                }
                endToEnd(ws, clients);
            }
            System.out.println();
            System.out.println("| connections | server JVM | RSS before | RSS after | RSS bytes/conn | heap before | heap after"
                    + " | heap bytes/conn | server threads | closed while held | fewest pings answered by one conn |");
            System.out.println("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            rows.forEach(System.out::println);
            System.out.printf("server alive at the end: %s%n", server.alive());
            for (String line : server.logProblems(5)) {
                System.out.println("  server log: " + line);
            }
        }
    }

    /** An application-level ping on every open connection: each must answer with a pong. */
    private static void endToEnd(WebSocketLoad ws, IdleClients clients) throws InterruptedException {
        int before = clients.pongs.get();
        long asked = ws.call(() -> {
            long n = 0;
            for (WebSocketLoad.Conn c : ws.connections()) {
                if (c.isOpen()) {
                    ws.sendText(c, "{\"op\":\"ping\",\"ref\":2}");
                    n++;
                }
            }
            return n;
        });
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (clients.pongs.get() - before < asked && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        ws.call(() -> {
            System.out.printf("end check: %d of %d open connections answered an application ping; closes by code: %s;"
                    + " presence frames %d%n", clients.pongs.get() - before, asked, clients.closes.isEmpty() ? "none" : clients.closes,
                    clients.presence);
            for (String p : clients.problems) {
                System.out.println("  problem: " + p);
            }
            return null;
        });
    }

    private static String user(int i) {
        return "idle-" + i;
    }

    private static String room(int i, int roomSize) {
        return "bench:group-" + (i / roomSize);
    }

    private static String mb(long bytes) {
        return String.format("%.1f MB", bytes / 1048576.0);
    }
}
