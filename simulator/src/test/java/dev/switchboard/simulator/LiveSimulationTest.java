package dev.switchboard.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.auth.Role;
import dev.switchboard.client.ConnectionState;
import dev.switchboard.simulator.report.JsonReport;
import dev.switchboard.simulator.report.SimulationReport;
import dev.switchboard.simulator.report.StepRecord;
import dev.switchboard.simulator.report.TextReport;
import dev.switchboard.simulator.run.DeviceStatus;
import dev.switchboard.simulator.run.EmbeddedGateway;
import dev.switchboard.simulator.run.ManualChaos;
import dev.switchboard.simulator.run.RemoteGateway;
import dev.switchboard.simulator.run.Simulation;
import dev.switchboard.simulator.run.SimulationTarget;
import dev.switchboard.simulator.scenario.ScenarioLoader;
import dev.switchboard.simulator.scenario.StepAction;
import dev.switchboard.testing.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The API an application embeds a run with (the operations console): the live view of the devices,
 * chaos injected by hand, and cancelling. Each run goes on a thread of its own while the test plays
 * the console's part from the test thread, against the real embedded gateway.
 */
class LiveSimulationTest {
    /** Three devices, a short steady load, no timeline: the chaos comes by hand. */
    private static final String QUIET = """
            { "name": "live-quiet", "durationSeconds": 3,
              "users": [ { "id": "lv-alice", "rooms": ["doc:live"], "devices": [ { "name": "phone" }, { "name": "laptop" } ] },
                         { "id": "lv-bob", "rooms": ["doc:live"], "devices": [ { "name": "tablet" } ] } ],
              "load": { "eventsPerSecond": 40, "resources": 6, "rooms": ["doc:live"] } }
            """;

    @RegisterExtension
    static final TestGateway.PerClass remote = TestGateway.perClass();

    private static EmbeddedGateway gateway;
    private static ExecutorService runner;

    @BeforeAll
    static void start() {
        gateway = EmbeddedGateway.start();
        runner = Executors.newCachedThreadPool();
    }

    @AfterAll
    static void stop() {
        runner.shutdownNow();
        gateway.close();
    }

    private static Simulation simulation(String json, SimulationTarget target) {
        return new Simulation(ScenarioLoader.parse(json, "inline"), target, Simulation.Options.defaults());
    }

    /** Runs it on a thread of its own and returns once it is RUNNING (chaos is accepted from then on). */
    private static Future<SimulationReport> startRunning(Simulation sim) throws Exception {
        Future<SimulationReport> run = runner.submit(sim::run);
        while (sim.phase() != Simulation.Phase.RUNNING) {
            if (run.isDone()) {
                throw new AssertionError("the run ended before it was running: " + TextReport.render(run.get()));
            }
            Thread.sleep(10);
        }
        return run;
    }

    private static DeviceStatus status(List<DeviceStatus> view, String device) {
        return view.stream().filter(d -> d.device().equals(device)).findFirst()
                .orElseThrow(() -> new AssertionError("no device " + device + " in " + view));
    }

