package dev.switchboard.simulator.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.auth.Role;
import dev.switchboard.client.ClientCounters;
import dev.switchboard.client.ConnectionState;
import dev.switchboard.simulator.check.Assertion;
import dev.switchboard.simulator.check.ConvergenceCheck;
import dev.switchboard.simulator.check.EventLocator;
import dev.switchboard.simulator.check.Failure;
import dev.switchboard.simulator.check.Failures;
import dev.switchboard.simulator.check.RevokeCheck;
import dev.switchboard.simulator.check.RevokeWindow;
import dev.switchboard.simulator.report.DeviceReport;
import dev.switchboard.simulator.report.SimulationReport;
import dev.switchboard.simulator.scenario.Cast;
import dev.switchboard.simulator.scenario.Scenario;
import dev.switchboard.simulator.scenario.ScenarioException;
import dev.switchboard.simulator.scenario.Step;
import dev.switchboard.simulator.scenario.StepAction;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One run of a scenario against a gateway, start to finish:
 * <ol>
 *   <li>grants every user its rooms;</li>
 *   <li>starts one SDK client per device and waits until each is connected and has synced its rooms;</li>
 *   <li>starts the load and the timeline together (second 0);</li>
 *   <li>after the load and the last step, waits up to the scenario's deadline until every device holds
 *       what the server holds;</li>
 *   <li>checks revokes over the recorded applications, and reports.</li>
 * </ol>
 * Once-only, in-order and no-stale are checked as events are applied ({@link
 * dev.switchboard.simulator.check.DeliveryRecorder}). A run is not reusable.
 *
 * <p>Threads: {@link #run} runs on the caller's thread; devices report on the SDK's threads, the
 * publisher and the timeline on their own; all of them meet in {@link Failures} and {@link AccessModel}.
 */
public final class Simulation {
    /** Where a run stands, for progress lines and for benchmarks that measure at a given moment. */
    public enum Phase { GRANTING, CONNECTING, RUNNING, CONVERGING, CONVERGED, DONE }

    /**
     * @param replicas        copies of the scenario's cast (see {@link Cast}); 1 runs it as written
     * @param eventsPerSecond total publish rate, or null for the scenario's rate in every copy
     * @param progress        receives a progress line every {@code progressMillis}, or null
     * @param phases          told of each phase as it begins (on the running thread), or null
     */
    public record Options(int replicas, Double eventsPerSecond, Consumer<String> progress, long progressMillis,
                          Consumer<Phase> phases) {
        public static Options defaults() {
            return new Options(1, null, null, 1000, null);
        }

        public Options withReplicas(int n) {
            return new Options(n, eventsPerSecond, progress, progressMillis, phases);
        }

        public Options withRate(Double rate) {
            return new Options(replicas, rate, progress, progressMillis, phases);
        }

        public Options withProgress(Consumer<String> p) {
            return new Options(replicas, eventsPerSecond, p, progressMillis, phases);
        }

        public Options withPhases(Consumer<Phase> p) {
            return new Options(replicas, eventsPerSecond, progress, progressMillis, p);
        }
    }

    private static final long CONVERGENCE_POLL_MILLIS = 250;

    private final Scenario scenario;
    private final GatewayTarget target;
    private final Options options;
    private final Cast cast;
    private final Failures failures = new Failures();
    private final AccessModel access = new AccessModel();
    private final GatewayHttp http;
    private final Map<String, SimulatedDevice> devices = new LinkedHashMap<>();
    private volatile Phase phase = Phase.GRANTING;
    private volatile long t0Nanos;
    private volatile Publisher publisher;

    public Simulation(Scenario scenario, GatewayTarget target, Options options) {
        this.scenario = scenario;
        this.target = target;
        this.options = options;
        this.cast = new Cast(scenario, options.replicas());
        this.http = new GatewayHttp(target.httpUrl(), target.serviceToken(), target.adminToken());
        if (scenario.needsAdmin() && target.adminToken() == null) {
            throw new ScenarioException("scenario " + scenario.name() + " injects faults: it needs an admin token (--admin-token)");
        }
        if (scenario.restartsGateway() && !target.canRestart()) {
            throw new ScenarioException("scenario " + scenario.name() + " restarts the gateway: it needs the embedded gateway"
                    + " (run it without --gateway)");
        }
    }

    public SimulationReport run() throws InterruptedException {
        long began = System.nanoTime();
        Thread progress = startProgress();
        try {
            enter(Phase.GRANTING);
            grantAll();
            enter(Phase.CONNECTING);
            long settle = hasTokenExpiry() ? 2_000 + 3L * cast.devices().size() : 0;
            long plannedT0Millis = System.currentTimeMillis() + settle;
            createDevices(plannedT0Millis);
            devices.values().forEach(SimulatedDevice::start);
            awaitReady();
            long wait = plannedT0Millis - System.currentTimeMillis();
            if (wait > 0) {
                Thread.sleep(wait);
            }
            long t0Millis = System.currentTimeMillis();
            devices.values().forEach(d -> d.tokens.startedAt(Math.min(t0Millis, plannedT0Millis)));
            double setupSeconds = (System.nanoTime() - began) / 1e9;

            enter(Phase.RUNNING);
            t0Nanos = System.nanoTime();
            double rate = options.eventsPerSecond() != null ? options.eventsPerSecond()
                    : scenario.load().eventsPerSecond() * cast.replicas();
            Publisher pub = new Publisher(http, scenario.load(), cast.loadRooms(), rate, scenario.durationSeconds(),
                    "sim-" + UUID.randomUUID().toString().substring(0, 8), failures);
            publisher = pub;
            double lastActivity = scenario.lastActivitySeconds();
            long endNanos = t0Nanos + (long) (lastActivity * 1e9);
            long convergeDeadline = endNanos + (long) (scenario.convergenceTimeoutSeconds() * 1e9);
            pub.giveUpAt(convergeDeadline);
            try (Timeline timeline = new Timeline(scenario.timeline(), cast, devices, http, target, access, pub, failures)) {
                pub.start(t0Nanos);
                timeline.start(t0Nanos);
                sleepUntil(endNanos);
                timeline.awaitDone(convergeDeadline);
                if (!pub.awaitDone(convergeDeadline)) {
                    // Convergence is judged against a server that no longer changes.
                    pub.stop();
                    pub.awaitDone(System.nanoTime() + TimeUnit.SECONDS.toNanos(20));
                    failures.add(Failure.of(Assertion.RUN, "the load could not publish its events by the deadline: "
                            + pub.confirmed() + " of " + pub.total() + " published, the rest left out"));
                }
                long activityOver = Math.max(endNanos, System.nanoTime());
                double runSeconds = (activityOver - t0Nanos) / 1e9;

                enter(Phase.CONVERGING);
                double convergedAfter = awaitConvergence(activityOver,
                        activityOver + (long) (scenario.convergenceTimeoutSeconds() * 1e9));
                if (convergedAfter >= 0) {
                    enter(Phase.CONVERGED);
                }
                checkRevokes();
                SimulationReport report = report(setupSeconds, runSeconds, convergedAfter, pub, timeline);
                enter(Phase.DONE);
                return report;
            }
        } finally {
            devices.values().forEach(SimulatedDevice::close);
            progress.interrupt();
        }
    }

    private void enter(Phase p) {
        phase = p;
        if (options.phases() != null) {
            options.phases().accept(p);
        }
    }

    private boolean hasTokenExpiry() {
        return scenario.timeline().stream().anyMatch(s -> s.kind() == StepAction.TOKEN_EXPIRY);
    }

    // ---- setup ----------------------------------------------------------------------------------

    private void grantAll() throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Cast.User u : cast.users()) {
                for (String room : u.rooms()) {
                    done.add(pool.submit(() -> {
                        try {
                            GatewayHttp.Answer a = http.grant(room, u.id());
                            if (a.status() != 204) {
                                failures.add(Failure.of(Assertion.RUN, "grant of " + u.id() + " on " + room + " refused: " + a));
                            }
                        } catch (IOException e) {
                            failures.add(Failure.of(Assertion.RUN, "grant of " + u.id() + " on " + room + " failed: " + e));
                        }
                        access.granted(u.id(), room);
                    }));
                }
            }
            for (Future<?> f : done) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    failures.add(Failure.of(Assertion.RUN, "grant failed: " + e.getCause()));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void createDevices(long plannedT0Millis) {
        Map<String, Set<String>> revokedRooms = new HashMap<>();
        for (Step s : scenario.timeline()) {
            if (s.kind() == StepAction.REVOKE) {
                for (Cast.User u : cast.users(s.user())) {
                    revokedRooms.computeIfAbsent(u.id(), k -> new HashSet<>()).add(cast.room(s.room(), u.replica()));
                }
            }
        }
        for (Cast.Device d : cast.devices()) {
            Role role = d.spec().role().equals("service") ? Role.SERVICE : Role.USER;
            TokenPlan tokens = new TokenPlan(target.issuer(), d.userId(), role, d.name(), tokenWindows(d), plannedT0Millis);
            devices.put(d.key(), new SimulatedDevice(d, target.wsUrl(), target.httpUrl(), tokens,
                    revokedRooms.getOrDefault(d.userId(), Set.of()), failures, access));
        }
    }

    private List<TokenPlan.Window> tokenWindows(Cast.Device d) {
        List<TokenPlan.Window> windows = new ArrayList<>();
        for (Step s : scenario.timeline()) {
            if (s.kind() == StepAction.TOKEN_EXPIRY && (d.template().equals(s.device())
                    || d.template().startsWith(s.user() + "/"))) {
                long start = (long) (s.at() * 1000);
                windows.add(new TokenPlan.Window(start, start + (long) (s.duration() * 1000),
                        s.ttlSeconds() == null ? 2 : s.ttlSeconds()));
            }
        }
        return windows;
    }

    private void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30) + TimeUnit.MILLISECONDS.toNanos(20L * devices.size());
        while (System.nanoTime() < deadline) {
            if (devices.values().stream().allMatch(SimulatedDevice::ready)) {
                return;
            }
            Thread.sleep(50);
        }
        for (SimulatedDevice d : devices.values()) {
            if (!d.ready()) {
                failures.add(new Failure(Assertion.RUN, d.device.key(), null, null, -1,
                        "not connected and synced after setup (state " + d.client.state() + ", rooms " + d.client.rooms().keySet() + ")"));
            }
        }
    }

    // ---- convergence ----------------------------------------------------------------------------

    /** Seconds from {@code fromNanos} until converged, or -1 (and the failures recorded) at the deadline. */
    private double awaitConvergence(long fromNanos, long deadlineNanos) throws InterruptedException {
        ConvergenceCheck.Result last = null;
        String problem = null;
        while (true) {
            List<ConvergenceCheck.Subject> subjects = devices.values().stream().map(SimulatedDevice::subject).toList();
            try {
                Map<String, JsonNode> snapshots = new HashMap<>();
                for (String room : ConvergenceCheck.roomsNeeded(subjects)) {
                    snapshots.put(room, http.snapshot(room));
                }
                last = ConvergenceCheck.check(subjects, snapshots);
                if (last.converged()) {
                    return Math.max(0, (System.nanoTime() - fromNanos) / 1e9);
                }
            } catch (IOException e) {
                problem = e.toString();
            }
            if (System.nanoTime() > deadlineNanos) {
                break;
            }
            Thread.sleep(CONVERGENCE_POLL_MILLIS);
        }
        if (last == null) {
            failures.add(Failure.of(Assertion.CONVERGED, "could not read the server's snapshots: " + problem));
            return -1;
        }
        String after = String.format(" (%.1f s after the chaos ended)", scenario.convergenceTimeoutSeconds());
        for (Failure f : last.failures()) {
            failures.add(new Failure(f.assertion(), f.device(), f.room(), f.eventId(), f.offset(), f.detail() + after));
        }
        EventLocator locator = new EventLocator(http::events);
        int named = 0;
        for (ConvergenceCheck.Difference d : last.differences()) {
            EventLocator.Found found = d.resourceId() != null && d.serverVersion() > 0 && named++ < 50
                    ? locator.find(d.room(), d.resourceId(), d.serverVersion()) : null;
            failures.add(new Failure(Assertion.CONVERGED, d.device(), d.room(), found == null ? null : found.eventId(),
                    found == null ? -1 : found.offset(), d.detail() + (found == null ? "" : " (the server's latest is this event)") + after));
        }
        return -1;
    }

    private void checkRevokes() {
        List<RevokeWindow> windows = access.windows();
        if (windows.isEmpty()) {
            return;
        }
        for (SimulatedDevice d : devices.values()) {
            failures.addAll(RevokeCheck.check(d.device.key(), d.device.userId(), d.recorder.applied(), windows));
        }
    }

    // ---- report ---------------------------------------------------------------------------------

    private SimulationReport report(double setupSeconds, double runSeconds, double convergedAfter, Publisher pub,
                                    Timeline timeline) {
        List<DeviceReport> reports = new ArrayList<>();
        for (SimulatedDevice d : devices.values()) {
            reports.add(new DeviceReport(d.device.key(), d.device.userId(), d.client.state().name(), d.client.counters(),
                    d.tokens.minted(), failures.total(d.device.key())));
        }
        return new SimulationReport(scenario.name(), scenario.description(), target.describe(), cast.replicas(),
                devices.size(), setupSeconds, runSeconds, convergedAfter,
                new SimulationReport.Publishing(pub.total(), pub.confirmed(), pub.republished(), pub.retries(), pub.abandoned()),
                timeline.records(), reports, failures.counts(), failures.total(), failures.kept());
    }

    // ---- progress -------------------------------------------------------------------------------

    private Thread startProgress() {
        Thread t = new Thread(() -> {
            long start = System.nanoTime();
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(options.progressMillis());
                } catch (InterruptedException e) {
                    return;
                }
                if (options.progress() != null) {
                    options.progress().accept(progressLine(start));
                }
            }
        }, "simulator-progress");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** {@code 4.2 s running +1.3 s: published 96/160, connected 3/3, applied 288, reconnects 2, failures 0}. */
    public String progressLine(long startNanos) {
        long connected = 0;
        long applied = 0;
        long reconnects = 0;
        for (SimulatedDevice d : devices.values()) {
            if (d.client.state() == ConnectionState.CONNECTED) {
                connected++;
            }
            ClientCounters c = d.client.counters();
            applied += c.eventsApplied();
            reconnects += c.reconnects();
        }
        Publisher pub = publisher;
        StringBuilder b = new StringBuilder(String.format("%6.1f s %s", (System.nanoTime() - startNanos) / 1e9,
                phase.name().toLowerCase(java.util.Locale.ROOT)));
        if (t0Nanos != 0) {
            b.append(String.format(" +%.1f s", (System.nanoTime() - t0Nanos) / 1e9));
        }
        b.append(": ");
        if (pub != null) {
            b.append("published ").append(pub.confirmed()).append('/').append(pub.total()).append(", ");
        }
        b.append("connected ").append(connected).append('/').append(devices.size())
                .append(", applied ").append(applied)
                .append(", reconnects ").append(reconnects)
                .append(", failures ").append(failures.total());
        return b.toString();
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long left;
        while ((left = nanos - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
        }
    }
}
