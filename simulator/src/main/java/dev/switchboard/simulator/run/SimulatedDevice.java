package dev.switchboard.simulator.run;

import dev.switchboard.client.ConnectionState;
import dev.switchboard.client.RoomView;
import dev.switchboard.client.SwitchboardClient;
import dev.switchboard.simulator.check.ConvergenceCheck;
import dev.switchboard.simulator.check.DeliveryRecorder;
import dev.switchboard.simulator.check.Failures;
import dev.switchboard.simulator.scenario.Cast;
import dev.switchboard.simulator.scenario.RunNamespace;

import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;

/**
 * One simulated device: an SDK client with the device's token plan, joined to the device's rooms,
 * watched by a {@link DeliveryRecorder}. Like an app, it joins a room again when it lost it while
 * its user is still (or again) granted it, e.g. a {@code revoked} frame that arrived after a re-grant.
 *
 * <p>Threads: built and started on the run's thread; its client calls the recorder on the SDK's threads.
 * {@link #status}, {@link #ready} and {@link #subject} read only what the SDK publishes for any thread
 * (state, room views, counters), so the progress line and a live view may call them at any time.
 */
final class SimulatedDevice {
    /**
     * The OkHttp client every simulated device shares. OkHttp runs each open WebSocket's reader loop
     * inside its call, so every socket counts against the dispatcher's {@code maxRequests} for its whole
     * life: with OkHttp's default (64), the 65th device of a JVM never connects and, once 64 sockets are
     * open, no snapshot or recovery page of any device is ever sent. The SDK's default client had that
     * limit until commit 4dac26b; the simulator keeps its own so it does not depend on it, with sockets
     * unbounded and recovery calls to the one gateway host capped at 64 at a time.
     */
    static final OkHttpClient HTTP = http();

    private static OkHttpClient http() {
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(Integer.MAX_VALUE);
        dispatcher.setMaxRequestsPerHost(64);
        return new OkHttpClient.Builder().dispatcher(dispatcher).readTimeout(Duration.ZERO)
                .pingInterval(Duration.ZERO).build();
    }

    final Cast.Device device;
    final SwitchboardClient client;
    final DeliveryRecorder recorder;
    final TokenPlan tokens;
    private final AccessModel access;

    /** @param nodes the gateway's nodes, the device's own first (it moves to the next when its node is lost) */
    SimulatedDevice(Cast.Device device, List<SimulationTarget.Endpoint> nodes, TokenPlan tokens, Set<String> watchedRooms,
                    Failures failures, AccessModel access, OkHttpClient http) {
        this.device = device;
        this.tokens = tokens;
        this.access = access;
        SwitchboardClient.Builder builder = SwitchboardClient.builder()
                .wsUrl(nodes.get(0).wsUrl())
                .httpUrl(nodes.get(0).httpUrl());
        for (SimulationTarget.Endpoint other : nodes.subList(1, nodes.size())) {
            builder.alsoGateway(other.wsUrl(), other.httpUrl());
        }
        this.client = builder
                .token(tokens)
                .device(device.name())
                .app("simulator")
                .backoff(Duration.ofMillis(100), Duration.ofSeconds(5))
                .acks(device.spec().acks())
                .reconcile(device.spec().reconcile())
                .http(http)
                .build();
        this.recorder = new DeliveryRecorder(device.key(), watchedRooms, failures, this::lost);
        client.addListener(recorder);
        for (String room : device.rooms()) {
            client.join(room);
        }
    }

    void start() {
        client.start();
    }

    private void lost(String room) {
        if (device.rooms().contains(room) && access.isGranted(device.userId(), room)) {
            client.join(room);
        }
    }

    /** Joins a room its user was granted (again). */
    void granted(String room) {
        if (device.rooms().contains(room)) {
            client.join(room);
        }
    }

    /** The rooms this device should hold now: its granted rooms and its user's own room. */
    Set<String> expectedRooms() {
        Set<String> rooms = new LinkedHashSet<>();
        rooms.add("user:" + device.userId());
        for (String r : device.rooms()) {
            if (access.isGranted(device.userId(), r)) {
                rooms.add(r);
            }
        }
        return rooms;
    }

    /** Connected, and every room it should hold held and not recovering. */
    boolean ready() {
        if (client.state() != ConnectionState.CONNECTED) {
            return false;
        }
        Map<String, RoomView> rooms = client.rooms();
        for (String r : expectedRooms()) {
            RoomView v = rooms.get(r);
            if (v == null || v.syncing() || v.epoch() == null) {
                return false;
            }
        }
        return true;
    }

    /**
     * What it holds and did so far, for a live view; {@code failures} as counted for it elsewhere. The
     * user and rooms are named as the scenario names them, without the run's prefix.
     */
    DeviceStatus status(int failures, RunNamespace namespace) {
        return new DeviceStatus(device.key(), namespace.plain(device.userId()), device.name(), client.state().name(),
                client.connectionId(), client.rooms().values().stream().map(v -> DeviceStatus.RoomStatus.of(v, namespace))
                        .sorted(Comparator.comparing(DeviceStatus.RoomStatus::room)).toList(), client.counters(),
                tokens.minted(), failures);
    }

    ConvergenceCheck.Subject subject() {
        return new ConvergenceCheck.Subject(device.key(), client.state(), client.rooms(), expectedRooms(),
                client.pendingChanges());
    }

    void close() {
        client.close();
    }
}
