package dev.switchboard.console.simulator;

import dev.switchboard.console.shell.ConsoleContext;
import dev.switchboard.console.testing.LiveGateway;
import dev.switchboard.simulator.scenario.StepAction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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

    /** Two devices, a short steady load and no timeline: the chaos comes by hand. */
    private static final String QUIET = """
            { "name": "console-quiet", "durationSeconds": 2.5,
              "users": [ { "id": "cq-alice", "rooms": ["doc:cq"], "devices": [ { "name": "phone" }, { "name": "laptop" } ] } ],
              "load": { "eventsPerSecond": 30, "resources": 5, "rooms": ["doc:cq"] } }
            """;

    private ExecutorService ui;
    private ConsoleContext ctx;
    private SimulatorViewModel vm;

    @BeforeEach
    void open() {
        ui = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-ui"));
        ctx = gw.context(ui::execute);
        vm = on(() -> new SimulatorViewModel(ctx));
        on(vm::activate);
        awaitOn("the built-in scenarios", () -> vm.scenario().scenarios().size() >= 7 && vm.scenario().selectedProperty().get() != null);
    }

    @AfterEach
    void close() {
        on(vm::dispose);
        ui.shutdownNow();
    }

    @Test
    void aBuiltInScenarioRunsLiveToAPassedVerdictWithEveryDeviceConnected() {
        assertThat(on(() -> vm.scenario().select("two-devices-one-account"))).isTrue();
        assertThat(on(() -> vm.scenario().textProperty().get())).contains("\"name\": \"two-devices-one-account\"");
        assertThat(on(() -> vm.scenario().summaryProperty().get())).startsWith("3 devices of 2 users · 4 s of load");
        assertThat(on(() -> vm.scenario().errorProperty().get() + vm.scenario().warningProperty().get())).isEmpty();

        assertThat(on(vm::run)).isTrue();
        boolean allConnected = false;
        boolean sawRunning = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
        while (on(() -> vm.stateProperty().get()) != SimulatorViewModel.RunState.DONE) {
            assertThat(System.nanoTime()).as("the run to end; it says " + on(() -> vm.phaseTextProperty().get()))
                    .isLessThan(deadline);
            List<String> states = on(() -> vm.devices().stream().map(r -> r.stateProperty().get()).toList());
            String phase = on(() -> vm.phaseTextProperty().get());
            sawRunning |= phase.startsWith("Running");
            allConnected |= states.size() == 3 && states.stream().allMatch("CONNECTED"::equals) && phase.startsWith("Running");
            sleep(100);
        }

        assertThat(sawRunning).as("the phase line showed the run").isTrue();
        assertThat(allConnected).as("every device showed CONNECTED while the load ran").isTrue();
        String report = on(() -> vm.reportTextProperty().get());
        assertThat(on(() -> vm.verdictProperty().get())).as(report).isEqualTo("PASSED");
        assertThat(report).startsWith("Scenario two-devices-one-account: PASSED").contains("Timeline", "Devices");
        assertThat(on(() -> vm.verdictDetailProperty().get())).contains("converged").endsWith("0 failures");
        assertThat(on(() -> vm.phaseTextProperty().get())).startsWith("Done · PASSED");
        assertThat(on(() -> vm.devices().stream().map(DeviceRow::device).toList()))
                .containsExactly("alice/phone", "alice/laptop", "bob/desktop");
        assertThat(on(() -> vm.devices().stream().allMatch(r -> r.appliedProperty().get() > 0
                && r.roomsProperty().get().contains("doc:shared@") && r.failuresProperty().get() == 0))).isTrue();
        // the timeline's offline and cuts show in the counters
        assertThat(on(() -> row("alice/phone").countersProperty().get().replayedEvents())).as("offline, then replayed").isPositive();
        assertThat(on(() -> row("alice/laptop").reconnectsProperty().get())).as("cut twice").isGreaterThanOrEqualTo(2);
        assertThat(on(() -> row("alice/phone").recoveredProperty().get())).matches("[1-9][0-9,]* · \\d+ · \\d+");
        assertThat(on(() -> vm.runningProperty().get())).isFalse();
    }

    @Test
    void aManualCutDuringAHandWrittenRunIsLoggedAndTheRunStillPasses() {
        on(() -> vm.scenario().textProperty().set(QUIET));
        assertThat(on(() -> vm.scenario().summaryProperty().get())).startsWith("2 devices of 1 user");
        assertThat(on(vm::run)).isTrue();
        awaitOn("the load to run with both devices", () -> vm.phaseTextProperty().get().startsWith("Running")
                && vm.devices().size() == 2);
        on(() -> {
            vm.selectedDeviceProperty().set(row("cq-alice/phone"));
            vm.chaosActionProperty().set(StepAction.CUT);
            return vm.canChaosProperty().get();
        });
        on(vm::applyChaos);
        awaitOn("the chaos log to answer", () -> !vm.chaosLog().isEmpty());
        ChaosLogEntry entry = on(() -> vm.chaosLog().get(0));
        assertThat(entry.step()).isEqualTo("cut cq-alice/phone");
        assertThat(entry.ok()).as(entry.text()).isTrue();
        assertThat(entry.answer()).isEqualTo("fault cut on 1 connection(s)");

        LiveGateway.await("the verdict", Duration.ofSeconds(45), () -> !on(() -> vm.verdictProperty().get()).isEmpty());
        String report = on(() -> vm.reportTextProperty().get());
        assertThat(on(() -> vm.verdictProperty().get())).as(report).isEqualTo("PASSED");
        assertThat(report).contains("[manual] cut cq-alice/phone");
        assertThat(on(() -> row("cq-alice/phone").reconnectsProperty().get())).isPositive();
    }

    @Test
    void aRunGoesOnWhileThePageIsHiddenAndStopEndsItCancelled() {
        on(() -> vm.scenario().textProperty().set(QUIET.replace("cq-", "cl-").replace("doc:cq", "doc:cl")
                .replace("\"durationSeconds\": 2.5", "\"durationSeconds\": 60")));
        assertThat(on(vm::run)).isTrue();
        awaitOn("the load to run", () -> vm.phaseTextProperty().get().startsWith("Running"));
        on(vm::deactivate);
        String hidden = on(() -> vm.phaseTextProperty().get() + vm.elapsedTextProperty().get());
        sleep(700);
        assertThat(on(() -> vm.phaseTextProperty().get() + vm.elapsedTextProperty().get()))
                .as("no refresh while the page is hidden").isEqualTo(hidden);
        on(vm::activate);
        awaitOn("the refresh to resume with the run still going", () -> !(vm.phaseTextProperty().get()
                + vm.elapsedTextProperty().get()).equals(hidden) && vm.phaseTextProperty().get().startsWith("Running"));

        on(vm::stop);
        awaitOn("the cancelled verdict", () -> !vm.verdictProperty().get().isEmpty());
        assertThat(on(() -> vm.verdictProperty().get())).isEqualTo("CANCELLED");
        assertThat(on(() -> vm.verdictDetailProperty().get())).startsWith("stopped by hand");
        assertThat(on(() -> vm.reportTextProperty().get())).startsWith("Scenario console-quiet: CANCELLED");
        assertThat(on(() -> vm.runningProperty().get())).isFalse();
    }

    @Test
    void aScenarioFileOpensIntoTheListAndEditsAreKeptPerScenario() throws Exception {
        Path file = Files.createTempDirectory("scenarios").resolve("my-commute.json");
        Files.writeString(file, QUIET.replace("\"name\": \"console-quiet\", ", ""));
        on(() -> vm.scenario().open(file));
        awaitOn("the file in the list, selected", () -> vm.scenario().selectedProperty().get() != null
                && vm.scenario().selectedProperty().get().file());
        ScenarioChoice opened = on(() -> vm.scenario().selectedProperty().get());
        assertThat(opened.name()).as("a file without a name takes the file's").isEqualTo("my-commute");
        assertThat(on(() -> vm.scenario().scenarios().get(vm.scenario().scenarios().size() - 1))).isEqualTo(opened);
        assertThat(on(() -> vm.scenario().summaryProperty().get())).startsWith("2 devices of 1 user");
        assertThat(on(() -> vm.messageProperty().get())).isEqualTo("Opened " + file);

        on(() -> vm.scenario().textProperty().set(QUIET.replace("\"eventsPerSecond\": 30", "\"eventsPerSecond\": 10")));
        on(() -> vm.scenario().select("queue-worker-retry"));
        assertThat(on(() -> vm.scenario().textProperty().get())).contains("\"name\": \"queue-worker-retry\"");
        on(() -> vm.scenario().select("my-commute"));
        assertThat(on(() -> vm.scenario().textProperty().get())).as("the edit is kept").contains("\"eventsPerSecond\": 10");
        on(() -> vm.scenario().revert());
        assertThat(on(() -> vm.scenario().textProperty().get())).isEqualTo(opened.json());

        on(() -> vm.scenario().open(file.resolveSibling("missing.json")));
        awaitOn("the error", () -> vm.messageProperty().get().startsWith("cannot read "));
    }

    @Test
    void anInvalidScenarioIsRefusedWithTheLoadersMessageAndNothingRuns() {
        String never = QUIET.replace("cq-", "nv-").replace("doc:cq", "doc:nv");
        on(() -> vm.scenario().textProperty().set(never.replace("\"load\"", "\"lode\"")));
        assertThat(on(() -> vm.scenario().errorProperty().get())).startsWith("lode: unknown field; known: [");
        assertThat(on(() -> vm.canRunProperty().get())).isFalse();
        assertThat(on(vm::run)).isFalse();
        assertThat(on(() -> vm.messageProperty().get())).startsWith("Not run: the scenario is not valid: lode: unknown field");

        on(() -> vm.scenario().textProperty().set(never.replace("\"rooms\": [\"doc:nv\"], \"devices\"",
                "\"roomz\": [\"doc:nv\"], \"devices\"")));
        assertThat(on(() -> vm.scenario().errorProperty().get())).startsWith("users[0].roomz: unknown field");
        on(() -> vm.scenario().textProperty().set(never.replace("\"durationSeconds\": 2.5", "\"durationSeconds\": -1")));
        assertThat(on(() -> vm.scenario().errorProperty().get())).isEqualTo("durationSeconds: must be in (0, 3600]");
        on(() -> vm.scenario().textProperty().set("{ \"name\": "));
        assertThat(on(() -> vm.scenario().errorProperty().get())).isNotEmpty();
        assertThat(on(vm::run)).isFalse();

        sleep(300);
        assertThat(on(() -> vm.stateProperty().get())).isEqualTo(SimulatorViewModel.RunState.IDLE);
        assertThat(on(() -> vm.devices().isEmpty() && vm.reportProperty().get() == null)).isTrue();
        assertThat(gw.service().get("/api/acl/doc:nv/members").json().path("members").toString())
                .as("no grant was made").doesNotContain("nv-alice");
    }

    @Test
    void readOnlyRefusesToRunAndToInjectChaos() {
        on(() -> {
            ctx.readOnlyProperty().set(true);
            return vm.scenario().select("queue-worker-retry");
        });
        assertThat(on(() -> vm.canRunProperty().get())).isFalse();
        assertThat(on(vm::run)).isFalse();
        assertThat(on(() -> vm.messageProperty().get())).startsWith("Read-only mode");
        on(vm::applyChaos);
        assertThat(on(() -> vm.chaosLog().get(0).ok())).isFalse();
        assertThat(on(() -> vm.stateProperty().get())).isEqualTo(SimulatorViewModel.RunState.IDLE);

        on(() -> {
            ctx.readOnlyProperty().set(false);
            return null;
        });
        assertThat(on(() -> vm.canRunProperty().get())).isTrue();
    }

    @Test
    void aScenarioThatRestartsTheGatewayIsShownNotRunnableAndTheSimulatorRefusesIt() {
        ScenarioChoice restart = on(() -> vm.scenario().scenarios().stream()
                .filter(c -> c.name().equals("gateway-restart-during-sessions")).findFirst().orElseThrow());
        assertThat(restart.notRunnable()).contains("restarts the gateway");
        on(() -> vm.scenario().select("gateway-restart-during-sessions"));
        assertThat(on(() -> vm.scenario().warningProperty().get())).startsWith("Not runnable here: it restarts the gateway");
        assertThat(on(() -> vm.canRunProperty().get())).isFalse();

        assertThat(on(vm::run)).isTrue(); // the simulator itself judges the target
        awaitOn("the simulator's refusal", () -> !vm.messageProperty().get().isEmpty());
        assertThat(on(() -> vm.messageProperty().get())).isEqualTo("Cannot run here: scenario gateway-restart-during-sessions"
                + " restarts the gateway: it needs the embedded gateway (run it without --gateway)");
        assertThat(on(() -> vm.stateProperty().get())).isEqualTo(SimulatorViewModel.RunState.IDLE);
        assertThat(on(() -> vm.devices().isEmpty() && vm.verdictProperty().get().isEmpty())).isTrue();
    }

    @Test
    void withoutTheGatewaysTokenSecretTheUserMustTypeItIn() {
        ConsoleContext noSecret = new ConsoleContext(ctx.link(), ui::execute, null, gw.home());
        SimulatorViewModel other = on(() -> new SimulatorViewModel(noSecret));
        awaitOn("the built-ins", () -> other.scenario().selectedProperty().get() != null);
        assertThat(other.tokenSecretNeeded()).isTrue();
        assertThat(on(() -> other.canRunProperty().get())).isFalse();
        assertThat(on(other::run)).isFalse();
        assertThat(on(() -> other.messageProperty().get())).startsWith("Enter the gateway's token secret");
        on(() -> {
            other.tokenSecretProperty().set(gw.tokenSecret());
            return null;
        });
        assertThat(on(() -> other.canRunProperty().get())).isTrue();
        on(other::dispose);
    }

    // ---- plumbing --------------------------------------------------------------------------------

    private DeviceRow row(String device) {
        return vm.devices().stream().filter(r -> r.device().equals(device)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + device + " in " + vm.devices()));
    }

    /** Runs on the view model's thread and returns what it gives. */
    private <T> T on(Callable<T> reading) {
        try {
            return ui.submit(reading).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("on the view model's thread", e);
        }
    }

    private void on(Runnable change) {
        on(() -> {
            change.run();
            return null;
        });
    }

    private void awaitOn(String what, Callable<Boolean> condition) {
        LiveGateway.await(what, Duration.ofSeconds(20), () -> on(condition));
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
