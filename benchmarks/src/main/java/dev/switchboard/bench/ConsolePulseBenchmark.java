package dev.switchboard.bench;

import dev.switchboard.auth.Role;
import dev.switchboard.auth.TokenIssuer;
import dev.switchboard.console.shell.PageSpec;
import dev.switchboard.console.shell.Pages;
import javafx.application.Platform;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Does the operations console stay responsive on a busy gateway? The acceptance test of the console:
 * with 10,000 connections and 2,000 events/s arriving, the FX thread is never blocked for more than
 * 100 ms.
 *
 * <p>Three processes, as in production, where the console runs on a support desk and the gateway and
 * its clients elsewhere: the gateway jar; the load ({@link ConsoleLoad}: 10,000 users with one idle
 * WebSocket each, 1,000 of them also in a shared room, and a backend publishing 2,000 events/s, 1 % to
 * the shared room, the rest to users' own rooms); and this JVM, which holds only the real console,
 * headless ({@link HeadlessConsole}: Monocle, software rendering). On a machine with fewer cores than
 * the three need, the gateway and the load run under {@code nice -n --load-nice} (10; 0 gives them the
 * console's priority), so the console gets a core when it asks for one, as on a desk of its own; the
 * report says whether they still kept the rate. The console connects through its start screen while
 * the events flow, then shows every page in navigation order for {@code --dwell} seconds each,
 * {@code --rounds} times. {@link FxPulseProbe} measures the FX thread on every page: pulse gaps and
 * the lateness of a runLater posted every 10 ms; while the thread is stuck over {@code --stall-ms},
 * {@link FxStalls} samples its stack to name the code responsible. Measuring starts when the start
 * screen is on screen (the app's own start-up, before a user can do anything, is not counted).
 *
 * <p>It prints one row per page, a row for all pages, and the stalls' culprits; it exits 0 whatever
 * it measured, and non-zero only when the setup failed (the gateway, the connections, the console).
 *
 * <pre>
 * java -Xmx2g -XX:TieredStopAtLevel=1 -cp benchmarks/target/switchboard-benchmarks.jar dev.switchboard.bench.ConsolePulseBenchmark
 *      [--connections 10000] [--shared 1000] [--rate 2000] [--shared-percent 1] [--dwell 10] [--rounds 2]
 *      [--warmup 5] [--connect-phase 10] [--stall-ms 50] [--publishers 128] [--per-address 5000]
 *      [--connect-rate 2000] [--max-handshakes 40] [--load-nice 10] [--load-opts "-Xmx1500m"]
 *      [--jar server/target/switchboard-server.jar] [--server-opts "-Xmx1g"] [--server-args "..."]
 * </pre>
 */
public final class ConsolePulseBenchmark {
    /** The JIT setting the console is installed and documented with (installers/build.sh, README). */
    static final String CONSOLE_JIT = "-XX:TieredStopAtLevel=1";

    private final BenchOptions opts;

    private ConsolePulseBenchmark(BenchOptions opts) {
        this.opts = opts;
    }

    public static void main(String[] args) {
        int status = 0;
        try {
            new ConsolePulseBenchmark(BenchOptions.parse(args)).run();
        } catch (Throwable t) {
            System.err.println("setup failed: " + t);
            t.printStackTrace();
            status = 1;
        }
        // The FX toolkit's threads would keep the JVM alive.
        System.exit(status);
    }

    /** Counters of the whole process at one moment: one phase's figures are the difference of two. */
    private record Sample(long nanos, long serverCpu, long loadCpu, long ownCpu, long deliveries, long issued, long items,
                          long eventItems, long coalesced, long serverRss, long loadRss, long ownRss,
                          java.util.Map<String, ThreadGroupsCpu.Task> ownThreads) {
        static Sample take(ServerProcess server, LoadProcess load, StreamTally tally) {
            try {
                LoadProcess.Counters c = load.sample();
                return new Sample(System.nanoTime(), server.cpuNanos(), c.cpuNanos(), FanoutBenchmark.ownCpuNanos(),
                        c.deliveries(), c.issued(), tally.items.get(), tally.eventItems.get(), tally.coalesced.get(),
                        server.rssBytes(), c.rssBytes(), ConsoleLoad.ownRssBytes(), ThreadGroupsCpu.sample());
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("could not sample the gateway or the load", e);
            }
        }
    }

    private void run() throws Exception {
        int connections = opts.integer("connections", 10_000);
        int shared = Math.min(connections, opts.integer("shared", 1000));
        int rate = opts.integer("rate", 2000);
        int sharedPercent = opts.integer("shared-percent", 1);
        int dwell = opts.integer("dwell", 10);
        int rounds = opts.integer("rounds", 2);
        int warmup = opts.integer("warmup", 5);
        int connectPhase = opts.integer("connect-phase", 10);
        int stallMs = opts.integer("stall-ms", 50);
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();

        HeadlessConsole.startToolkit();
        Path home = Files.createTempDirectory("switchboard-console-bench");
        System.setProperty("switchboard.console.home", home.toString());
        List<PageSpec> pages = Pages.all();

        String secret = FanoutBenchmark.randomSecret();
        List<String> serveArgs = ServerProcess.manyClientsArgs("0.0.0.0", secret);
        serveArgs.addAll(opts.list("server-args"));
        int nice = opts.integer("load-nice", 10);
        try (ServerProcess server = ServerProcess.start(opts.text("jar", "server/target/switchboard-server.jar"),
                opts.text("server-opts", "-Xmx1g"), serveArgs, nice)) {
            System.out.printf("console pulse: connections=%,d shared=%,d rate=%,d/s (%d %% to the shared room) pages=%d dwell=%ds"
                            + " rounds=%d cores=%d java=%s; gateway and load at nice %d; load average before: %s%n", connections,
                    shared, rate, sharedPercent, pages.size(), dwell, rounds, Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"), nice, loadBefore);
            List<String> flags = ManagementFactory.getRuntimeMXBean().getInputArguments();
            System.out.printf("console JVM options: %s%s%n", String.join(" ", flags), flags.contains(CONSOLE_JIT) ? ""
                    : " (NOT as the console ships: add " + CONSOLE_JIT + ", see docs/console.md)");
            System.out.printf("server pid %d, http %d, ws %d (log: %s)%n", server.pid(), server.httpPort, server.wsPort,
                    server.dataDir.resolve("server.log"));
            TokenIssuer issuer = new TokenIssuer(secret, Clock.systemUTC());
            List<String> loadArgs = new ArrayList<>(List.of("--http-port", Integer.toString(server.httpPort),
                    "--ws-port", Integer.toString(server.wsPort), "--secret", secret,
                    "--connections", Integer.toString(connections), "--shared", Integer.toString(shared),
                    "--rate", Integer.toString(rate), "--shared-percent", Integer.toString(sharedPercent),
                    "--publishers", Integer.toString(opts.integer("publishers", 128)),
                    "--per-address", Integer.toString(opts.integer("per-address", 5000)),
                    "--connect-rate", Integer.toString(opts.integer("connect-rate", 2000)),
                    "--max-handshakes", Integer.toString(opts.integer("max-handshakes", 40))));
            try (LoadProcess load = LoadProcess.start(nice, opts.text("load-opts", "-Xmx1500m"), loadArgs,
                    server.dataDir.resolve("load.log"))) {
                String[] ready = load.awaitReady(180);
                System.out.printf("%s of %,d connections ready in %s s (%,d in %s), publishing; load pid %d (log: %s)%n",
                        ready[1], connections, ready[2], shared, ConsoleLoad.SHARED_ROOM, load.pid(),
                        server.dataDir.resolve("load.log"));
                Thread.sleep(warmup * 1000L);

                StreamTally tally = new StreamTally();
                FxStalls stalls = new FxStalls();
                FxPulseProbe probe = new FxPulseProbe(stalls, stallMs);
                List<Sample> samples = new ArrayList<>();
                long connectStart = System.nanoTime();
                String admin = issuer.issue("console-bench-ops", Role.ADMIN, null, Duration.ofHours(4));
                List<FxPulseProbe.Figures> figures;
                // The window and its start screen are the app starting, before a user can do anything: the
                // measuring starts once the start screen is on screen, as the user clicks Connect.
                try (HeadlessConsole console = HeadlessConsole.connect(home, "http://127.0.0.1:" + server.httpPort, admin, tally,
                        Duration.ofSeconds(60), () -> {
                            samples.add(Sample.take(server, load, tally));
                            probe.start("connect, first page", false);
                        })) {
                    System.out.printf("console connected in %.1f s (click on Connect to a usable window: %.2f s); pages: %s%n",
                            (System.nanoTime() - connectStart) / 1e9, console.connectTime().toNanos() / 1e9,
                            pages.isEmpty() ? "none yet (Pages.all() is empty): measuring the bare shell" : titles(pages));
                    sleepUntil(connectStart + connectPhase * 1_000_000_000L);
                    List<String[]> schedule = new ArrayList<>();
                    for (int r = 1; r <= rounds; r++) {
                        for (PageSpec p : pages) {
                            schedule.add(new String[] {p.id(), p.title() + (rounds == 1 ? "" : r == 1 ? " (first visit)" : " (visit " + r + ")")});
                        }
                    }
                    if (schedule.isEmpty()) {
                        schedule.add(new String[] {null, "(no pages)"});
                    }
                    for (String[] step : schedule) {
                        samples.add(Sample.take(server, load, tally));
                        long start = System.nanoTime();
                        // Posted, not waited for: opening a page is part of what the probe measures.
                        Platform.runLater(() -> {
                            probe.note(console.tableRows());
                            probe.begin(step[1], true);
                            if (step[0] != null) {
                                console.show(step[0]);
                            }
                        });
                        System.out.printf("  showing %s for %d s%n", step[1], dwell);
                        sleepUntil(start + dwell * 1_000_000_000L);
                    }
                    samples.add(Sample.take(server, load, tally));
                    figures = HeadlessConsole.onFx(() -> {
                        probe.note(console.tableRows());
                        return probe.stop();
                    });
                }
                List<String> loadReport = load.stop();
                report(figures, samples, stalls, tally, loadReport);
            }
            System.out.printf("server alive at the end: %s; load average after: %s%n", server.alive(),
                    Files.readString(Path.of("/proc/loadavg")).trim());
            for (String line : server.logProblems(5)) {
                System.out.println("  server log: " + line);
            }
        }
    }

    private static void report(List<FxPulseProbe.Figures> figures, List<Sample> samples, FxStalls stalls, StreamTally tally,
                               List<String> loadReport) {
        System.out.println();
        System.out.println("| phase | s | pulses | pulse gap max ms | p99 | p99.9 | gaps > 50 ms | gaps > 100 ms"
                + " | runLater late max ms | p99 | FX work between pulses max ms | p99 | > 100 ms | FX thread CPU"
                + " | GC pauses ms (n) | published/s | deliveries/s | stream deltas/s (events) | coalesced | gateway CPU"
                + " | load JVM CPU | console JVM CPU | tables |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        for (int i = 0; i < figures.size(); i++) {
            FxPulseProbe.Figures f = figures.get(i);
            boolean all = i == figures.size() - 1 && f.name().equals("all pages") && figures.size() > 1;
            // Phase i runs from sample i to sample i + 1; "all pages" from the first page's start to the end.
            Sample a = all ? samples.get(1) : samples.get(i);
            Sample b = all ? samples.get(samples.size() - 1) : samples.get(i + 1);
            double s = (b.nanos() - a.nanos()) / 1e9;
            System.out.printf("| %s | %.1f | %,d | %s | %s | %s | %d | %d | %s | %s | %s | %s | %d | %.0f %% | %d (%d) | %,.0f | %,.0f"
                            + " | %,.0f (%,.0f) | %,d | %.0f %% | %.0f %% | %.0f %% | %s |%n",
                    all ? "**all pages**" : f.name(), f.nanos() / 1e9, f.pulses(), bold(f.gapMax()), FanoutBenchmark.ms(f.gapP99()),
                    FanoutBenchmark.ms(f.gapP999()), f.gapsOver50(), f.gapsOver100(), bold(f.lateMax()),
                    FanoutBenchmark.ms(f.lateP99()), bold(f.workMax()), FanoutBenchmark.ms(f.workP99()), f.workOver100(),
                    100.0 * f.fxCpuNanos() / Math.max(1, f.nanos()), f.gcPauseMillis(), f.gcCount(),
                    (b.issued() - a.issued()) / s, (b.deliveries() - a.deliveries()) / s, (b.items() - a.items()) / s,
                    (b.eventItems() - a.eventItems()) / s, b.coalesced() - a.coalesced(),
                    100.0 * (b.serverCpu() - a.serverCpu()) / (b.nanos() - a.nanos()),
                    100.0 * (b.loadCpu() - a.loadCpu()) / (b.nanos() - a.nanos()),
                    100.0 * (b.ownCpu() - a.ownCpu()) / (b.nanos() - a.nanos()), f.note().isEmpty() ? "" : f.note());
        }
        System.out.println();
        System.out.println("console JVM CPU by thread (share of one core; groups under 1 % left out):");
        for (int i = 0; i < figures.size() && i + 1 < samples.size(); i++) {
            Sample a = samples.get(i);
            Sample b = samples.get(i + 1);
            if (figures.get(i).name().equals("all pages")) {
                continue;
            }
            System.out.printf("  %s: %s%n", figures.get(i).name(), ThreadGroupsCpu.between(a.ownThreads(), b.ownThreads(),
                    b.nanos() - a.nanos(), b.ownCpu() - a.ownCpu(), 1.0));
        }
        Sample last = samples.get(samples.size() - 1);
        System.out.println();
        loadReport.forEach(System.out::println);
        System.out.printf("admin stream after connecting: %d snapshots, %,d delta frames, %,d items (%,d events), %,d coalesced by the gateway%n",
                tally.snapshots.get(), tally.frames.get(), tally.items.get(), tally.eventItems.get(), tally.coalesced.get());
        System.out.printf("memory at the end: gateway RSS %.0f MB, load JVM (clients, publisher) RSS %.0f MB, console JVM RSS %.0f MB%n",
                last.serverRss() / 1048576.0, last.loadRss() / 1048576.0, last.ownRss() / 1048576.0);
        FxPulseProbe.Figures overall = figures.get(figures.size() - 1);
        long worst = Math.max(overall.gapMax(), overall.lateMax());
        System.out.printf("verdict: longest pulse gap %s ms, latest runLater %s ms over %s: %s the 100 ms bound on this machine;"
                        + " most FX-thread CPU between two pulses %s ms: %s it with a core to itself%n",
                FanoutBenchmark.ms(overall.gapMax()), FanoutBenchmark.ms(overall.lateMax()), overall.name(),
                worst <= 100_000_000L ? "within" : "OVER", FanoutBenchmark.ms(overall.workMax()),
                overall.workMax() <= 100_000_000L ? "within" : "OVER");
        System.out.println();
        System.out.print(stalls.report(6, 40));
    }

    private static String bold(long nanos) {
        String ms = FanoutBenchmark.ms(nanos);
        return nanos > 100_000_000L ? "**" + ms + "**" : ms;
    }

    private static String titles(List<PageSpec> pages) {
        List<String> t = new ArrayList<>();
        pages.forEach(p -> t.add(p.title()));
        return String.join(", ", t);
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
        }
    }
}
