package dev.switchboard.simulator.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.adminclient.AdminHttpClient;
import dev.switchboard.auth.Role;
import dev.switchboard.client.ClientCounters;
import dev.switchboard.client.ConnectionState;
import dev.switchboard.client.SwitchboardClient;
import dev.switchboard.simulator.check.Assertion;
import dev.switchboard.simulator.check.ConvergenceCheck;
import dev.switchboard.simulator.check.EventLocator;
import dev.switchboard.simulator.check.Failure;
import dev.switchboard.simulator.check.Failures;
import dev.switchboard.simulator.check.RevokeCheck;
import dev.switchboard.simulator.check.RevokeWindow;
import dev.switchboard.simulator.report.DeviceReport;
import dev.switchboard.simulator.report.SimulationReport;
import dev.switchboard.simulator.report.StepRecord;
import dev.switchboard.simulator.scenario.Cast;
import dev.switchboard.simulator.scenario.RunNamespace;
import dev.switchboard.simulator.scenario.Scenario;
import dev.switchboard.simulator.scenario.ScenarioException;
import dev.switchboard.simulator.scenario.Step;
import dev.switchboard.simulator.scenario.StepAction;
import okhttp3.OkHttpClient;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * Every user and room it uses is under the run's own prefix ({@link RunNamespace}, applied by {@link Cast}),
 * its faults reach only the run's users and connections ({@link ScopedFaults}), and {@link #plan()}
 * says what it will touch before {@link #run()}: a run on a shared gateway leaves real users alone.
 *
 * <p>Once-only, in-order and no-stale are checked as events are applied ({@link
 * dev.switchboard.simulator.check.DeliveryRecorder}). A run is not reusable.
 *
 * <p>An application that embeds a run (the operations console) may, from any other thread and at any
 * time, read {@link #phase()}, {@link #devices()}, {@link #publishing()} and {@link #failures()} (live
 * figures, each an immutable snapshot), {@link #inject} chaos by hand while the run is RUNNING or
 * CONVERGING, and {@link #cancel()} it.
 *
 * <p>Threads: {@link #run} runs on the caller's thread; devices report on the SDK's threads, the
 * publisher and the timeline on their own; all of them meet in {@link Failures} and {@link AccessModel}.
 * {@code devices}, {@code publisher}, {@code timeline} and {@code phase} are written by the run's thread
 * only, once each (the map is complete before it is published), and are volatile for the readers. A
 * step injected by hand runs on its caller's thread under {@code chaos}, the lock that also guards
 * whether such steps are still accepted and when the last one is over: the run's thread takes it to
 * end the chaos, so no injected step runs after the verdict. {@link #cancel()} takes no lock.
 */
public final class Simulation {
    /**
     * Where a run stands, for progress lines, live views and benchmarks that measure at a given moment.
     * {@link #phase()} is RUNNING from second 0, once the load and the timeline have started; a
     * cancelled run goes to DONE from wherever it was.
     */
    public enum Phase { GRANTING, CONNECTING, RUNNING, CONVERGING, CONVERGED, DONE }

    /** What {@link #inject} can do: the device steps, and a restart of the embedded gateway. */
    public static final Set<StepAction> MANUAL_ACTIONS = Collections.unmodifiableSet(EnumSet.of(StepAction.OFFLINE,
            StepAction.BACKGROUND, StepAction.CUT, StepAction.DROP, StepAction.DUPLICATE, StepAction.REORDER,
            StepAction.DELAY, StepAction.RESTART_GATEWAY));

    /**
     * @param replicas        copies of the scenario's cast (see {@link Cast}); 1 runs it as written
     * @param eventsPerSecond total publish rate, or null for the scenario's rate in every copy
     * @param progress        receives a progress line every {@code progressMillis}, or null
     * @param phases          told of each phase as it begins (on the running thread), or null
     * @param runId           the run's id (its names' prefix, {@link RunNamespace}), or null for a random one
     */
    public record Options(int replicas, Double eventsPerSecond, Consumer<String> progress, long progressMillis,
                          Consumer<Phase> phases, String runId) {
        public static Options defaults() {
            return new Options(1, null, null, 1000, null, null);
        }

        public Options withReplicas(int n) {
            return new Options(n, eventsPerSecond, progress, progressMillis, phases, runId);
        }

        public Options withRate(Double rate) {
            return new Options(replicas, rate, progress, progressMillis, phases, runId);
        }

        public Options withProgress(Consumer<String> p) {
            return new Options(replicas, eventsPerSecond, p, progressMillis, phases, runId);
        }

        public Options withPhases(Consumer<Phase> p) {
            return new Options(replicas, eventsPerSecond, progress, progressMillis, p, runId);
        }

        /** Reproducible names: the same run id gives the same users and rooms. */
        public Options withRunId(String id) {
            return new Options(replicas, eventsPerSecond, progress, progressMillis, phases, id);
        }
    }

    private static final long CONVERGENCE_POLL_MILLIS = 250;
    /** After a cancel, how long a step or publish in flight may take to end. */
    private static final long CANCEL_GRACE_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final Scenario scenario;
    private final SimulationTarget target;
    private final Options options;
    private final Cast cast;
    private final RunPlan plan;
    private final Failures failures = new Failures();
    private final AccessModel access = new AccessModel();
    private final BackendHttp http;
    /** Null without an admin token: then the scenario may not inject faults. */
    private final ScopedFaults faults;
    private final AtomicBoolean ran = new AtomicBoolean();
    private final CountDownLatch cancelled = new CountDownLatch(1);
    private volatile Map<String, SimulatedDevice> devices = Map.of();
    private volatile Phase phase = Phase.GRANTING;
    private volatile long t0Nanos;
    private volatile Publisher publisher;
    private volatile Timeline timeline;
    private final Object chaos = new Object();
    /** Under {@code chaos}: injected steps are accepted. */
    private boolean chaosOpen;
    /** Under {@code chaos}: steps injected so far. */
    private int manualSteps;
    /** Under {@code chaos}: when the last injected step is over (System.nanoTime), 0 before any. */
    private long manualOverNanos;

    public Simulation(Scenario scenario, SimulationTarget target, Options options) {
        this.scenario = scenario;
        this.target = target;
        this.options = options;
        RunNamespace namespace = options.runId() == null ? RunNamespace.random() : new RunNamespace(options.runId());
        this.cast = new Cast(scenario, options.replicas(), namespace);
        this.plan = RunPlan.of(scenario, cast, target.describe());
        this.http = new BackendHttp(target.nodes().stream().map(SimulationTarget.Endpoint::httpUrl).toList(),
                target.serviceToken(), target.trustedCa());
        this.faults = target.adminToken() == null ? null : new ScopedFaults(new AdminHttpClient(target.httpUrl(),
                target.adminToken(), target.trustedCa() == null ? AdminHttpClient.defaultHttp()
                        : target.trustedCa().applyTo(AdminHttpClient.defaultHttp())), namespace);
        if (scenario.needsAdmin() && target.adminToken() == null) {
            throw new ScenarioException("scenario " + scenario.name() + " injects faults: it needs an admin token (--admin-token)");
        }
        if (scenario.needsCluster() && !target.isCluster()) {
            throw new ScenarioException("scenario " + scenario.name() + " kills nodes or stops Redis: it runs on a cluster"
                    + " the simulator starts itself (simulate --cluster 3 --db-url jdbc:postgresql://...)");
        }
        if (scenario.restartsGateway() && !target.canRestart()) {
            throw new ScenarioException("scenario " + scenario.name() + " restarts the gateway: it needs the embedded gateway"
                    + " (run it without --gateway)");
        }
    }

    /**
     * Runs the scenario and reports; see the class comment. Once only.
     *
     * @throws IllegalStateException when this simulation has run (or is running) already
     */
    public SimulationReport run() throws InterruptedException {
        if (ran.getAndSet(true)) {
            throw new IllegalStateException("a simulation runs once");
        }
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
                cancelled.await(wait, TimeUnit.MILLISECONDS);
            }
            long t0Millis = System.currentTimeMillis();
            devices.values().forEach(d -> d.tokens.startedAt(Math.min(t0Millis, plannedT0Millis)));
            double setupSeconds = (System.nanoTime() - began) / 1e9;
            SimulationReport report = isCancelled() ? report(setupSeconds, 0, -1, List.of(), true) : runLoad(setupSeconds);
            enter(Phase.DONE);
            return report;
        } finally {
            endChaos(-1);
            devices.values().forEach(SimulatedDevice::close);
            progress.interrupt();
        }
    }

    /** Second 0 onwards: the load and the timeline, convergence, the revoke check and the report. */
    private SimulationReport runLoad(double setupSeconds) throws InterruptedException {
        // Listeners hear of RUNNING before second 0 (a benchmark samples the JVM then); phase() says
        // RUNNING once the load and the timeline have started and chaos can be injected.
        announce(Phase.RUNNING);
        t0Nanos = System.nanoTime();
        double rate = options.eventsPerSecond() != null ? options.eventsPerSecond()
                : scenario.load().eventsPerSecond() * cast.replicas();
        Publisher pub = new Publisher(http, scenario.load(), cast.loadRooms(), rate, scenario.durationSeconds(),
                "sim-" + UUID.randomUUID().toString().substring(0, 8), failures, this::authorOf);
        double lastActivity = scenario.lastActivitySeconds();
        long endNanos = t0Nanos + (long) (lastActivity * 1e9);
        long convergeDeadline = endNanos + (long) (scenario.convergenceTimeoutSeconds() * 1e9);
        pub.giveUpAt(convergeDeadline);
        try (Timeline tl = new Timeline(scenario.timeline(), cast, devices, http, faults, target, access, pub, failures)) {
            publisher = pub;
            timeline = tl;
            pub.start(t0Nanos);
            tl.start(t0Nanos);
            synchronized (chaos) {
                chaosOpen = true;
                phase = Phase.RUNNING;
            }
            if (isCancelled()) {
                stopActivity(); // cancel() may have come before publisher and timeline were set
            }
            cancelled.await(Math.max(0, endNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            tl.awaitDone(isCancelled() ? System.nanoTime() + CANCEL_GRACE_NANOS : convergeDeadline);
            if (isCancelled()) {
                pub.awaitDone(System.nanoTime() + CANCEL_GRACE_NANOS);
            } else if (!pub.awaitDone(convergeDeadline)) {
                // Convergence is judged against a server that no longer changes.
                pub.stop();
                pub.awaitDone(System.nanoTime() + TimeUnit.SECONDS.toNanos(20));
                failures.add(Failure.of(Assertion.RUN, "the load could not publish its events by the deadline: "
                        + pub.confirmed() + " of " + pub.total() + " published, the rest left out"));
            }
            long activityOver = isCancelled() ? System.nanoTime() : Math.max(endNanos, System.nanoTime());
            Convergence c = new Convergence(activityOver, -1);
            if (!isCancelled()) {
                enter(Phase.CONVERGING);
                c = awaitConvergence(activityOver);
                if (c.afterSeconds() >= 0) {
                    enter(Phase.CONVERGED);
                }
            }
            double runSeconds = (c.chaosOverNanos() - t0Nanos) / 1e9;
            double convergedAfter = c.afterSeconds();
            // A cancel that came after the devices had converged changes nothing: the verdict was in.
            boolean cancelledRun = convergedAfter < 0 && isCancelled();
            endChaos(-1);
            checkRevokes();
            return report(setupSeconds, runSeconds, convergedAfter, tl.records(), cancelledRun);
        }
    }

    /**
     * The device whose user authors a room's changes: the first of the cast, in the scenario's order,
     * that has the room and applies the reconciliation rules (a device made careless on purpose would
     * show pending values over the events it fails to apply). Its SDK shows each change as pending
     * before the backend publishes it. Called on
     * the publisher's threads ({@code devices} is published once, before the load starts).
     */
    private SwitchboardClient authorOf(String room) {
        for (SimulatedDevice d : devices.values()) {
            if (d.device.rooms().contains(room) && d.device.spec().reconcile()) {
                return d.client;
            }
        }
        return null;
    }

    // ---- live view and control (any thread) -----------------------------------------------------

    /** What the run will touch, known from construction: state it before {@link #run()}. */
    public RunPlan plan() {
        return plan;
    }

    public Phase phase() {
        return phase;
    }

    /**
     * Every device as it stands now, in the scenario's order; empty until the devices are created (in
     * CONNECTING). Each call takes fresh immutable snapshots; cheap enough to poll a few times a second.
     */
    public List<DeviceStatus> devices() {
        return devices.values().stream().map(d -> d.status(failures.total(d.device.key()), cast.namespace())).toList();
    }

    /** The backend's figures so far (all zero before RUNNING). */
    public SimulationReport.Publishing publishing() {
        Publisher pub = publisher;
        return pub == null ? new SimulationReport.Publishing(0, 0, 0, 0, 0) : pub.figures();
    }

    /** Assertion failures found so far. */
    public int failures() {
        return failures.total();
    }

    /**
     * Carries out a chaos step by hand, now, on the caller's thread, as the timeline would carry out the
     * same step written in the scenario, and records it in the report's timeline marked manual. It
     * blocks while the step is carried out: a fault's HTTP call (waiting up to 3 s for a device between
     * connections), or a whole restart with its downtime; call it off a UI thread. One at a time.
     * The convergence verdict waits until the step is over (its duration), then gives the devices the
     * scenario's convergence timeout again.
     *
     * @param deviceKey {@code user/name} as {@link DeviceStatus#device()} gives it; null for restart-gateway
     * @param action    one of {@link #MANUAL_ACTIONS}
     * @param params    its settings, null for {@link ManualChaos#defaults()}
     * @return the step's outcome, as the report shows it (e.g. "fault cut on 1 connection(s)")
     * @throws IllegalStateException    the run is not RUNNING or CONVERGING (not begun, over, or cancelled), or
     *                                  the action needs an admin token or an embedded gateway this run does not have
     * @throws IllegalArgumentException an unknown device, an action that cannot be injected, or a bad setting
     */
    public String inject(String deviceKey, StepAction action, ManualChaos params) {
        Objects.requireNonNull(action, "action");
        ManualChaos settings = params == null ? ManualChaos.defaults() : params;
        synchronized (chaos) {
            if (!chaosOpen || isCancelled()) {
                throw new IllegalStateException("chaos can be injected while the run is RUNNING or CONVERGING (until"
                        + " its verdict); it is " + phase + (isCancelled() ? ", cancelled" : ""));
            }
            if (!MANUAL_ACTIONS.contains(action)) {
                throw new IllegalArgumentException(action.wire() + " cannot be injected by hand; one of "
                        + MANUAL_ACTIONS.stream().map(StepAction::wire).toList());
            }
            List<SimulatedDevice> on = List.of();
            if (action == StepAction.RESTART_GATEWAY) {
                if (deviceKey != null) {
                    throw new IllegalArgumentException("restart-gateway names no device, got " + deviceKey);
                }
                if (!target.canRestart()) {
                    throw new IllegalStateException("restart-gateway needs the embedded gateway; this run uses " + target.describe());
                }
            } else {
                SimulatedDevice d = devices.get(deviceKey);
                if (d == null) {
                    throw new IllegalArgumentException("no device " + deviceKey + " in this run (devices are named user/name)");
                }
                if (action.isFault() && target.adminToken() == null) {
                    throw new IllegalStateException(action.wire() + " is a fault: it needs the gateway's admin token (--admin-token)");
                }
                on = List.of(d);
            }
            // to the millisecond, as the report shows it
            double at = Math.round((System.nanoTime() - t0Nanos) / 1e6) / 1e3;
            Step step = settings.step(action, deviceKey, at);
            manualSteps++;
            String outcome = timeline.runNow(step, on);
            manualOverNanos = Math.max(manualOverNanos, Math.max(System.nanoTime(), t0Nanos + (long) (step.end() * 1e9)));
            return outcome;
        }
    }

    /**
     * Ends {@link #run} early, from any thread, at any time (again: no effect): the backend publishes
     * nothing more, steps not yet begun are skipped, convergence is not waited for, and the report,
     * with what ran until then, says CANCELLED. Returns at once; run() returns once steps and publishes
     * in flight are over (a restart in progress, within 10 s).
     */
    public void cancel() {
        cancelled.countDown();
        stopActivity();
    }

    public boolean isCancelled() {
        return cancelled.getCount() == 0;
    }

    private void stopActivity() {
        Publisher pub = publisher;
        if (pub != null) {
            pub.stop();
        }
        Timeline tl = timeline;
        if (tl != null) {
            tl.cancel();
        }
    }

    /**
     * Accepts no more injected steps, unless one was injected since {@code seen} steps (then the verdict
     * must wait for it: false); -1 ends the chaos whatever came.
     */
    private boolean endChaos(int seen) {
        synchronized (chaos) {
            if (seen >= 0 && manualSteps != seen) {
                return false;
            }
            chaosOpen = false;
            return true;
        }
    }

    private void enter(Phase p) {
        phase = p;
        announce(p);
    }

    private void announce(Phase p) {
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
                            BackendHttp.Answer a = http.grant(room, u.id());
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
                } catch (ExecutionException e) {
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
        Map<String, SimulatedDevice> all = new LinkedHashMap<>();
        OkHttpClient deviceHttp = target.trustedCa() == null ? SimulatedDevice.HTTP
                : target.trustedCa().applyTo(SimulatedDevice.HTTP);
        List<SimulationTarget.Endpoint> nodes = target.nodes();
        int i = 0;
        for (Cast.Device d : cast.devices()) {
            Role role = d.spec().role().equals("service") ? Role.SERVICE : Role.USER;
            TokenPlan tokens = new TokenPlan(target.issuer(), d.userId(), role, d.name(), tokenWindows(d), plannedT0Millis);
            // Spread over the nodes; each device knows the others, to move to when its node dies.
            List<SimulationTarget.Endpoint> order = new ArrayList<>();
            for (int k = 0; k < nodes.size(); k++) {
                order.add(nodes.get((i + k) % nodes.size()));
            }
            i++;
            all.put(d.key(), new SimulatedDevice(d, order, tokens,
                    revokedRooms.getOrDefault(d.userId(), Set.of()), failures, access, deviceHttp));
        }
        devices = Collections.unmodifiableMap(all);
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
            if (devices.values().stream().allMatch(SimulatedDevice::ready) || cancelled.await(50, TimeUnit.MILLISECONDS)) {
                return;
            }
        }
        for (SimulatedDevice d : devices.values()) {
            if (!d.ready()) {
                failures.add(new Failure(Assertion.RUN, d.device.key(), null, null, -1,
                        "not connected and synced after setup (state " + d.client.state() + ", rooms " + d.client.rooms().keySet() + ")"));
            }
        }
    }

    // ---- convergence ----------------------------------------------------------------------------

    /**
     * When the chaos was over, and the seconds from then until the devices converged.
     *
     * @param afterSeconds -1 when not converged by the deadline (the failures are recorded) or cancelled
     */
    private record Convergence(long chaosOverNanos, double afterSeconds) {
    }

    /**
     * Waits for the devices to converge. The chaos is over at {@code activityOverNanos} or when the last
     * step injected by hand is over, whichever is later; the deadline is the scenario's timeout after it.
     */
    private Convergence awaitConvergence(long activityOverNanos) throws InterruptedException {
        long timeout = (long) (scenario.convergenceTimeoutSeconds() * 1e9);
        ConvergenceCheck.Result last = null;
        String problem = null;
        while (true) {
            int seen;
            long quietFrom;
            synchronized (chaos) {
                seen = manualSteps;
                quietFrom = Math.max(activityOverNanos, manualOverNanos);
            }
            if (System.nanoTime() >= quietFrom) {
                List<ConvergenceCheck.Subject> subjects = devices.values().stream().map(SimulatedDevice::subject).toList();
                try {
                    Map<String, JsonNode> snapshots = new HashMap<>();
                    for (String room : ConvergenceCheck.roomsNeeded(subjects)) {
                        snapshots.put(room, http.snapshot(room));
                    }
                    last = ConvergenceCheck.check(subjects, snapshots);
                    if (last.converged() && endChaos(seen)) {
                        return new Convergence(quietFrom, Math.max(0, (System.nanoTime() - quietFrom) / 1e9));
                    }
                } catch (IOException e) {
                    problem = e.toString();
                }
            }
            if (System.nanoTime() > quietFrom + timeout && endChaos(seen)) {
                return notConverged(quietFrom, last, problem);
            }
            if (cancelled.await(CONVERGENCE_POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                return new Convergence(quietFrom, -1);
            }
        }
    }

    /** Records why the devices had not converged by the deadline. */
    private Convergence notConverged(long chaosOverNanos, ConvergenceCheck.Result last, String problem) {
        if (last == null) {
            failures.add(Failure.of(Assertion.CONVERGED, "could not read the server's snapshots: " + problem));
            return new Convergence(chaosOverNanos, -1);
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
        return new Convergence(chaosOverNanos, -1);
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

    private SimulationReport report(double setupSeconds, double runSeconds, double convergedAfter, List<StepRecord> steps,
                                    boolean cancelledRun) {
        List<DeviceReport> reports = new ArrayList<>();
        for (SimulatedDevice d : devices.values()) {
            reports.add(new DeviceReport(d.device.key(), cast.namespace().plain(d.device.userId()), d.client.state().name(),
                    d.client.counters(), d.tokens.minted(), failures.total(d.device.key())));
        }
        // Reports name users and rooms as the scenario does; the run id, stated once, gives the names on the gateway.
        List<Failure> kept = failures.kept().stream().map(f -> new Failure(f.assertion(), f.device(),
                cast.namespace().plain(f.room()), f.eventId(), f.offset(), cast.namespace().plain(f.detail()))).toList();
        return new SimulationReport(scenario.name(), scenario.description(), plan.runId(), plan.prefix(),
                target.describe(), cast.replicas(), devices.size(), setupSeconds, runSeconds, convergedAfter,
                publishing(), steps, reports, failures.counts(), failures.total(), kept, cancelledRun);
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
                phase.name().toLowerCase(Locale.ROOT)));
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
}
