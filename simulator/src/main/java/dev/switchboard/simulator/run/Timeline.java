package dev.switchboard.simulator.run;

import dev.switchboard.adminclient.AdminCallException;
import dev.switchboard.model.admin.AdminJson;
import dev.switchboard.model.admin.FaultInfo;
import dev.switchboard.model.admin.FaultRequest;
import dev.switchboard.simulator.check.Assertion;
import dev.switchboard.simulator.check.Failure;
import dev.switchboard.simulator.check.Failures;
import dev.switchboard.simulator.report.StepRecord;
import dev.switchboard.simulator.scenario.Cast;
import dev.switchboard.simulator.scenario.Step;
import dev.switchboard.simulator.scenario.StepAction;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Carries out the chaos steps at their seconds, on every copy of the user, device or room they name:
 * faults through {@code POST /admin/faults} (on the run's own users and connections only: {@link
 * ScopedFaults}), offline through the SDK, revokes and grants through the ACL, gateway restarts through
 * the embedded gateway. Each step's outcome goes into the report. A step injected by hand ({@link
 * #runNow}) goes through the same code, on the devices it is given.
 *
 * <p>Threads: scheduled steps run on this timeline's two scheduler threads (a restart can take a
 * second and must not hold up the next step), a step injected by hand on its caller's thread. The
 * records and the pending list are guarded by their own locks, restarts by {@code restarts} (one at
 * a time); {@link #cancel} may come from any thread.
 */
final class Timeline implements AutoCloseable {
    private static final long CONNECTION_WAIT_MILLIS = 3_000;

    private final List<Step> steps;
    private final Cast cast;
    private final Map<String, SimulatedDevice> devices;
    private final BackendHttp http;
    /** Null when the target has no admin token; then the scenario injects no faults (Simulation checks). */
    private final ScopedFaults faults;
    private final SimulationTarget target;
    private final AccessModel access;
    private final Publisher publisher;
    private final Failures failures;
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "simulator-timeline");
        t.setDaemon(true);
        return t;
    });
    private final List<StepRecord> records = new ArrayList<>();
    /** Guarded by itself, as is {@code cancelled}. */
    private final List<Pending> pending = new ArrayList<>();
    private final Object restarts = new Object();
    private boolean cancelled;
    private volatile long t0Nanos;

    /** An action scheduled for later, and its completion, which {@link #awaitDone} waits for. */
    private record Pending(ScheduledFuture<?> task, CompletableFuture<Void> done) {
    }

    Timeline(List<Step> steps, Cast cast, Map<String, SimulatedDevice> devices, BackendHttp http, ScopedFaults faults,
             SimulationTarget target, AccessModel access, Publisher publisher, Failures failures) {
        this.steps = steps;
        this.cast = cast;
        this.devices = devices;
        this.http = http;
        this.faults = faults;
        this.target = target;
        this.access = access;
        this.publisher = publisher;
        this.failures = failures;
    }

    void start(long t0Nanos) {
        this.t0Nanos = t0Nanos;
        for (Step s : steps) {
            later(s.at(), () -> run(s, s.device() == null ? List.of() : copies(s.device()), false));
        }
    }

    /**
     * Carries out a step now, on the caller's thread, with {@code on} as the devices a device step hits
     * (a step naming a user hits the user's connections as scheduled ones do); it is recorded as manual.
     * What the step schedules (going online again) runs on the timeline's threads.
     *
     * @return the outcome, as the report shows it
     */
    String runNow(Step s, List<SimulatedDevice> on) {
        return run(s, on, true);
    }

    /** Skips every step and scheduled action that has not begun; those running go on (awaitDone waits for them). */
    void cancel() {
        synchronized (pending) {
            cancelled = true;
            for (Pending p : pending) {
                if (p.task().cancel(false)) {
                    p.done().complete(null);
                }
            }
        }
    }

    /** Waits until every step (and what it scheduled, such as going online again) has run. */
    void awaitDone(long deadlineNanos) throws InterruptedException {
        int i = 0;
        while (true) {
            CompletableFuture<Void> f;
            synchronized (pending) {
                if (i >= pending.size()) {
                    return;
                }
                f = pending.get(i++).done();
            }
            try {
                f.get(Math.max(1, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                return;
            } catch (ExecutionException e) {
                // recorded by the step itself
            }
        }
    }

    List<StepRecord> records() {
        synchronized (records) {
            return records.stream().sorted(Comparator.comparingDouble(StepRecord::plannedAt)).toList();
        }
    }

    /** Runs {@code action} at {@code seconds} after second 0, unless the timeline is cancelled. */
    private void later(double seconds, Runnable action) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        long delay = t0Nanos + (long) (seconds * 1e9) - System.nanoTime();
        synchronized (pending) {
            if (cancelled) {
                return;
            }
            ScheduledFuture<?> task = scheduler.schedule(() -> {
                try {
                    action.run();
                    done.complete(null);
                } catch (RuntimeException e) {
                    done.completeExceptionally(e);
                }
            }, Math.max(0, delay), TimeUnit.NANOSECONDS);
            pending.add(new Pending(task, done));
        }
    }

    private double now() {
        return (System.nanoTime() - t0Nanos) / 1e9;
    }

    private String run(Step s, List<SimulatedDevice> on, boolean manual) {
        double started = now();
        String outcome;
        try {
            outcome = execute(s, on);
        } catch (IOException | RuntimeException e) {
            outcome = "FAILED: " + e;
            failures.add(Failure.of(Assertion.RUN, (manual ? "manual step " : "step ") + s.describe() + " at " + s.at()
                    + " s failed: " + e));
        }
        synchronized (records) {
            records.add(new StepRecord(s.at(), started, s.describe(), outcome, manual));
        }
        return outcome;
    }

    /** {@code on}: the devices a step naming a device hits. */
    private String execute(Step s, List<SimulatedDevice> on) throws IOException {
        StepAction a = s.kind();
        return switch (a) {
            case OFFLINE -> offline(s, on);
            case BACKGROUND, CUT, DROP, DUPLICATE, REORDER, DELAY -> fault(s, a, on);
            case RESTART_GATEWAY -> {
                synchronized (restarts) {
                    long began = System.nanoTime();
                    target.restart(Duration.ofMillis((long) (s.duration() * 1000)));
                    yield String.format("gateway back after %.2f s", (System.nanoTime() - began) / 1e9);
                }
            }
            case REVOKE -> revoke(s);
            case GRANT -> grant(s);
            case TOKEN_EXPIRY -> tokenExpiry(s);
            case REPUBLISH -> publisher.republishLast(s.count()) + " events published again";
            case STOP_REDIS -> {
                target.stopRedis();
                yield "Redis stopped: the nodes read each other's events from the log";
            }
            case START_REDIS -> {
                target.startRedis();
                yield "Redis started again";
            }
            case KILL_NODE -> {
                target.killNode(s.node());
                yield "node " + target.nodes().get(s.node()).name() + " killed (SIGKILL)";
            }
        };
    }

    private String offline(Step s, List<SimulatedDevice> ds) {
        ds.forEach(d -> d.client.goOffline());
        later(s.end(), () -> ds.forEach(d -> d.client.goOnline()));
        return ds.size() + " device(s) offline until +" + Math.round(s.end() * 1000) / 1000.0 + " s";
    }

    private String fault(Step s, StepAction a, List<SimulatedDevice> on) {
        String kind = a == StepAction.BACKGROUND ? "pause" : a.wire();
        Long durationMs = s.durationSeconds() != null && s.durationSeconds() > 0
                ? (long) (s.durationSeconds() * 1000) : null;
        AtomicInteger connections = new AtomicInteger();
        List<String> notes = new ArrayList<>();
        if (s.user() != null) {
            for (Cast.User u : cast.users(s.user())) {
                inject(new FaultRequest(null, u.id(), kind, s.count(), s.delayMs(), s.window(), durationMs), u.id(),
                        connections, notes);
            }
        } else {
            for (SimulatedDevice d : on) {
                String connection = connectionOf(d);
                if (connection == null) {
                    notes.add(d.device.key() + " not connected: skipped");
                    continue;
                }
                inject(new FaultRequest(connection, null, kind, s.count(), s.delayMs(), s.window(), durationMs),
                        d.device.key(), connections, notes);
            }
        }
        return "fault " + kind + " on " + connections.get() + " connection(s)"
                + (notes.isEmpty() ? "" : "; " + String.join("; ", notes.subList(0, Math.min(5, notes.size()))));
    }

    private void inject(FaultRequest request, String who, AtomicInteger connections, List<String> notes) {
        try {
            FaultInfo fault = faults.inject(request, 15);
            connections.addAndGet(fault.connections() == null ? 0 : fault.connections().size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            notes.add(who + ": interrupted");
        } catch (ExecutionException | TimeoutException e) {
            AdminCallException refused = AdminCallException.of(e instanceof ExecutionException ? e.getCause() : e);
            if (refused.status() == 404) {
                notes.add(who + ": connection gone (" + refused.describe() + ")");
            } else {
                failures.add(Failure.of(Assertion.RUN, "fault " + AdminJson.write(request) + " refused: "
                        + refused.describe()));
                notes.add(who + ": refused " + refused.status());
            }
        }
    }

    /** The device's current connection; a device between connections is waited for a moment. */
    private static String connectionOf(SimulatedDevice d) {
        long deadline = System.currentTimeMillis() + CONNECTION_WAIT_MILLIS;
        String c;
        while ((c = d.client.connectionId()) == null && System.currentTimeMillis() < deadline) {
            sleep(50);
        }
        return c;
    }

    private String revoke(Step s) throws IOException {
        int done = 0;
        for (Cast.User u : cast.users(s.user())) {
            String room = cast.room(s.room(), u.replica());
            access.revoking(u.id(), room);
            BackendHttp.Answer a = http.revoke(room, u.id());
            long at = System.nanoTime();
            if (a.status() != 204) {
                failures.add(Failure.of(Assertion.RUN, "revoke of " + u.id() + " on " + room + " refused: " + a));
                continue;
            }
            long head = http.snapshot(room).path("offset").asLong();
            access.revoked(u.id(), room, at, head);
            done++;
        }
        return done + " user(s) revoked";
    }

    private String grant(Step s) throws IOException {
        int done = 0;
        for (Cast.User u : cast.users(s.user())) {
            String room = cast.room(s.room(), u.replica());
            access.regranting(u.id(), room, System.nanoTime());
            BackendHttp.Answer a = http.grant(room, u.id());
            if (a.status() != 204) {
                failures.add(Failure.of(Assertion.RUN, "grant of " + u.id() + " on " + room + " refused: " + a));
                continue;
            }
            for (Cast.Device d : u.devices()) {
                devices.get(d.key()).granted(room);
            }
            done++;
        }
        return done + " user(s) granted; their devices join";
    }

    private String tokenExpiry(Step s) {
        int n = s.user() != null ? cast.users(s.user()).stream().mapToInt(u -> u.devices().size()).sum()
                : cast.devices(s.device()).size();
        return "tokens of " + n + " device(s) expire now" + (s.duration() > 0
                ? "; tokens of " + (s.ttlSeconds() == null ? 2 : s.ttlSeconds()) + " s until +" + s.end() + " s" : "");
    }

    private List<SimulatedDevice> copies(String deviceTemplate) {
        return cast.devices(deviceTemplate).stream().map(d -> devices.get(d.key())).toList();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
