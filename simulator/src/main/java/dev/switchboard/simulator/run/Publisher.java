package dev.switchboard.simulator.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.client.PendingChange;
import dev.switchboard.client.ResourceState;
import dev.switchboard.client.RoomView;
import dev.switchboard.client.SwitchboardClient;
import dev.switchboard.model.json.Json;
import dev.switchboard.simulator.check.Assertion;
import dev.switchboard.simulator.check.Failure;
import dev.switchboard.simulator.check.Failures;
import dev.switchboard.simulator.report.SimulationReport;
import dev.switchboard.simulator.scenario.LoadSpec;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * The backend of a scenario: publishes {@code total} events over HTTP at a steady rate (event k is due
 * k / rate seconds after the start) from a few threads. Every event carries its own id, so a publish
 * that failed in flight (the gateway restarting, a 503) is simply sent again until it is confirmed:
 * a repeated id is a no-op on the gateway. A queue worker's retry ({@code republishEvery}, and the
 * {@code republish} step) sends a confirmed event again and expects 200 with the first answer.
 *
 * <p>Threads: the publisher threads share only the atomic counters and {@code recent} (under its lock).
 */
final class Publisher {
    /** A confirmed event: its publish body and the gateway's answer ({@code id, seq, version, offsets}). */
    record Published(long k, String id, ObjectNode body, JsonNode answer) {
    }

    private static final int RECENT = 10_000;

    private final BackendHttp http;
    private final LoadSpec load;
    private final List<String> rooms;
    private final double rate;
    private final int total;
    private final String runId;
    private final Failures failures;
    private final Function<String, SwitchboardClient> authors;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger confirmed = new AtomicInteger();
    private final AtomicInteger republished = new AtomicInteger();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicInteger abandoned = new AtomicInteger();
    private final Deque<Published> recent = new ArrayDeque<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile long giveUpAtNanos = Long.MAX_VALUE;
    private volatile boolean stopped;

    /** @param authors the device that authors a room's changes (shows them as pending first), or null for none */
    Publisher(BackendHttp http, LoadSpec load, List<String> rooms, double eventsPerSecond, double durationSeconds,
              String runId, Failures failures, Function<String, SwitchboardClient> authors) {
        this.authors = authors;
        this.http = http;
        this.load = load;
        this.rooms = List.copyOf(rooms);
        this.rate = eventsPerSecond;
        this.total = (int) Math.max(1, Math.round(eventsPerSecond * durationSeconds));
        this.runId = runId;
        this.failures = failures;
    }

