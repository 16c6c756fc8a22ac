package dev.switchboard.simulator;

import dev.switchboard.simulator.report.SimulationReport;
import dev.switchboard.simulator.report.TextReport;
import dev.switchboard.simulator.run.ClusterGateway;
import dev.switchboard.simulator.run.EmbeddedGateway;
import dev.switchboard.simulator.run.Simulation;
import dev.switchboard.simulator.scenario.ScenarioException;
import dev.switchboard.simulator.scenario.ScenarioLoader;
import dev.switchboard.testing.PostgresSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The built-in scenarios on a three-node cluster the simulator runs itself (three gateway processes on
 * a real PostgreSQL, a real redis-server): redis-unavailable and node-dies pass and their chaos really
 * happened, and the seven single-gateway scenarios pass on three nodes as well.
 */
class ClusterScenariosTest {
    @RegisterExtension
    final PostgresSchema pg = new PostgresSchema();

    private static SimulationReport run(String scenario, ClusterGateway cluster) throws InterruptedException {
        SimulationReport report = new Simulation(ScenarioLoader.builtIn(scenario), cluster, Simulation.Options.defaults()).run();
        assertThat(report.passed()).as(TextReport.render(report)).isTrue();
        assertThat(report.publishing().confirmed()).as(scenario).isEqualTo(report.publishing().due());
        assertThat(report.steps()).as(scenario).allSatisfy(s -> assertThat(s.outcome()).doesNotContain("FAILED", "skipped"));
        return report;
    }

    /**
     * One cluster for all nine runs (each run has names of its own): the seven single-gateway scenarios
     * (restart-gateway restarts the first node), then Redis stopped and started, then the second node
     * killed, last, since it stays dead.
     */
    @Test
    void everyBuiltInScenarioPassesOnThreeNodesAndTheOutagesReallyHappen() throws InterruptedException {
        try (ClusterGateway cluster = ClusterGateway.start(3, pg.url(), "postgres", null)) {
            for (String name : BuiltInScenariosTest.builtIns()) {
                run(name, cluster);
            }

            SimulationReport redis = run("redis-unavailable", cluster);
            assertThat(redis.steps()).extracting(s -> s.outcome()).anyMatch(o -> o.startsWith("Redis stopped"))
                    .anyMatch(o -> o.startsWith("Redis started"));
            assertThat(redis.devices()).hasSize(6);

            SimulationReport dies = run("node-dies", cluster);
            assertThat(dies.steps().get(0).outcome()).contains("sim-node-b killed");
            // Devices are spread in order: alice/laptop and carol/desktop were on the second node.
            for (String device : List.of("alice/laptop", "carol/desktop")) {
                assertThat(BuiltInScenariosTest.counters(dies, device).reconnects()).as(device + " lost its node").isPositive();
            }
            // One log, one epoch: the moved devices recovered by replay, with no more snapshots than their
            // user's other device (same rooms) that stayed on its node.
            assertThat(BuiltInScenariosTest.counters(dies, "alice/laptop").snapshots())
                    .isEqualTo(BuiltInScenariosTest.counters(dies, "alice/phone").snapshots());
            assertThat(BuiltInScenariosTest.counters(dies, "carol/desktop").snapshots())
                    .isEqualTo(BuiltInScenariosTest.counters(dies, "carol/phone").snapshots());
        }
    }

    @Test
    void aClusterScenarioOnOneGatewaySaysWhatItNeeds() {
        try (EmbeddedGateway one = EmbeddedGateway.start()) {
            assertThatThrownBy(() -> new Simulation(ScenarioLoader.builtIn("node-dies"), one, Simulation.Options.defaults()))
                    .isInstanceOf(ScenarioException.class).hasMessageContaining("--cluster 3");
        }
    }
}
