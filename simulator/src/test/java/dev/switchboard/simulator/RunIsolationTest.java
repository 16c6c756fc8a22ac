package dev.switchboard.simulator;

import dev.switchboard.adminclient.AdminApi;
import dev.switchboard.adminclient.AdminHttpClient;
import dev.switchboard.auth.Role;
import dev.switchboard.client.ConnectionState;
import dev.switchboard.client.RoomView;
import dev.switchboard.client.SwitchboardClient;
import dev.switchboard.client.SwitchboardListener;
import dev.switchboard.model.admin.AuditTrail;
import dev.switchboard.model.admin.FaultInfo;
import dev.switchboard.model.event.Event;
import dev.switchboard.simulator.report.SimulationReport;
import dev.switchboard.simulator.report.TextReport;
import dev.switchboard.simulator.run.BackendHttp;
import dev.switchboard.simulator.run.EmbeddedGateway;
import dev.switchboard.simulator.run.Simulation;
import dev.switchboard.simulator.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The issue this guards against: a built-in scenario run against a shared gateway cut real
 * {@code alice} devices and published into {@code user:alice}. Here a real device of user {@code alice}
 * (plain, its own token) sits in {@code user:alice} and in the scenario's room {@code doc:shared} on the
 * same gateway while {@code two-devices-one-account} cuts alice's devices (by device and by user) and
 * publishes into {@code doc:shared} and {@code user:alice}. Before the run's names had a prefix, the
 * user-wide cut closed the real device's connection and every event of {@code user:alice} and
 * {@code doc:shared} reached it.
 */
class RunIsolationTest {

    @Test
    void aRealDeviceWithTheScenariosUserNameIsUntouched() throws Exception {
        try (EmbeddedGateway gateway = EmbeddedGateway.start()) {
            BackendHttp backend = new BackendHttp(gateway.httpUrl(), gateway.serviceToken());
            assertThat(backend.grant("doc:shared", "alice").status()).isEqualTo(204);
            Watch watch = new Watch();
            SwitchboardClient real = SwitchboardClient.builder()
                    .wsUrl(gateway.wsUrl())
                    .httpUrl(gateway.httpUrl())
                    .token(() -> gateway.issuer().issue("alice", Role.USER, "phone", Duration.ofHours(1)))
                    .device("phone")
                    .app("real-app")
                    .build();
            try {
                real.addListener(watch);
                real.join("user:alice");
                real.join("doc:shared");
                real.start();
                awaitSynced(real, "user:alice", "doc:shared");
                String connection = real.connectionId();
                int statesBefore = watch.states.size();

                Simulation simulation = new Simulation(ScenarioLoader.builtIn("two-devices-one-account"), gateway,
                        Simulation.Options.defaults());
                SimulationReport report = simulation.run();
                assertThat(report.passed()).as(TextReport.render(report)).isTrue();
                assertThat(report.steps()).anySatisfy(s -> assertThat(s.step()).isEqualTo("cut alice"));

                // never disconnected: the same connection all along, no state change, no reconnect
                assertThat(real.connectionId()).isEqualTo(connection);
                assertThat(real.state()).isEqualTo(ConnectionState.CONNECTED);
                assertThat(watch.states.subList(statesBefore, watch.states.size())).as("state changes during the run").isEmpty();
                assertThat(real.counters().reconnects()).isZero();
                // received nothing the run published, live or recovered
                assertThat(watch.applied).as("events applied by the real device").isEmpty();
                for (String room : List.of("user:alice", "doc:shared")) {
                    RoomView v = real.rooms().get(room);
                    assertThat(v.offset()).as(room + " offset on the real device").isZero();
                    assertThat(v.resources()).as(room + " on the real device").isEmpty();
                    assertThat(backend.snapshot(room).path("offset").asLong()).as(room + " on the server").isZero();
                }

                AdminApi admin = new AdminHttpClient(gateway.httpUrl(), gateway.adminToken(), AdminHttpClient.defaultHttp());
                AuditTrail audit = admin.audit(1000).get(10, TimeUnit.SECONDS);
                List<String> faultTargets = audit.entries().stream().filter(e -> e.action().equals("fault.inject"))
                        .map(AuditTrail.Entry::target).toList();
                assertThat(faultTargets).as("faults were injected").isNotEmpty()
                        .doesNotContain("user:alice", "connection:" + connection)
                        .contains("user:sim-" + report.runId() + ".alice");
                assertThat(admin.faults().get(10, TimeUnit.SECONDS).faults()).extracting(FaultInfo::target)
                        .doesNotContain("user:alice", "connection:" + connection);
            } finally {
                real.close();
            }
        }
    }

    private static void awaitSynced(SwitchboardClient client, String... rooms) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            Map<String, RoomView> views = client.rooms();
            if (client.state() == ConnectionState.CONNECTED && List.of(rooms).stream()
                    .allMatch(r -> views.get(r) != null && views.get(r).epoch() != null && !views.get(r).syncing())) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the real device did not connect and sync " + List.of(rooms));
    }

    /** What the real device went through. */
    private static final class Watch implements SwitchboardListener {
        final List<ConnectionState> states = new CopyOnWriteArrayList<>();
        final List<String> applied = new CopyOnWriteArrayList<>();

        @Override
        public void connectionChanged(ConnectionState state, String detail) {
            states.add(state);
        }

        @Override
        public void eventApplied(String room, long offset, Event event) {
            applied.add(room + "@" + offset);
        }
    }
}