    void start(long t0Nanos) {
        for (int i = 0; i < load.publishers(); i++) {
            Thread t = new Thread(() -> publishLoop(t0Nanos), "simulator-publisher-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    /** Publishes still failing at this time are abandoned (and reported). */
    void giveUpAt(long nanos) {
        giveUpAtNanos = nanos;
    }

    /** Publishes nothing more: events not yet sent are left out, publishes in flight are not retried. */
    void stop() {
        stopped = true;
    }

    /** Waits for every event to be confirmed or abandoned; false when the deadline came first. */
    boolean awaitDone(long deadlineNanos) throws InterruptedException {
        for (Thread t : threads) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            if (t.isAlive()) {
                return false;
            }
        }
        return true;
    }

    int total() {
        return total;
    }

    /** The figures so far: due, confirmed, republished, retries, abandoned (atomics: any thread). */
    SimulationReport.Publishing figures() {
        return new SimulationReport.Publishing(total, confirmed.get(), republished.get(), retries.get(), abandoned.get());
    }

    int confirmed() {
        return confirmed.get();
    }

    private void publishLoop(long t0Nanos) {
        int k;
        while (!stopped && (k = next.getAndIncrement()) < total) {
            long due = t0Nanos + (long) (k * 1e9 / rate);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            ObjectNode body = body(k);
            PendingChange change = showAsPending(body);
            BackendHttp.Answer answer = publishUntilConfirmed(body);
            if (answer == null) {
                if (change != null) {
                    change.failed();
                }
                continue;
            }
            confirmed.incrementAndGet();
            Published p = new Published(k, body.path("id").asText(), body, answer.json());
            synchronized (recent) {
                recent.addLast(p);
                if (recent.size() > RECENT) {
                    recent.removeFirst();
                }
            }
            if (load.republishEvery() > 0 && k % load.republishEvery() == load.republishEvery() - 1) {
                republish(p);
            }
        }
    }

    /**
     * As an app would before publishing its user's change: the room's author device shows the change
     * at once as pending, expecting the version after the one it holds (a lower bound: its view may lag
     * and other changes may be in flight, so the change resolves by its event id or by a snapshot at
     * or after that version). Null when no device of the cast authors the room or it does not hold it.
     */
    private PendingChange showAsPending(ObjectNode body) {
        String room = body.path("rooms").path(0).asText();
        SwitchboardClient author = authors.apply(room);
        RoomView view = author == null ? null : author.rooms().get(room);
        if (view == null) {
            return null;
        }
        String resourceId = body.path("resourceId").asText();
        ResourceState held = view.resources().get(resourceId);
        long expected = (held == null ? 0 : held.version()) + 1;
        return author.pending(room, resourceId, expected, body.get("payload"), body.path("id").asText());
    }

    /** The k-th event: room k mod rooms, resource (k / rooms) mod resources of that room. */
    private ObjectNode body(int k) {
        String room = rooms.get(k % rooms.size());
        long nth = k / rooms.size();
        ObjectNode body = Json.object();
        body.put("id", runId + "-" + k);
        body.put("type", load.type());
        body.put("resourceId", room + "/r" + (nth % load.resources()));
        body.putArray("rooms").add(room);
        body.put("actorId", "simulator");
        ObjectNode payload = body.putObject("payload");
        payload.put("k", k);
        payload.put("n", nth);
        return body;
    }

    /** 201 or 200: the answer. Retries what may succeed later; null when refused or abandoned. */
    private BackendHttp.Answer publishUntilConfirmed(ObjectNode body) {
        String id = body.path("id").asText();
        while (true) {
            String problem;
            try {
                BackendHttp.Answer a = http.publish(body);
                if (a.status() == 201 || a.status() == 200) {
                    return a;
                }
                if (a.status() != 503 && a.status() != 500) {
                    failures.add(new Failure(Assertion.RUN, null, body.path("rooms").path(0).asText(), id, -1,
                            "publish refused: " + a));
                    abandoned.incrementAndGet();
                    return null;
                }
                problem = a.toString();
            } catch (IOException e) {
                problem = String.valueOf(e.getMessage());
            }
            if (stopped) {
                abandoned.incrementAndGet();
                return null;
            }
            if (System.nanoTime() > giveUpAtNanos) {
                failures.add(new Failure(Assertion.RUN, null, body.path("rooms").path(0).asText(), id, -1,
                        "publish not confirmed before the deadline: " + problem));
                abandoned.incrementAndGet();
                return null;
            }
            retries.incrementAndGet();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }

    /** Publishes the last {@code count} confirmed events again; returns how many were sent. */
    int republishLast(int count) {
        List<Published> last;
        synchronized (recent) {
            List<Published> all = new ArrayList<>(recent);
            last = all.subList(Math.max(0, all.size() - count), all.size());
        }
        last.forEach(this::republish);
        return last.size();
    }

    private void republish(Published p) {
        BackendHttp.Answer a = publishUntilConfirmed(p.body());
        if (a == null) {
            return;
        }
        republished.incrementAndGet();
        String room = p.body().path("rooms").path(0).asText();
        long offset = p.answer().path("offsets").path(room).asLong(-1);
        JsonNode again = a.json();
        if (a.status() != 200 || !again.path("offsets").equals(p.answer().path("offsets"))
                || !again.path("seq").equals(p.answer().path("seq"))) {
            failures.add(new Failure(Assertion.IDEMPOTENT_PUBLISH, null, room, p.id(), offset,
                    "published again with the same id and content: got " + a + ", first answer " + p.answer()));
        }
    }
}
