package dev.switchboard.bench;

import java.util.List;

/**
 * One load of the side-by-side benchmark, run the same way against every peer: subscribers join (one
 * selector thread), a warm-up is published and delivered, then the measured events; the window ends
 * when the last delivery owed has arrived, so the server's CPU covers the whole fanout, not just the
 * publishes. The server's CPU is read from /proc before and after; for a JVM, so is the CPU of its
 * JIT compiler and GC threads. The generator's own CPU (this JVM, jnats included) is reported too, so
 * a reader can tell when the generator, not the server, set the pace.
 */
final class PeerLoad {
    /** How subscribers connect, and how long to wait for owed deliveries. */
    record Pacing(int connectRate, int maxHandshakes, int drainSeconds) {
    }

    private enum Kind { FANOUT, ROOMS, PUBLISH }

    private final Kind kind;
    private final RoomPlan plan;
    private final int warmup;
    private final int events;
    private final int inFlight;
    private final int resources;
    private final Pacing pacing;

    private PeerLoad(Kind kind, RoomPlan plan, int warmup, int events, int inFlight, int resources, Pacing pacing) {
        this.kind = kind;
        this.plan = plan;
        this.warmup = warmup;
        this.events = events;
        this.inFlight = inFlight;
        this.resources = resources;
        this.pacing = pacing;
    }

    static PeerLoad fanout(RoomPlan plan, int warmup, int events, int inFlight, int resources, Pacing pacing) {
        return new PeerLoad(Kind.FANOUT, plan, warmup, events, inFlight, resources, pacing);
    }

    static PeerLoad rooms(RoomPlan plan, int warmup, int events, int inFlight, int resources, Pacing pacing) {
        return new PeerLoad(Kind.ROOMS, plan, warmup, events, inFlight, resources, pacing);
    }

    static PeerLoad publish(RoomPlan plan, int warmup, int events, int inFlight, int resources, Pacing pacing) {
        return new PeerLoad(Kind.PUBLISH, plan, warmup, events, inFlight, resources, pacing);
    }

    String title() {
        String what = switch (kind) {
            case FANOUT -> String.format("Fanout: one room, %,d WebSocket subscribers", plan.connections());
            case ROOMS -> String.format("Many rooms: %,d connections in %,d rooms of 2 to 5 members, each event to one or two rooms",
                    plan.connections(), plan.roomCount());
            case PUBLISH -> "Publish path: one room, one subscriber";
        };
        return String.format("### %s; %,d events measured after %,d warm-up, %d publishes in flight, %d resources",
                what, events, warmup, inFlight, resources);
    }

    String header() {
        return switch (kind) {
            case FANOUT -> "| server | µs CPU per delivery | deliveries/s | notes |\n| --- | ---: | ---: | --- |";
            case ROOMS -> "| server | µs CPU per publish | µs CPU per delivery | publishes/s | deliveries/s | notes |\n"
                    + "| --- | ---: | ---: | ---: | ---: | --- |";
            case PUBLISH -> "| server | µs CPU per durable publish | publishes/s | notes |\n| --- | ---: | ---: | --- |";
        };
    }

    String skipped(String peer, String why) {
        return switch (kind) {
            case ROOMS -> "| " + peer + " | - | - | - | - | " + why + " |";
            default -> "| " + peer + " | - | - | " + why + " |";
        };
    }

    /** Runs the load against {@code peer}; returns its table row. */
    String run(Peer peer) throws Exception {
        peer.admit(plan);
        PeerSubscribers subs = new PeerSubscribers(peer.dialect());
        try (WebSocketLoad ws = new WebSocketLoad(subs); PublishPath publisher = peer.publisher(inFlight, resources)) {
            subs.ws = ws;
            connect(ws, subs, peer);
            PublishPath.Published warm = publisher.publish(plan, 0, warmup);
            long published = warm.events();
            boolean warmDelivered = awaitReceived(ws, subs, plan.deliveries(0, published));
            System.out.printf("  warm-up: %,d events, %d errors%s%n", warm.events(), warm.errors(),
                    warmDelivered ? "" : " (NOT all delivered in " + pacing.drainSeconds() + " s)");

            PeerCpu cpu = new PeerCpu(peer.pid());
            PeerCpu.Reading before = cpu.read();
            long ownBefore = FanoutBenchmark.ownCpuNanos();
            long start = System.nanoTime();
            ws.call(subs::startWindow);
            PublishPath.Published measured = publisher.publish(plan, published, events);
            long publishNanos = System.nanoTime() - start;
            published += measured.events();
            boolean delivered = awaitReceived(ws, subs, plan.deliveries(0, published));
            PeerCpu.Reading after = cpu.read();
            long ownCpu = FanoutBenchmark.ownCpuNanos() - ownBefore;
            PeerSubscribers.Window w = ws.call(subs::endWindow);
            long totalPublished = published;
            PeerSubscribers.Check check = ws.call(() -> subs.check(plan, totalPublished));

            long serverCpu = after.processNanos() - before.processNanos();
            long windowNanos = Math.max(w.lastDeliveryNanos() - start, publishNanos);
            Figures f = new Figures(serverCpu, after.threadsSince(before, "C1 CompilerThre", "C2 CompilerThre"),
                    after.threadsSince(before, "GC Thread", "G1 "), ownCpu, windowNanos, publishNanos, measured, w.deliveries());
            System.out.printf("  measured: %,d events (%,d server publishes, %d errors%s), %,d deliveries, publishing took %.2f s,"
                            + " last delivery at %.2f s%n", measured.events(), measured.messages(), measured.errors(),
                    measured.lastError() == null ? "" : ", last: " + measured.lastError(), w.deliveries(), publishNanos / 1e9,
                    windowNanos / 1e9);
            System.out.printf("  check: %s; closes %s%s%n", checkText(check, delivered), check.closes(),
                    check.problems().isEmpty() ? "" : "; problems: " + check.problems());
            return row(peer, f, check, delivered);
        }
    }

