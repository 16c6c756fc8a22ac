package dev.switchboard.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.auth.Role;
import dev.switchboard.config.ConfigKey;
import dev.switchboard.model.json.Json;
import dev.switchboard.testing.TestCertificates;
import dev.switchboard.testing.TestGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line: exit codes, the report on stdout, progress on stderr, and running against a given gateway. */
class SimulateCommandTest {
    @RegisterExtension
    static final TestGateway.PerClass gw = TestGateway.perClass();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return SimulateCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static String resource(String name) {
        try {
            return Path.of(SimulateCommandTest.class.getResource(name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void usageErrorsExitWith2() {
        assertThat(run()).isEqualTo(SimulateCommand.USAGE);
        assertThat(run("simulate")).isEqualTo(SimulateCommand.USAGE);
        assertThat(run("simulate", "tiny", "--bogus")).isEqualTo(SimulateCommand.USAGE);
        assertThat(run("simulate", "tiny", "--gateway", "http://127.0.0.1:1")).isEqualTo(SimulateCommand.USAGE);
        assertThat(run("simulate", "tiny", "--devices", "0")).isEqualTo(SimulateCommand.USAGE);
        assertThat(run("simulate", "tiny", "--run-id", "Bad:Id")).isEqualTo(SimulateCommand.USAGE);
        assertThat(run("simulate", "no-such-scenario")).isEqualTo(SimulateCommand.USAGE);
        assertThat(stderr()).contains("Usage: simulate SCENARIO").contains("no built-in scenario and no file named no-such-scenario")
                .contains("--run-id: a run id is 4 to 16 of [a-z0-9], got Bad:Id");
        assertThat(stdout()).isEmpty();
    }

    @Test
    void listsTheBuiltIns() {
        assertThat(run("list")).isZero();
        assertThat(stdout()).contains("mobile-background-and-return  Phones are backgrounded");
    }

    @Test
    void aPassingFileExitsWith0AndPrintsJson() throws Exception {
        assertThat(run("simulate", resource("/tiny.json"), "--json")).as(stderr()).isZero();
        JsonNode report = Json.parse(stdout());
        assertThat(report.path("scenario").asText()).isEqualTo("tiny");
        assertThat(report.path("passed").asBoolean()).isTrue();
        assertThat(report.path("deviceReports")).hasSize(2);
        assertThat(report.path("deviceReports").get(0).path("device").asText()).isEqualTo("t-alice/phone");
        assertThat(report.path("deviceReports").get(0).path("reconnects").asLong()).isPositive();
        assertThat(report.path("steps").get(0).path("outcome").asText()).isEqualTo("fault cut on 1 connection(s)");
        assertThat(stderr()).contains("running +").contains("published");
    }

    @Test
    void aFailingScenarioExitsWith1AndNamesTheDeviceAndEvent() {
        assertThat(run("simulate", resource("/negative/duplicates-applied.json"), "--quiet")).isEqualTo(SimulateCommand.FAILED);
        assertThat(stdout()).contains("Scenario negative-duplicates-applied: FAILED")
                .containsPattern("\\[applied-once] device nd-alice/careless room doc:nd event sim-\\w+-\\d+ offset \\d+: applied a second time");
        // --quiet leaves out the progress, never what the run will touch
        assertThat(stderr()).startsWith("run ").contains("touches only names starting sim-").doesNotContain("running +");
    }

    @Test
    void runsAgainstAGivenGateway() {
        String http = "http://127.0.0.1:" + gw.gateway().httpPort();
        assertThat(run("simulate", resource("/tiny.json"), "--gateway", http,
                "--service-token", gw.token("backend", Role.SERVICE), "--admin-token", gw.token("qa", Role.ADMIN),
                "--token-secret", TestGateway.SECRET, "--quiet")).as(stdout() + stderr()).isZero();
        assertThat(stdout()).contains("Scenario tiny: PASSED").contains("gateway " + http + " (ws://");
    }

    @Test
    void statesWhatItWillTouchBeforeItStartsAndTheRunIdInTheReport() throws Exception {
        String http = "http://127.0.0.1:" + gw.gateway().httpPort();
        assertThat(run("simulate", resource("/tiny.json"), "--gateway", http, "--run-id", "c0ffee",
                "--service-token", gw.token("backend", Role.SERVICE), "--admin-token", gw.token("qa", Role.ADMIN),
                "--token-secret", TestGateway.SECRET, "--json")).as(stderr()).isZero();
        String plan = stderr().substring(0, stderr().indexOf("running +"));
        assertThat(plan).startsWith("run c0ffee on gateway " + http)
                .contains("touches only names starting sim-c0ffee.")
                .contains("1 user(s): sim-c0ffee.t-alice\n")
                .contains("2 device(s)")
                .contains("2 room(s): user:sim-c0ffee.t-alice, doc:sim-c0ffee.tiny\n")
                .contains("1 fault step(s), on these users' connections only");
        JsonNode report = Json.parse(stdout());
        assertThat(report.path("runId").asText()).isEqualTo("c0ffee");
        assertThat(report.path("prefix").asText()).isEqualTo("sim-c0ffee.");
        assertThat(report.path("deviceReports").get(0).path("user").asText()).isEqualTo("t-alice");
    }

    @Test
    void runsAgainstAWssGatewayTrustingTheCaFile(@TempDir Path dir) {
        TestCertificates.Ca ca = TestCertificates.ca("Simulator Test CA");
        ca.server("gateway").writePem(dir.resolve("server.crt"), dir.resolve("server.key"));
        Path caFile = ca.writePem(dir.resolve("ca.pem"));
        try (TestGateway tls = TestGateway.start(dir.resolve("data"), Map.of(
                ConfigKey.TLS_CERT_FILE, dir.resolve("server.crt").toString(),
                ConfigKey.TLS_KEY_FILE, dir.resolve("server.key").toString()))) {
            String http = tls.gateway().httpUrl("127.0.0.1"); // https once the HTTP listener serves TLS
            assertThat(run("simulate", resource("/tiny.json"), "--gateway", http,
                    "--service-token", tls.token("backend", Role.SERVICE), "--admin-token", tls.token("qa", Role.ADMIN),
                    "--token-secret", TestGateway.SECRET,
                    "--ca-file", caFile.toString(), "--quiet")).as(stdout() + stderr()).isZero();
            assertThat(stdout()).contains("Scenario tiny: PASSED").contains("(wss://127.0.0.1:");
        }
        assertThat(run("simulate", resource("/tiny.json"), "--gateway", "http://127.0.0.1:1", "--service-token", "x",
                "--token-secret", "y", "--ca-file", dir.resolve("missing.pem").toString())).isEqualTo(SimulateCommand.USAGE);
        assertThat(stderr()).contains("--ca-file").contains("missing.pem");
    }

    @Test
    void aGivenGatewayCannotBeRestartedNorFaultedWithoutAnAdminToken() {
        String http = "http://127.0.0.1:" + gw.gateway().httpPort();
        assertThat(run("simulate", "gateway-restart-during-sessions", "--gateway", http,
                "--service-token", gw.token("backend", Role.SERVICE), "--admin-token", gw.token("qa", Role.ADMIN),
                "--token-secret", TestGateway.SECRET)).isEqualTo(SimulateCommand.USAGE);
        assertThat(stderr()).contains("it needs the embedded gateway");
        assertThat(run("simulate", resource("/tiny.json"), "--gateway", http,
                "--service-token", gw.token("backend", Role.SERVICE), "--token-secret", TestGateway.SECRET))
                .isEqualTo(SimulateCommand.USAGE);
        assertThat(stderr()).contains("needs an admin token");
    }

    @Test
    void anUnreachableGatewayExitsWith3() {
        assertThat(run("simulate", resource("/tiny.json"), "--gateway", "http://127.0.0.1:1", "--service-token", "x", "--token-secret", "y"))
                .isEqualTo(SimulateCommand.CANNOT_RUN);
    }
}
