package dev.switchboard.console.simulator;

import dev.switchboard.console.shell.ConsoleContext;
import dev.switchboard.console.testing.LiveGateway;
import dev.switchboard.console.testing.SerialUi;
import dev.switchboard.simulator.scenario.StepAction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import dev.switchboard.testing.PostgresSchema;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Simulator's view model without a toolkit, against a real gateway: built-in and hand-written
 * scenarios run to their verdict, chaos goes in by hand, and what must not run does not.
 *
 * <p>The view model's "UI thread" is a single test thread ({@code test-ui}), as the FX thread would be:
 * the run, the refresh timer and the chaos thread hand their results to it, and the test reads the
 * view model there too, so it sees what a user would see at that moment.
 */
class SimulatorViewModelTest {
    @RegisterExtension
    static final LiveGateway gw = new LiveGateway();
    /** A real PostgreSQL for the cluster scenario's run. */
    @RegisterExtension
    final PostgresSchema pg = new PostgresSchema();

    /** Two devices, a short steady load and no timeline: the chaos comes by hand. */
    private static final String QUIET = """
            { "name": "console-quiet", "durationSeconds": 2.5,
              "users": [ { "id": "cq-alice", "rooms": ["doc:cq"], "devices": [ { "name": "phone" }, { "name": "laptop" } ] } ],
              "load": { "eventsPerSecond": 30, "resources": 5, "rooms": ["doc:cq"] } }
            """;

    private SerialUi ui;
    private ConsoleContext ctx;
    private SimulatorViewModel vm;

    @BeforeEach
    void open() {
        ui = gw.serialUi();
        ctx = gw.context(ui);
        vm = ui.read(() -> new SimulatorViewModel(ctx));
        ui.call(vm::activate);
        ui.await("the built-in scenarios", () -> vm.scenario().scenarios().size() >= 7 && vm.scenario().selectedProperty().get() != null);
    }

    @AfterEach
    void close() {
        ui.call(vm::dispose);
        ui.close();
    }

    @Test
    void aBuiltInScenarioRunsLiveToAPassedVerdictWithEveryDeviceConnected() {
        assertThat(ui.read(() -> vm.scenario().select("two-devices-one-account"))).isTrue();
        assertThat(ui.read(() -> vm.scenario().textProperty().get())).contains("\"name\": \"two-devices-one-account\"");
        assertThat(ui.read(() -> vm.scenario().summaryProperty().get())).startsWith("3 devices of 2 users · 4 s of load");
        assertThat(ui.read(() -> vm.scenario().errorProperty().get() + vm.scenario().warningProperty().get())).isEmpty();

        assertThat(ui.read(vm::run)).isTrue();
        boolean allConnected = false;
        boolean sawRunning = false;
        boolean planShownWhileRunning = true;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
        while (ui.read(() -> vm.stateProperty().get()) != SimulatorViewModel.RunState.DONE) {
            assertThat(System.nanoTime()).as("the run to end; it says " + ui.read(() -> vm.phaseTextProperty().get()))
                    .isLessThan(deadline);
            List<String> states = ui.read(() -> vm.devices().stream().map(r -> r.stateProperty().get()).toList());
            String phase = ui.read(() -> vm.phaseTextProperty().get());
            sawRunning |= phase.startsWith("Running");
            planShownWhileRunning &= ui.read(() -> vm.stateProperty().get() != SimulatorViewModel.RunState.RUNNING
                    || !vm.planTextProperty().get().isEmpty());
            allConnected |= states.size() == 3 && states.stream().allMatch("CONNECTED"::equals) && phase.startsWith("Running");
            sleep(100);
        }

        assertThat(sawRunning).as("the phase line showed the run").isTrue();
        assertThat(planShownWhileRunning).as("what the run touches was shown before it ran").isTrue();
        String runId = ui.read(() -> vm.reportProperty().get().runId());
        assertThat(ui.read(() -> vm.planTextProperty().get())).startsWith("run " + runId + " on gateway ")
                .contains("touches only names starting sim-" + runId + ".")
                .contains("2 user(s): sim-" + runId + ".alice, sim-" + runId + ".bob")
                .contains("3 device(s)").contains("user:sim-" + runId + ".alice");
        assertThat(allConnected).as("every device showed CONNECTED while the load ran").isTrue();
        String report = ui.read(() -> vm.reportTextProperty().get());
        assertThat(ui.read(() -> vm.verdictProperty().get())).as(report).isEqualTo("PASSED");
        assertThat(report).startsWith("Scenario two-devices-one-account: PASSED").contains("Timeline", "Devices")
                .contains("run " + runId + ": users and rooms on the gateway start with sim-" + runId + ".");
        assertThat(ui.read(() -> vm.verdictDetailProperty().get())).contains("converged").endsWith("0 failures");
        assertThat(ui.read(() -> vm.phaseTextProperty().get())).startsWith("Done · PASSED");
        assertThat(ui.read(() -> vm.devices().stream().map(DeviceRow::device).toList()))
                .containsExactly("alice/phone", "alice/laptop", "bob/desktop");
        assertThat(ui.read(() -> vm.devices().stream().allMatch(r -> r.appliedProperty().get() > 0
                && r.roomsProperty().get().contains("doc:shared@") && r.failuresProperty().get() == 0))).isTrue();
        // the timeline's offline and cuts show in the counters
        assertThat(ui.read(() -> row("alice/phone").countersProperty().get().replayedEvents())).as("offline, then replayed").isPositive();
        assertThat(ui.read(() -> row("alice/laptop").reconnectsProperty().get())).as("cut twice").isGreaterThanOrEqualTo(2);
        assertThat(ui.read(() -> row("alice/phone").recoveredProperty().get())).matches("[1-9][0-9,]* · \\d+ · \\d+");
        assertThat(ui.read(() -> vm.runningProperty().get())).isFalse();
    }