    private record Figures(long serverCpu, long jitCpu, long gcCpu, long generatorCpu, long windowNanos, long publishNanos,
                           PublishPath.Published measured, long deliveries) {
        double perDelivery() {
            return serverCpu / 1e3 / Math.max(1, deliveries);
        }

        double perPublish() {
            return serverCpu / 1e3 / Math.max(1, measured.events());
        }
    }

    private String row(Peer peer, Figures f, PeerSubscribers.Check check, boolean delivered) {
        StringBuilder notes = new StringBuilder();
        notes.append(String.format("server %.2f cores", f.serverCpu() / (double) f.windowNanos()));
        if (peer.jvm()) {
            notes.append(String.format(", JIT %.1f %% and GC %.1f %% of its CPU (%.2f s, %.2f s)", 100.0 * f.jitCpu() / f.serverCpu(),
                    100.0 * f.gcCpu() / f.serverCpu(), f.jitCpu() / 1e9, f.gcCpu() / 1e9));
        }
        double generatorPerOp = f.generatorCpu() / 1e3 / Math.max(1, kind == Kind.FANOUT ? f.deliveries() : f.measured().events());
        notes.append(String.format("; generator %.2f cores, %.1f µs per %s", f.generatorCpu() / (double) f.windowNanos(), generatorPerOp,
                kind == Kind.FANOUT ? "delivery" : "publish"));
        if (f.measured().messages() != f.measured().events()) {
            notes.append(String.format("; %,d server publishes for %,d events (one per room)", f.measured().messages(),
                    f.measured().events()));
        }
        if (f.measured().errors() > 0) {
            notes.append(String.format("; %d publish errors (%s)", f.measured().errors(), f.measured().lastError()));
        }
        notes.append("; ").append(checkText(check, delivered)).append("; ").append(peer.setup());
        double deliveriesPerSecond = f.deliveries() * 1e9 / f.windowNanos();
        double publishesPerSecond = f.measured().events() * 1e9 / f.publishNanos();
        return switch (kind) {
            case FANOUT -> String.format("| %s | %.2f | %,.0f | %s |", peer.name(), f.perDelivery(), deliveriesPerSecond, notes);
            case ROOMS -> String.format("| %s | %.2f | %.2f | %,.0f | %,.0f | %s |", peer.name(), f.perPublish(), f.perDelivery(),
                    publishesPerSecond, deliveriesPerSecond, notes);
            case PUBLISH -> String.format("| %s | %.1f | %,.0f | %s |", peer.name(), f.perPublish(), publishesPerSecond, notes);
        };
    }

    private String checkText(PeerSubscribers.Check check, boolean delivered) {
        if (check.clean() && delivered) {
            return String.format("every one of %,d subscribers got every event owed, once", plan.connections());
        }
        return String.format("NOT CLEAN: %d subscribers lack %,d deliveries, %,d duplicates, %d connections closed", check.lacking(),
                check.missing(), check.duplicates(), check.closed());
    }

    private void connect(WebSocketLoad ws, PeerSubscribers subs, Peer peer) throws InterruptedException {
        int n = plan.connections();
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            // A steady pace and fewer handshakes in flight than a listener's accept backlog keep SYNs from being dropped.
            while (i - subs.settled.get() >= pacing.maxHandshakes()
                    || (System.nanoTime() - start) * pacing.connectRate() / 1_000_000_000L < i) {
                Thread.sleep(1);
            }
            List<String> rooms = plan.roomsOfConnection.get(i);
            ws.connect(i, peer.webSocket(), null, peer.dialect().path(i, rooms), new PeerLink(i, rooms));
        }
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (subs.settled.get() < n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        System.out.printf("  %,d of %,d subscribers ready in %.1f s%n", subs.ready.get(), n, (System.nanoTime() - start) / 1e9);
        if (subs.ready.get() < n) {
            PeerSubscribers.Check c = ws.call(() -> subs.check(plan, 0));
            throw new IllegalStateException("only " + subs.ready.get() + " of " + n + " subscribers ready; closes " + c.closes()
                    + ", problems " + c.problems());
        }
    }

    /** Waits until {@code owed} distinct deliveries have arrived, at most the drain time; whether they did. */
    private boolean awaitReceived(WebSocketLoad ws, PeerSubscribers subs, long owed) throws InterruptedException {
        long deadline = System.nanoTime() + pacing.drainSeconds() * 1_000_000_000L;
        while (ws.call(subs::received) < owed) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(2);
        }
        return true;
    }
}
