package dev.switchboard.simulator;

import dev.switchboard.simulator.check.Assertion;
import dev.switchboard.simulator.check.Failure;
import dev.switchboard.simulator.report.SimulationReport;
import dev.switchboard.simulator.report.TextReport;
import dev.switchboard.simulator.run.EmbeddedGateway;
import dev.switchboard.simulator.run.Simulation;
import dev.switchboard.simulator.scenario.ScenarioLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each assertion fails, with a report naming the device and the event, when a client is broken on
 * purpose against the real gateway:
 * <ul>
 *   <li>applied-once: the SDK's reconciliation is off ({@code reconcile(false)}) and every live event is duplicated;</li>
 *   <li>no-stale-version: reconciliation off and one resource's events are reversed in windows of 4;</li>
 *   <li>converged: reconciliation off (so no gap detection) and two live events are dropped;</li>
 *   <li>nothing-after-revoke: the device holds a service token, which a revoke of its user does not cut.</li>
 * </ul>
 * A well-behaved device of the same user runs beside each broken one and must not be named.
 */
class NegativeScenariosTest {
    private static EmbeddedGateway gateway;

    @BeforeAll
    static void start() {
        gateway = EmbeddedGateway.start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static SimulationReport run(String resource) throws InterruptedException, IOException {
        try (InputStream in = NegativeScenariosTest.class.getResourceAsStream("/negative/" + resource)) {
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new Simulation(ScenarioLoader.parse(json, resource), gateway, Simulation.Options.defaults()).run();
        }
    }

    private static List<Failure> failures(SimulationReport r, Assertion a) {
        return r.failures().stream().filter(f -> f.assertion() == a).toList();
    }

    /** The report fails, names the broken device and an event (id and offset) for this assertion, and not the careful one. */
    private static void assertNamed(SimulationReport r, Assertion a, String brokenDevice, String carefulDevice) {
        String text = TextReport.render(r);
        assertThat(r.passed()).as(text).isFalse();
        List<Failure> found = failures(r, a);
        assertThat(found).as(text).isNotEmpty();
        assertThat(found).allSatisfy(f -> assertThat(f.device()).isEqualTo(brokenDevice));
        Failure first = found.get(0);
        assertThat(first.eventId()).as(first.describe()).isNotBlank();
        assertThat(first.offset()).as(first.describe()).isPositive();
        assertThat(text).contains("[" + a.id() + "] device " + brokenDevice + " room ")
                .contains("event " + first.eventId() + " offset " + first.offset());
        assertThat(r.failures()).noneMatch(f -> carefulDevice.equals(f.device()));
    }

    @Test
    void aClientThatAppliesDuplicatesFailsAppliedOnce() throws Exception {
        SimulationReport r = run("duplicates-applied.json");
        assertNamed(r, Assertion.APPLIED_ONCE, "nd-alice/careless", "nd-alice/careful");
        assertThat(failures(r, Assertion.APPLIED_ONCE).get(0).detail()).contains("applied a second time");
        assertThat(BuiltInScenariosTest.counters(r, "nd-alice/careful").duplicatesIgnored()).isPositive();
    }

    @Test
    void aClientThatAppliesOlderVersionsFailsNoStaleVersion() throws Exception {
        SimulationReport r = run("stale-applied.json");
        assertNamed(r, Assertion.NO_STALE_VERSION, "ns-alice/careless", "ns-alice/careful");
        assertThat(failures(r, Assertion.NO_STALE_VERSION).get(0).detail()).matches("resource doc:ns/r0 version \\d+ applied over version \\d+");
    }

    @Test
    void aClientThatMissesAGapFailsConvergence() throws Exception {
        SimulationReport r = run("gap-not-recovered.json");
        assertNamed(r, Assertion.CONVERGED, "nc-alice/careless", "nc-alice/careful");
        assertThat(failures(r, Assertion.CONVERGED)).hasSize(2)
                .allSatisfy(f -> assertThat(f.detail()).startsWith("misses resource doc:nc/r").contains("the server's latest is this event"));
        assertThat(r.convergedAfterSeconds()).isNegative();
    }

    @Test
    void aDeviceThatKeepsReceivingAfterARevokeFailsNothingAfterRevoke() throws Exception {
        SimulationReport r = run("revoke-ignored.json");
        assertNamed(r, Assertion.NOTHING_AFTER_REVOKE, "nr-alice/leaky", "nr-alice/phone");
        assertThat(failures(r, Assertion.NOTHING_AFTER_REVOKE).get(0).detail()).contains("after the revoke of nr-alice");
        // it also still holds the room, which convergence reports
        assertThat(failures(r, Assertion.CONVERGED)).anySatisfy(f -> assertThat(f.detail()).contains("still holds a room"));
    }
}