    @Test
    void aManualCutDuringAHandWrittenRunIsLoggedAndTheRunStillPasses() {
        ui.call(() -> vm.scenario().textProperty().set(QUIET));
        assertThat(ui.read(() -> vm.scenario().summaryProperty().get())).startsWith("2 devices of 1 user");
        assertThat(ui.read(vm::run)).isTrue();
        ui.await("the load to run with both devices", () -> vm.phaseTextProperty().get().startsWith("Running")
                && vm.devices().size() == 2);
        assertThat(ui.read(() -> {
            vm.selectedDeviceProperty().set(row("cq-alice/phone"));
            vm.chaosActionProperty().set(StepAction.CUT);
            return vm.canChaosProperty().get();
        })).isTrue();
        ui.call(vm::applyChaos);
        ui.await("the chaos log to answer", () -> !vm.chaosLog().isEmpty());
        ChaosLogEntry entry = ui.read(() -> vm.chaosLog().get(0));
        assertThat(entry.step()).isEqualTo("cut cq-alice/phone");
        assertThat(entry.ok()).as(entry.text()).isTrue();
        assertThat(entry.answer()).isEqualTo("fault cut on 1 connection(s)");

        LiveGateway.await("the verdict", Duration.ofSeconds(45), () -> !ui.read(() -> vm.verdictProperty().get()).isEmpty());
        String report = ui.read(() -> vm.reportTextProperty().get());
        assertThat(ui.read(() -> vm.verdictProperty().get())).as(report).isEqualTo("PASSED");
        assertThat(report).contains("[manual] cut cq-alice/phone");
        assertThat(ui.read(() -> row("cq-alice/phone").reconnectsProperty().get())).isPositive();
    }

    @Test
    void aRunGoesOnWhileThePageIsHiddenAndStopEndsItCancelled() {
        ui.call(() -> vm.scenario().textProperty().set(QUIET.replace("cq-", "cl-").replace("doc:cq", "doc:cl")
                .replace("\"durationSeconds\": 2.5", "\"durationSeconds\": 60")));
        assertThat(ui.read(vm::run)).isTrue();
        ui.await("the load to run", () -> vm.phaseTextProperty().get().startsWith("Running"));
        ui.call(vm::deactivate);
        String hidden = ui.read(() -> vm.phaseTextProperty().get() + vm.elapsedTextProperty().get());
        sleep(700);
        assertThat(ui.read(() -> vm.phaseTextProperty().get() + vm.elapsedTextProperty().get()))
                .as("no refresh while the page is hidden").isEqualTo(hidden);
        ui.call(vm::activate);
        ui.await("the refresh to resume with the run still going", () -> !(vm.phaseTextProperty().get()
                + vm.elapsedTextProperty().get()).equals(hidden) && vm.phaseTextProperty().get().startsWith("Running"));

        ui.call(vm::stop);
        ui.await("the cancelled verdict", () -> !vm.verdictProperty().get().isEmpty());
        assertThat(ui.read(() -> vm.verdictProperty().get())).isEqualTo("CANCELLED");
        assertThat(ui.read(() -> vm.verdictDetailProperty().get())).startsWith("stopped by hand");
        assertThat(ui.read(() -> vm.reportTextProperty().get())).startsWith("Scenario console-quiet: CANCELLED");
        assertThat(ui.read(() -> vm.runningProperty().get())).isFalse();
    }

