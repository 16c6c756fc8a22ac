package dev.switchboard.simulator;

import dev.switchboard.client.ClientCounters;
import dev.switchboard.simulator.report.DeviceReport;
import dev.switchboard.simulator.report.SimulationReport;
import dev.switchboard.simulator.report.TextReport;
import dev.switchboard.simulator.run.EmbeddedGateway;
import dev.switchboard.simulator.run.Simulation;
import dev.switchboard.simulator.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every built-in scenario against a real embedded gateway: it passes, and the chaos it is about
 * really happened (the SDK's counters show the replays, recoveries and reconnects it provokes).
 */
class BuiltInScenariosTest {

    /** The built-ins that run on one gateway (the cluster ones: ClusterScenariosTest). */
    static List<String> builtIns() {
        return ScenarioLoader.builtIns().stream().filter(n -> !ScenarioLoader.builtIn(n).needsCluster()).toList();
    }

    /** What each scenario must have provoked, beyond passing. */
    private static final Map<String, Consumer<SimulationReport>> PROVOKED = Map.of(
            "reconnect-after-missed-events", r -> {
                assertThat(counters(r, "alice/phone").replayedEvents()).as("offline phone replayed on rejoin").isPositive();
                assertThat(counters(r, "bob/laptop").reconnects()).as("cut laptop reconnected").isPositive();
                assertThat(counters(r, "bob/tablet").httpRecoveries()).as("dropped events recovered over HTTP").isPositive();
            },
            "two-devices-one-account", r -> {
                assertThat(counters(r, "alice/phone").replayedEvents()).isPositive();
                assertThat(counters(r, "alice/laptop").reconnects()).isPositive();
            },
            "permission-lost-while-connected", r -> {
                // three rooms each at the start, and the re-grant made both of alice's devices join again
                assertThat(counters(r, "alice/phone").snapshots()).isGreaterThanOrEqualTo(4);
                assertThat(counters(r, "alice/laptop").snapshots()).isGreaterThanOrEqualTo(4);
                assertThat(counters(r, "alice/phone").eventsApplied()).isLessThan(r.publishing().confirmed());
            },
            "gateway-restart-during-sessions", r -> r.devices().forEach(d ->
                    assertThat(d.counters().reconnects()).as(d.device() + " reconnected").isPositive()),
            "out-of-order-and-duplicate-delivery", r -> {
                assertThat(counters(r, "alice/phone").duplicatesIgnored()).isPositive();
                assertThat(counters(r, "bob/phone").gapsDetected()).isPositive();
            },
            "queue-worker-retry", r -> assertThat(r.publishing().republished()).isGreaterThanOrEqualTo(r.publishing().due() / 3),
            "mobile-background-and-return", r -> {
                assertThat(counters(r, "carol/tablet").reconnects()).as("expired tokens closed the tablet's connection").isGreaterThanOrEqualTo(2);
                assertThat(r.devices().stream().filter(d -> d.device().equals("carol/tablet")).findFirst().orElseThrow().tokensMinted())
                        .isGreaterThanOrEqualTo(3);
                assertThat(counters(r, "bob/phone").replayedEvents()).isPositive();
            });

    @ParameterizedTest(name = "{0}")
    @MethodSource("builtIns")
    void passesAgainstTheEmbeddedGateway(String name) throws InterruptedException {
        SimulationReport report;
        try (EmbeddedGateway gateway = EmbeddedGateway.start()) {
            report = new Simulation(ScenarioLoader.builtIn(name), gateway, Simulation.Options.defaults()).run();
        }
        assertThat(report.passed()).as(TextReport.render(report)).isTrue();
        assertThat(report.convergedAfterSeconds()).isGreaterThanOrEqualTo(0);
        assertThat(report.publishing().confirmed()).isEqualTo(report.publishing().due());
        assertThat(report.steps()).hasSameSizeAs(ScenarioLoader.builtIn(name).timeline());
        assertThat(report.steps()).allSatisfy(s -> assertThat(s.outcome()).doesNotContain("FAILED", "skipped"));
        // The backend's publishes were shown as optimistic changes on the rooms' author devices first, and every one
        // of them ended (the no-pending-left assertion passed with the run): the API was used, not just available.
        assertThat(report.devices().stream().mapToLong(d -> d.counters().pendingResolved()).sum())
                .as("optimistic changes resolved on author devices").isPositive();
        assertThat(PROVOKED).containsKey(name);
        PROVOKED.get(name).accept(report);
    }

    @Test
    void everySeedCaseHasABuiltInScenario() {
        assertThat(ScenarioLoader.builtIns().stream().filter(n -> ScenarioLoader.builtIn(n).needsCluster()))
                .containsExactlyInAnyOrder("redis-unavailable", "node-dies");
        assertThat(builtIns()).containsExactlyInAnyOrder("reconnect-after-missed-events", "two-devices-one-account",
                "permission-lost-while-connected", "gateway-restart-during-sessions", "out-of-order-and-duplicate-delivery",
                "queue-worker-retry", "mobile-background-and-return");
        for (String name : ScenarioLoader.builtIns()) {
            assertThat(ScenarioLoader.builtIn(name).durationSeconds()).as(name + " stays short").isLessThanOrEqualTo(5);
        }
    }

    static ClientCounters counters(SimulationReport r, String device) {
        return r.devices().stream().filter(d -> d.device().equals(device)).map(DeviceReport::counters).findFirst()
                .orElseThrow(() -> new AssertionError("no device " + device));
    }
}