    @Test
    void devicesShowsEveryDeviceConnectedWithRisingOffsetsWhileABuiltInScenarioRuns() throws Exception {
        Simulation sim = new Simulation(ScenarioLoader.builtIn("queue-worker-retry"), gateway, Simulation.Options.defaults());
        assertThat(sim.devices()).isEmpty();
        assertThat(sim.publishing().confirmed()).isZero();

        Future<SimulationReport> run = startRunning(sim);
        List<List<DeviceStatus>> running = new ArrayList<>();
        while (!run.isDone()) {
            if (sim.phase() == Simulation.Phase.RUNNING) {
                running.add(sim.devices());
            }
            Thread.sleep(250); // as a console polls
        }
        SimulationReport report = run.get();
        assertThat(report.passed()).as(TextReport.render(report)).isTrue();

        List<String> keys = List.of("alice/phone", "alice/laptop", "bob/phone");
        assertThat(running).hasSizeGreaterThanOrEqualTo(6);
        List<DeviceStatus> first = running.get(0);
        List<DeviceStatus> last = running.get(running.size() - 1);
        assertThat(first).extracting(DeviceStatus::device).containsExactlyElementsOf(keys);
        assertThat(first).allSatisfy(d -> {
            assertThat(d.state()).isEqualTo(ConnectionState.CONNECTED.name());
            assertThat(d.connectionId()).isNotBlank();
            assertThat(d.rooms()).extracting(DeviceStatus.RoomStatus::room).contains("doc:orders", "user:" + d.user());
        });
        for (String key : keys) {
            DeviceStatus.RoomStatus before = room(status(first, key), "doc:orders");
            DeviceStatus.RoomStatus after = room(status(last, key), "doc:orders");
            assertThat(after.epoch()).isEqualTo(before.epoch());
            assertThat(after.offset()).as(key + " offset rises").isGreaterThan(before.offset());
            assertThat(after.resources()).isPositive().isEqualTo(after.versions().size());
            assertThat(status(last, key).counters().eventsApplied()).isGreaterThan(status(first, key).counters().eventsApplied());
        }
        // the timeline's cut of bob shows live
        assertThat(running).anySatisfy(view -> assertThat(status(view, "bob/phone").counters().reconnects()).isPositive());
        assertThat(sim.publishing()).isEqualTo(report.publishing());
        assertThatThrownBy(() -> last.add(last.get(0))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> last.get(0).rooms().get(0).versions().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    private static DeviceStatus.RoomStatus room(DeviceStatus d, String room) {
        return d.rooms().stream().filter(r -> r.room().equals(room)).findFirst()
                .orElseThrow(() -> new AssertionError(d.device() + " holds no " + room + ": " + d.rooms()));
    }

    @Test
    void aManualCutDropAndOfflineAreReportedAsManualAndTheRunStillConverges() throws Exception {
        Simulation sim = simulation(QUIET, gateway);
        Future<SimulationReport> run = startRunning(sim);
        Thread.sleep(300);
        assertThat(sim.inject("lv-alice/phone", StepAction.CUT, null)).isEqualTo("fault cut on 1 connection(s)");
        assertThat(sim.inject("lv-bob/tablet", StepAction.DROP, ManualChaos.dropping(3))).isEqualTo("fault drop on 1 connection(s)");
        assertThat(sim.inject("lv-alice/laptop", StepAction.OFFLINE, ManualChaos.lasting(1.0)))
                .startsWith("1 device(s) offline until +");
        SimulationReport report = run.get(60, TimeUnit.SECONDS);

        String text = TextReport.render(report);
        assertThat(report.passed()).as(text).isTrue();
        assertThat(report.convergedAfterSeconds()).isGreaterThanOrEqualTo(0);
        assertThat(report.steps()).extracting(StepRecord::step)
                .containsExactly("cut lv-alice/phone", "drop lv-bob/tablet count=3", "offline lv-alice/laptop for 1.0s");
        assertThat(report.steps()).allSatisfy(s -> assertThat(s.manual()).isTrue());
        assertThat(text).contains("[manual] cut lv-alice/phone").contains("[manual] drop lv-bob/tablet count=3");
        JsonNode steps = JsonReport.render(report).path("steps");
        assertThat(steps).hasSize(3).allSatisfy(s -> assertThat(s.path("manual").asBoolean()).isTrue());
        // the chaos really happened
        assertThat(BuiltInScenariosTest.counters(report, "lv-alice/phone").reconnects()).isPositive();
        assertThat(BuiltInScenariosTest.counters(report, "lv-bob/tablet").gapsDetected()).isPositive();
        assertThat(BuiltInScenariosTest.counters(report, "lv-alice/laptop").replayedEvents()).isPositive();
    }

    @Test
    void aManualFaultThatOutlastsTheScenarioIsWaitedForBeforeTheVerdict() throws Exception {
        // Left to its own deadline (1.5 s load + 1.5 s) the run would judge while the phone is still paused.
        Simulation sim = simulation("""
                { "name": "live-outlasting", "durationSeconds": 1.5, "convergenceTimeoutSeconds": 1.5,
                  "users": [ { "id": "lo-alice", "rooms": ["doc:lo"], "devices": [ { "name": "phone" } ] } ],
                  "load": { "eventsPerSecond": 40, "resources": 4, "rooms": ["doc:lo"] } }
                """, gateway);
        Future<SimulationReport> run = startRunning(sim);
        Thread.sleep(200);
        assertThat(sim.inject("lo-alice/phone", StepAction.BACKGROUND, ManualChaos.lasting(3.5)))
                .isEqualTo("fault pause on 1 connection(s)");
        SimulationReport report = run.get(60, TimeUnit.SECONDS);

        assertThat(report.passed()).as(TextReport.render(report)).isTrue();
        StepRecord pause = report.steps().get(0);
        assertThat(pause.manual()).isTrue();
        assertThat(report.runSeconds()).as("the chaos ends with the pause").isGreaterThan(pause.plannedAt() + 3.4);
    }

    @Test
    void cancelEndsALongRunEarlyWithACancelledVerdict() throws Exception {
        Simulation sim = simulation("""
                { "name": "live-long", "durationSeconds": 120,
                  "users": [ { "id": "ll-alice", "rooms": ["doc:ll"], "devices": [ { "name": "phone" } ] } ],
                  "load": { "eventsPerSecond": 20, "rooms": ["doc:ll"] },
                  "timeline": [ { "at": 60, "action": "cut", "device": "ll-alice/phone" } ] }
                """, gateway);
        Future<SimulationReport> run = startRunning(sim);
        Thread.sleep(500);
        long cancelled = System.nanoTime();
        sim.cancel();
        SimulationReport report = run.get(15, TimeUnit.SECONDS);

        assertThat(System.nanoTime() - cancelled).isLessThan(TimeUnit.SECONDS.toNanos(5));
        assertThat(report.cancelled()).isTrue();
        assertThat(report.passed()).isFalse();
        assertThat(report.verdict()).isEqualTo("CANCELLED");
        assertThat(report.totalFailures()).as(TextReport.render(report)).isZero();
        assertThat(report.steps()).as("the step at 60 s is skipped").isEmpty();
        assertThat(report.publishing().confirmed()).isPositive().isLessThan(report.publishing().due() / 10);
        assertThat(report.runSeconds()).isLessThan(5);
        assertThat(TextReport.render(report)).startsWith("Scenario live-long: CANCELLED").contains("cancelled: convergence not judged");
        assertThat(JsonReport.render(report).path("verdict").asText()).isEqualTo("CANCELLED");
        assertThat(sim.phase()).isEqualTo(Simulation.Phase.DONE);
        assertThat(sim.isCancelled()).isTrue();
    }

    @Test
    void aRunCancelledBeforeItStartsReportsThatNothingRan() throws Exception {
        Simulation sim = simulation(QUIET, gateway);
        sim.cancel();
        SimulationReport report = sim.run();
        assertThat(report.verdict()).isEqualTo("CANCELLED");
        assertThat(report.publishing().confirmed()).isZero();
        assertThat(report.steps()).isEmpty();
        assertThatThrownBy(sim::run).isInstanceOf(IllegalStateException.class).hasMessageContaining("runs once");
    }

    @Test
    void injectIsRefusedOutsideTheRunAndForAnUnknownDeviceOrAction() throws Exception {
        Simulation sim = simulation(QUIET.replace("\"durationSeconds\": 3", "\"durationSeconds\": 1.5"), gateway);
        assertThatThrownBy(() -> sim.inject("lv-alice/phone", StepAction.CUT, null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("it is GRANTING");

        Future<SimulationReport> run = startRunning(sim);
        assertThatThrownBy(() -> sim.inject("lv-carol/phone", StepAction.CUT, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no device lv-carol/phone");
        assertThatThrownBy(() -> sim.inject("lv-alice/phone", StepAction.REVOKE, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("revoke cannot be injected by hand");
        assertThatThrownBy(() -> sim.inject("lv-alice/phone", StepAction.REORDER, new ManualChaos(null, null, 1, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("window must be 2 or more");
        SimulationReport report = run.get(60, TimeUnit.SECONDS);

        assertThat(report.passed()).as(TextReport.render(report)).isTrue();
        assertThat(report.steps()).isEmpty();
        assertThatThrownBy(() -> sim.inject("lv-alice/phone", StepAction.CUT, null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("it is DONE");
    }

    @Test
    void faultsNeedAnAdminTokenAndARestartTheEmbeddedGateway() throws Exception {
        String http = "http://127.0.0.1:" + remote.gateway().httpPort();
        try (RemoteGateway noAdmin = RemoteGateway.connect(http, remote.token("backend", Role.SERVICE), null, TestGateway.SECRET)) {
            Simulation sim = simulation("""
                    { "name": "live-remote", "durationSeconds": 1.5,
                      "users": [ { "id": "lr-alice", "rooms": ["doc:lr"], "devices": [ { "name": "phone" } ] } ],
                      "load": { "eventsPerSecond": 20, "rooms": ["doc:lr"] } }
                    """, noAdmin);
            Future<SimulationReport> run = startRunning(sim);
            assertThatThrownBy(() -> sim.inject("lr-alice/phone", StepAction.CUT, null))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("needs the gateway's admin token");
            assertThatThrownBy(() -> sim.inject(null, StepAction.RESTART_GATEWAY, null))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("needs the embedded gateway");
            // going offline is the SDK's doing: no admin token needed
            assertThat(sim.inject("lr-alice/phone", StepAction.OFFLINE, ManualChaos.lasting(0.5))).startsWith("1 device(s) offline");
            SimulationReport report = run.get(60, TimeUnit.SECONDS);
            assertThat(report.passed()).as(TextReport.render(report)).isTrue();
            assertThat(report.steps()).singleElement().satisfies(s -> assertThat(s.manual()).isTrue());
        }
    }
}
