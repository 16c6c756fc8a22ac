package dev.switchboard.bench;

import dev.switchboard.auth.Role;
import dev.switchboard.auth.TokenIssuer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * The load of {@link ConsolePulseBenchmark} in a JVM of its own: {@code --connections} users with one
 * idle WebSocket each ({@link IdleClients}, the first {@code --shared} also in the shared room) and a
 * backend publishing {@code --rate} events/s ({@link PacedPublisher}). Kept out of the console's JVM
 * so that the console's FX thread never waits for this load's garbage collections, and so that it
 * can run at a lower CPU priority, as it would on another machine than the support desk's.
 *
 * <p>Talks to its parent in lines: prints {@code ready N SECONDS} once the connections are up and
 * the publisher runs; answers {@code sample} on stdin with {@code sample DELIVERIES ISSUED CPU_NANOS
 * RSS_BYTES}; on {@code stop} stops publishing, prints {@code report ...} lines and {@code end}, and exits.
 */
public final class ConsoleLoad {
    static final String SHARED_ROOM = "bench:console-shared";

    private ConsoleLoad() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions opts = BenchOptions.parse(args);
        int httpPort = opts.integer("http-port", 0);
        int wsPort = opts.integer("ws-port", 0);
        int connections = opts.integer("connections", 10_000);
        int shared = Math.min(connections, opts.integer("shared", 1000));
        TokenIssuer issuer = new TokenIssuer(opts.text("secret", ""), Clock.systemUTC());
        String service = issuer.issue("console-bench-backend", Role.SERVICE, null, Duration.ofHours(4));
        AclGrants.grant(httpPort, service, 0, shared, i -> SHARED_ROOM, ConsoleLoad::user);

        IdleClients users = new IdleClients();
        try (WebSocketLoad ws = new WebSocketLoad(users)) {
            long t0 = System.nanoTime();
            users.open(ws, issuer, new InetSocketAddress("127.0.0.1", wsPort), 0, connections, ConsoleLoad::user,
                    i -> i < shared ? SHARED_ROOM : null, opts.integer("per-address", 5000), opts.integer("connect-rate", 2000),
                    opts.integer("max-handshakes", 40), "console-bench");
            users.awaitSettled(connections, 120);
            int ready = users.ready.get();
            if (ready < connections) {
                System.out.println("failed only " + ready + " connections ready; " + ws.call(users::summary));
                return;
            }
            PacedPublisher publisher = new PacedPublisher();
            publisher.start(httpPort, service, opts.integer("publishers", 128), opts.integer("rate", 2000), connections,
                    SHARED_ROOM, opts.integer("shared-percent", 1));
            System.out.printf("ready %d %.1f%n", ready, (System.nanoTime() - t0) / 1e9);
            System.out.flush();

            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null && !line.equals("stop")) {
                if (line.equals("sample")) {
                    System.out.printf("sample %d %d %d %d%n", users.deliveries.get(), publisher.issued.get(),
                            FanoutBenchmark.ownCpuNanos(), ownRssBytes());
                    System.out.flush();
                }
            }
            Latencies.Summary roundTrip = publisher.stop();
            System.out.printf("report publishes: %,d answered 201, %,d errors%s, %,d started late (> 5 ms after their slot);"
                            + " POST to 201 p50 %s ms, p99 %s ms, max %s ms%n", publisher.ok.get(), publisher.errors.get(),
                    publisher.lastError() == null ? "" : " (last: " + publisher.lastError() + ")", publisher.late.get(),
                    Latencies.Summary.ms(roundTrip.p50()), Latencies.Summary.ms(roundTrip.p99()),
                    Latencies.Summary.ms(roundTrip.max()));
            System.out.println("report connections: " + ws.call(users::summary) + "; closed after ready: "
                    + users.closedAfterReady.get());
            System.out.println("end");
            System.out.flush();
        }
        System.exit(0);
    }

    static String user(int i) {
        return String.format("user-%05d", i);
    }

    static long ownRssBytes() throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (l.startsWith("VmRSS:")) {
                return Long.parseLong(l.substring(6).trim().split("\\s+")[0]) * 1024;
            }
        }
        return 0;
    }
}
