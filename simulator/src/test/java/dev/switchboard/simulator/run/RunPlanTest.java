package dev.switchboard.simulator.run;

import dev.switchboard.simulator.scenario.Cast;
import dev.switchboard.simulator.scenario.RunNamespace;
import dev.switchboard.simulator.scenario.Scenario;
import dev.switchboard.simulator.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RunPlanTest {
    private final Scenario scenario = ScenarioLoader.builtIn("two-devices-one-account");
    private final RunNamespace run = new RunNamespace("4f2a");

    @Test
    void namesEveryUserAndRoomTheRunTouchesAllUnderItsPrefix() {
        RunPlan plan = RunPlan.of(scenario, new Cast(scenario, 1, run), "gateway http://gw:8080");
        assertThat(plan.users()).containsExactly("sim-4f2a.alice", "sim-4f2a.bob");
        assertThat(plan.rooms()).containsExactly("user:sim-4f2a.alice", "doc:sim-4f2a.shared", "user:sim-4f2a.bob");
        assertThat(plan.rooms()).allSatisfy(r -> assertThat(run.ownsRoom(r)).as(r).isTrue());
        assertThat(plan.devices()).isEqualTo(3);
        assertThat(plan.faults()).isEqualTo(3);
        assertThat(plan.describe()).isEqualTo("""
                run 4f2a on gateway http://gw:8080 touches only names starting sim-4f2a.
                  2 user(s): sim-4f2a.alice, sim-4f2a.bob
                  3 device(s) connecting as those users
                  3 room(s): user:sim-4f2a.alice, doc:sim-4f2a.shared, user:sim-4f2a.bob
                  3 fault step(s), on these users' connections only
                """);
    }

    @Test
    void aLargeRunIsCountedNotListed() {
        RunPlan plan = RunPlan.of(scenario, new Cast(scenario, 100, run), "embedded");
        assertThat(plan.users()).hasSize(200);
        assertThat(plan.describe()).contains("200 user(s): sim-4f2a.alice.1, sim-4f2a.bob.1, sim-4f2a.alice.2,")
                .contains(" and 192 more\n").contains("300 device(s)");
    }
}
