package dev.switchboard.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GatewayConfigTest {
    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    @Test
    void withNoConfigurationEverythingHasASensibleDefault() {
        GatewayConfig a = GatewayConfig.defaults();
        assertThat(a.httpPort()).isEqualTo(8080);
        assertThat(a.wsPort()).isEqualTo(8081);
        assertThat(a.dataDir()).isEqualTo(Path.of("./data"));
        assertThat(a.jdbcUrl()).startsWith("jdbc:h2:file:").contains("WRITE_DELAY=0");
        assertThat(a.tokenSecretGenerated()).isTrue();
        assertThat(a.tokenSecret().length()).isGreaterThanOrEqualTo(32);
        assertThat(GatewayConfig.defaults().tokenSecret()).as("random per run").isNotEqualTo(a.tokenSecret());
        assertThat(a.maxPayloadBytes()).isEqualTo(65536);
        assertThat(a.recoveryMaxReplay()).isEqualTo(500);
        assertThat(a.drainGrace()).isEqualTo(Duration.ofSeconds(10));
        assertThat(a.nodeId()).isNotBlank();
    }

    @Test
    void fileThenEnvironmentThenFlags(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("gw.properties");
        Files.writeString(file, "http.port=1000\nws.port=1001\nnode.id=from-file\ntoken.secret=" + SECRET + "\n");

        GatewayConfig fileOnly = GatewayConfig.from(ConfigSources.merge(file, Map.of(), Map.of()));
        assertThat(fileOnly.httpPort()).isEqualTo(1000);
        assertThat(fileOnly.nodeId()).isEqualTo("from-file");
        assertThat(fileOnly.tokenSecretGenerated()).isFalse();

        Map<String, String> env = Map.of("SWITCHBOARD_HTTP_PORT", "2000", "SWITCHBOARD_NODE_ID", "from-env",
                "SWITCHBOARD_DATA_DIR", "/var/lib/sb", "SWITCHBOARD_WS_PORT", "2001",
                "SWITCHBOARD_TOKEN_SECRET", SECRET + "-env", "SWITCHBOARD_SOMETHING_ELSE", "ignored", "PATH", "/bin");
        GatewayConfig withEnv = GatewayConfig.from(ConfigSources.merge(file, env, Map.of()));
        assertThat(withEnv.httpPort()).isEqualTo(2000);
        assertThat(withEnv.wsPort()).isEqualTo(2001);
        assertThat(withEnv.nodeId()).isEqualTo("from-env");
        assertThat(withEnv.dataDir()).isEqualTo(Path.of("/var/lib/sb"));
        assertThat(withEnv.tokenSecret()).isEqualTo(SECRET + "-env");

        GatewayConfig withFlags = GatewayConfig.from(ConfigSources.merge(file, env,
                Map.of("http-port", "3000", "node.id", "from-flag")));
        assertThat(withFlags.httpPort()).isEqualTo(3000);
        assertThat(withFlags.nodeId()).isEqualTo("from-flag");
        assertThat(withFlags.wsPort()).isEqualTo(2001);
    }

    @Test
    void everyBadValueIsReportedWithItsKey() {
        Map<ConfigKey, String> values = Map.of(
                ConfigKey.HTTP_PORT, "eighty",
                ConfigKey.WS_PORT, "70000",
                ConfigKey.TOKEN_SECRET, "short",
                ConfigKey.LOG_RETENTION_INTERVAL, "soon",
                ConfigKey.NODE_ID, "has space",
                ConfigKey.DB_URL, "mysql://x");
        assertThatThrownBy(() -> GatewayConfig.from(values))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p).startsWith("http.port:").contains("eighty"))
                        .anySatisfy(p -> assertThat(p).startsWith("ws.port:").contains("70000"))
                        .anySatisfy(p -> assertThat(p).startsWith("token.secret:").contains("32 bytes"))
                        .anySatisfy(p -> assertThat(p).startsWith("log.retention-interval:"))
                        .anySatisfy(p -> assertThat(p).startsWith("node.id:"))
                        .anySatisfy(p -> assertThat(p).startsWith("db.url:"))
                        .hasSize(6));
    }

    @Test
    void unknownKeysInTheFileOrFlagsStopStartUp(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("gw.properties");
        Files.writeString(file, "http.prot=1000\n");
        assertThatThrownBy(() -> ConfigSources.merge(file, Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("http.prot");
        assertThatThrownBy(() -> ConfigSources.merge(null, Map.of(), Map.of("wss-port", "1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("wss-port");
        assertThatThrownBy(() -> ConfigSources.merge(dir.resolve("missing.properties"), Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("missing.properties");
    }

    @Test
    void portsMustDiffer() {
        assertThatThrownBy(() -> GatewayConfig.from(Map.of(ConfigKey.HTTP_PORT, "9000", ConfigKey.WS_PORT, "9000")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ws.port");
    }

    @Test
    void durations() {
        assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Durations.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse("2d")).isEqualTo(Duration.ofDays(2));
        assertThatThrownBy(() -> Durations.parse("1 hour")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void retentionBoundsAreReadAndValidated() {
        RetentionLimits defaults = GatewayConfig.defaults().retention();
        assertThat(defaults.maxAge()).isEqualTo(Duration.ofDays(30));
        assertThat(defaults.maxSizeBytes()).as("no size bound unless the operator sets one").isZero();
        assertThat(defaults.compactTime()).isZero();

        RetentionLimits set = GatewayConfig.from(Map.of(ConfigKey.LOG_MAX_SIZE, "2GB", ConfigKey.LOG_MAX_AGE, "7d"))
                .retention();
        assertThat(set.maxSizeBytes()).isEqualTo(2L << 30);
        assertThat(set.maxAge()).isEqualTo(Duration.ofDays(7));

        assertThatThrownBy(() -> GatewayConfig.from(Map.of(ConfigKey.LOG_MAX_SIZE, "1MB",
                ConfigKey.LOG_RETENTION_BATCH, "1", ConfigKey.LOG_MAX_AGE, "a week")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p).startsWith("log.max-size:").contains("at least"))
                        .anySatisfy(p -> assertThat(p).startsWith("log.retention-batch:"))
                        .anySatisfy(p -> assertThat(p).startsWith("log.max-age:"))
                        .hasSize(3));
    }

    @Test
    void byteSizes() {
        assertThat(ByteSizes.parse("0")).isZero();
        assertThat(ByteSizes.parse("65536")).isEqualTo(65536);
        assertThat(ByteSizes.parse("512KB")).isEqualTo(512L << 10);
        assertThat(ByteSizes.parse("200mb")).isEqualTo(200L << 20);
        assertThat(ByteSizes.parse("4GB")).isEqualTo(4L << 30);
        assertThatThrownBy(() -> ByteSizes.parse("4 GB")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ByteSizes.parse("-1")).isInstanceOf(IllegalArgumentException.class);
    }
}
