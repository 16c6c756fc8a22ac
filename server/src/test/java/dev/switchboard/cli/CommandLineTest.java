package dev.switchboard.cli;

import dev.switchboard.auth.Principal;
import dev.switchboard.auth.Role;
import dev.switchboard.auth.TokenVerifier;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.GatewayProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import dev.switchboard.model.json.Json;

class CommandLineTest {
    private static final String SECRET = "cli-secret-0123456789-0123456789-abcdef";

    private static CommandRun run(String... args) {
        return CommandRun.of(args);
    }

    @Test
    void tokenPrintsAJwtTheGatewayAccepts() throws Exception {
        CommandRun r = run("token", "--user", "alice", "--device", "phone", "--role", "user", "--ttl", "1h", "--token-secret", SECRET);
        assertThat(r.code()).as(r.err()).isZero();
        Principal p = new TokenVerifier(SECRET, Clock.systemUTC()).verify(r.out().trim());
        assertThat(p.userId()).isEqualTo("alice");
        assertThat(p.deviceId()).isEqualTo("phone");
        assertThat(p.role()).isEqualTo(Role.USER);
        assertThat(Duration.between(Instant.now(), p.expiresAt())).isBetween(Duration.ofMinutes(59), Duration.ofMinutes(61));

        CommandRun service = run("token", "--user", "billing", "--role", "service", "--token-secret", SECRET);
        assertThat(new TokenVerifier(SECRET, Clock.systemUTC()).verify(service.out().trim()).role()).isEqualTo(Role.SERVICE);
    }

    @Test
    void tokenRefusesBadOptionsWithAReason() {
        assertThat(run("token", "--role", "user", "--token-secret", SECRET).err()).contains("--user is required");
        assertThat(run("token", "--user", "a", "--role", "root", "--token-secret", SECRET).err()).contains("--role");
        assertThat(run("token", "--user", "a", "--ttl", "forever", "--token-secret", SECRET).err()).contains("--ttl");
        assertThat(run("token", "--user", "a", "--token-secret", "short").err()).contains("token.secret");
        for (String sub : new String[] {"auth0|123", "a b", "bob:evil", "ünï", "x".repeat(129)}) {
            CommandRun badSub = run("token", "--user", sub, "--token-secret", SECRET);
            assertThat(badSub.code()).as("token --user %s", sub).isEqualTo(2);
            assertThat(badSub.err()).contains("--user must be").contains("invalid_subject");
            assertThat(badSub.out()).as("no token printed").isEmpty();
        }
        CommandRun noSecret = run("token", "--user", "a", "--shoe-size", "9");
        assertThat(noSecret.code()).isEqualTo(2);
        assertThat(noSecret.err()).contains("shoe-size");
    }

    @Test
    void helpExplainsTheCommandsAndEveryKey() {
        CommandRun top = run("--help");
        assertThat(top.code()).isZero();
        assertThat(top.out()).contains("serve").contains("token").contains("backup").contains("restore");
        CommandRun serve = run("serve", "--help");
        assertThat(serve.out()).contains("SWITCHBOARD_TOKEN_SECRET").contains("SWITCHBOARD_HTTP_PORT")
                .contains("SWITCHBOARD_WS_PORT").contains("SWITCHBOARD_DATA_DIR").contains("SWITCHBOARD_NODE_ID")
                .contains("--http-port");
        assertThat(run("token", "--help").out()).contains("--user").contains("--ttl");
        assertThat(run("launch").code()).isEqualTo(2);
        assertThat(run().code()).isEqualTo(2);
    }

    @Test
    void badConfigurationStopsStartUpNamingTheKey() {
        CommandRun r = run("serve", "--http-port", "abc", "--token-secret", SECRET);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("http.port").contains("abc");
        CommandRun unknown = run("serve", "--htp-port", "1");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("htp-port");
    }

    @Test
    void withNoConfigurationServeUsesDataInTheWorkingFolderAndPrintsItsSecretOnce(@TempDir Path work) throws Exception {
        // Only the ports are moved off 8080/8081, which something else on the machine may hold.
        try (GatewayProcess gw = GatewayProcess.start(null, work, Map.of("SWITCHBOARD_HTTP_PORT", "0", "SWITCHBOARD_WS_PORT", "0"))) {
            assertThat(Files.exists(work.resolve("data").resolve("switchboard.mv.db"))).isTrue();
            assertThat(work.resolve("data").resolve("switchboard.running")).as("the run marker while it runs").exists();
            String log = gw.log();
            Matcher m = Pattern.compile("token.secret for this run: (\\S+)").matcher(log);
            assertThat(m.find()).as(log).isTrue();
            assertThat(log.split("token.secret for this run", -1)).as("printed once").hasSize(2);
            String secret = m.group(1);

            CommandRun token = run("token", "--user", "svc", "--role", "service", "--token-secret", secret);
            Api api = gw.api(token.out().trim());
            assertThat(api.publish(Api.event("tour.step.done", "tour:1", List.of("tour:1"),
                    Json.object())).status()).isEqualTo(201);

            // SIGTERM: the gateway stops cleanly and exits 0.
            assertThat(gw.terminate()).isZero();
            assertThat(gw.log()).contains("switchboard stopped");
            assertThat(work.resolve("data").resolve("switchboard.running")).as("a clean stop needs no recovery next time").doesNotExist();
        }
    }
}