    @Test
    void aScenarioFileOpensIntoTheListAndEditsAreKeptPerScenario() throws Exception {
        Path file = Files.createTempDirectory("scenarios").resolve("my-commute.json");
        Files.writeString(file, QUIET.replace("\"name\": \"console-quiet\", ", ""));
        ui.call(() -> vm.scenario().open(file));
        ui.await("the file in the list, selected", () -> vm.scenario().selectedProperty().get() != null
                && vm.scenario().selectedProperty().get().file());
        ScenarioChoice opened = ui.read(() -> vm.scenario().selectedProperty().get());
        assertThat(opened.name()).as("a file without a name takes the file's").isEqualTo("my-commute");
        assertThat(ui.read(() -> vm.scenario().scenarios().get(vm.scenario().scenarios().size() - 1))).isEqualTo(opened);
        assertThat(ui.read(() -> vm.scenario().summaryProperty().get())).startsWith("2 devices of 1 user");
        assertThat(ui.read(() -> vm.messageProperty().get())).isEqualTo("Opened " + file);

        ui.call(() -> vm.scenario().textProperty().set(QUIET.replace("\"eventsPerSecond\": 30", "\"eventsPerSecond\": 10")));
        ui.call(() -> vm.scenario().select("queue-worker-retry"));
        assertThat(ui.read(() -> vm.scenario().textProperty().get())).contains("\"name\": \"queue-worker-retry\"");
        ui.call(() -> vm.scenario().select("my-commute"));
        assertThat(ui.read(() -> vm.scenario().textProperty().get())).as("the edit is kept").contains("\"eventsPerSecond\": 10");
        ui.call(() -> vm.scenario().revert());
        assertThat(ui.read(() -> vm.scenario().textProperty().get())).isEqualTo(opened.json());

        ui.call(() -> vm.scenario().open(file.resolveSibling("missing.json")));
        ui.await("the error", () -> vm.messageProperty().get().startsWith("cannot read "));
    }

    @Test
    void anInvalidScenarioIsRefusedWithTheLoadersMessageAndNothingRuns() {
        String never = QUIET.replace("cq-", "nv-").replace("doc:cq", "doc:nv");
        ui.call(() -> vm.scenario().textProperty().set(never.replace("\"load\"", "\"lode\"")));
        assertThat(ui.read(() -> vm.scenario().errorProperty().get())).matches("line \\d+, column \\d+: lode: unknown field; known: \\[.*");
        assertThat(ui.read(() -> vm.canRunProperty().get())).isFalse();
        assertThat(ui.read(vm::run)).isFalse();
        assertThat(ui.read(() -> vm.messageProperty().get())).startsWith("Not run: the scenario is not valid: line ")
                .contains("lode: unknown field");

        ui.call(() -> vm.scenario().textProperty().set(never.replace("\"rooms\": [\"doc:nv\"], \"devices\"",
                "\"roomz\": [\"doc:nv\"], \"devices\"")));
        assertThat(ui.read(() -> vm.scenario().errorProperty().get())).contains(": users[0].roomz: unknown field");
        ui.call(() -> vm.scenario().textProperty().set(never.replace("\"durationSeconds\": 2.5", "\"durationSeconds\": -1")));
        assertThat(ui.read(() -> vm.scenario().errorProperty().get())).isEqualTo("durationSeconds: must be in (0, 3600]");
        ui.call(() -> vm.scenario().textProperty().set("{ \"name\": "));
        assertThat(ui.read(() -> vm.scenario().errorProperty().get())).isNotEmpty();
        assertThat(ui.read(vm::run)).isFalse();

        sleep(300);
        assertThat(ui.read(() -> vm.stateProperty().get())).isEqualTo(SimulatorViewModel.RunState.IDLE);
        assertThat(ui.read(() -> vm.devices().isEmpty() && vm.reportProperty().get() == null)).isTrue();
        assertThat(gw.service().get("/api/acl/doc:nv/members").json().path("members").toString())
                .as("no grant was made").doesNotContain("nv-alice");
    }

