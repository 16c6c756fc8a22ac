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

    private ClusterGateway cluster() {
        return ClusterGateway.start(3, pg.url(), "postgres", null);
    }

    private static SimulationReport run(String scenario, ClusterGateway cluster) throws InterruptedException {
        SimulationReport report = new Simulation(ScenarioLoader.builtIn(scenario), cluster, Simulation.Options.defaults()).run();
        assertThat(report.passed()).as(TextReport.render(report)).isTrue();
        assertThat(report.publishing().confirmed()).as(scenario).isEqualTo(report.publishing().due());
        assertThat(report.steps()).as(scenario).allSatisfy(s -> assertThat(s.outcome()).doesNotContain("FAILED", "skipped"));
        return report;
    }

    @Test
    void redisUnavailableOnThreeNodesConverges() throws InterruptedException {
        try (ClusterGateway cluster = cluster()) {
            SimulationReport report = run("redis-unavailable", cluster);
            assertThat(report.steps()).extracting(s -> s.outcome()).anyMatch(o -> o.startsWith("Redis stopped"))
                    .anyMatch(o -> o.startsWith("Redis started"));
            assertThat(report.devices()).hasSize(6);
        }
    }

    @Test
    void nodeDiesAndItsDevicesMoveAndRecover() throws InterruptedException {
        try (ClusterGateway cluster = cluster()) {
            SimulationReport report = run("node-dies", cluster);
            assertThat(report.steps().get(0).outcome()).contains("sim-node-b killed");
            // Devices are spread in order: alice/laptop and carol/desktop were on the second node.
            for (String device : List.of("alice/laptop", "carol/desktop")) {
                assertThat(BuiltInScenariosTest.counters(report, device).reconnects()).as(device + " lost its node").isPositive();
            }
            // One log, one epoch: the moved devices recovered by replay, with no more snapshots than their
            // user's other device (same rooms) that stayed on its node.
            assertThat(BuiltInScenariosTest.counters(report, "alice/laptop").snapshots())
                    .isEqualTo(BuiltInScenariosTest.counters(report, "alice/phone").snapshots());
            assertThat(BuiltInScenariosTest.counters(report, "carol/desktop").snapshots())
                    .isEqualTo(BuiltInScenariosTest.counters(report, "carol/phone").snapshots());
        }
    }

    @Test
    void theSingleGatewayScenariosPassOnThreeNodes() throws InterruptedException {
        try (ClusterGateway cluster = cluster()) {
            for (String name : BuiltInScenariosTest.builtIns()) {
                run(name, cluster);
            }
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