    @Test
    void readOnlyRefusesToRunAndToInjectChaos() {
        ui.call(() -> {
            ctx.readOnlyProperty().set(true);
            vm.scenario().select("queue-worker-retry");
        });
        assertThat(ui.read(() -> vm.canRunProperty().get())).isFalse();
        assertThat(ui.read(vm::run)).isFalse();
        assertThat(ui.read(() -> vm.messageProperty().get())).startsWith("Read-only mode");
        ui.call(vm::applyChaos);
        assertThat(ui.read(() -> vm.chaosLog().get(0).ok())).isFalse();
        assertThat(ui.read(() -> vm.stateProperty().get())).isEqualTo(SimulatorViewModel.RunState.IDLE);

        ui.call(() -> {
            ctx.readOnlyProperty().set(false);
        });
        assertThat(ui.read(() -> vm.canRunProperty().get())).isTrue();
    }

    @Test
    void aScenarioThatRestartsTheGatewayIsShownNotRunnableAndTheSimulatorRefusesIt() {
        ScenarioChoice restart = ui.read(() -> vm.scenario().scenarios().stream()
                .filter(c -> c.name().equals("gateway-restart-during-sessions")).findFirst().orElseThrow());
        assertThat(restart.notRunnable()).contains("restarts the gateway");
        ui.call(() -> vm.scenario().select("gateway-restart-during-sessions"));
        assertThat(ui.read(() -> vm.scenario().warningProperty().get())).startsWith("Not runnable here: it restarts the gateway");
        assertThat(ui.read(() -> vm.canRunProperty().get())).isFalse();

        assertThat(ui.read(vm::run)).isTrue(); // the simulator itself judges the target
        ui.await("the simulator's refusal", () -> !vm.messageProperty().get().isEmpty());
        assertThat(ui.read(() -> vm.messageProperty().get())).isEqualTo("Cannot run here: scenario gateway-restart-during-sessions"
                + " restarts the gateway: it needs the embedded gateway (run it without --gateway)");
        assertThat(ui.read(() -> vm.stateProperty().get())).isEqualTo(SimulatorViewModel.RunState.IDLE);
        assertThat(ui.read(() -> vm.devices().isEmpty() && vm.verdictProperty().get().isEmpty())).isTrue();
    }

    @Test
    void aClusterScenarioRunsOnAClusterTheSimulatorStartsOverTheDatabaseGiven() {
        ui.call(() -> vm.scenario().select("redis-unavailable"));
        assertThat(ui.read(() -> vm.clusterNeededProperty().get())).isTrue();
        assertThat(ui.read(() -> vm.scenario().warningProperty().get())).contains("three-node cluster");
        assertThat(ui.read(() -> vm.canRunProperty().get())).as("not without a database").isFalse();
        ui.call(() -> vm.clusterDbUrlProperty().set("postgres://somewhere"));
        assertThat(ui.read(vm::run)).as("not a JDBC URL").isFalse();
        assertThat(ui.read(() -> vm.messageProperty().get())).contains("jdbc:postgresql://");

        ui.call(() -> {
            vm.clusterDbUrlProperty().set(pg.url());
            vm.clusterDbUserProperty().set("postgres");
        });
        assertThat(ui.read(vm::run)).isTrue();
        LiveGateway.await("the verdict", Duration.ofSeconds(90), () -> !ui.read(() -> vm.verdictProperty().get()).isEmpty());
        String report = ui.read(() -> vm.reportTextProperty().get());
        assertThat(ui.read(() -> vm.verdictProperty().get())).as(report).isEqualTo("PASSED");
        assertThat(report).contains("3-node cluster").contains("Redis stopped").contains("Redis started again");
        // The verdict comes once the run has stopped the cluster it started: the test's schema may go now.
    }

    @Test
    void withoutTheGatewaysTokenSecretTheUserMustTypeItIn() {
        ConsoleContext noSecret = ConsoleContext.of(ctx.api(), ctx.link(), ui, gw.home());
        SimulatorViewModel other = ui.read(() -> new SimulatorViewModel(noSecret));
        ui.await("the built-ins", () -> other.scenario().selectedProperty().get() != null);
        assertThat(other.tokenSecretNeeded()).isTrue();
        assertThat(ui.read(() -> other.canRunProperty().get())).isFalse();
        assertThat(ui.read(other::run)).isFalse();
        assertThat(ui.read(() -> other.messageProperty().get())).startsWith("Enter the gateway's token secret");
        ui.call(() -> {
            other.tokenSecretProperty().set(gw.tokenSecret());
        });
        assertThat(ui.read(() -> other.canRunProperty().get())).isTrue();
        ui.call(other::dispose);
    }

    // ---- plumbing --------------------------------------------------------------------------------

    private DeviceRow row(String device) {
        return vm.devices().stream().filter(r -> r.device().equals(device)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + device + " in " + vm.devices()));
    }


    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
