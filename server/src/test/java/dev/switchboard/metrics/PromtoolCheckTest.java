package dev.switchboard.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.switchboard.model.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Prometheus's own checker on the monitoring kit, where it is installed: the alert rules, and every
 * dashboard query as PromQL. Skipped without {@code promtool} (on the PATH, or named by the
 * {@code PROMTOOL} environment variable); {@link MonitoringKitTest} checks the names either way.
 */
class PromtoolCheckTest {
    @TempDir
    Path dir;

    @Test
    void promtoolAcceptsTheAlertRules() throws Exception {
        String promtool = promtool().orElse(null);
        assumeTrue(promtool != null, "promtool is not installed");
        check(promtool, MonitoringKitTest.kit().resolve("switchboard-alerts.yml"));
    }

    @Test
    void promtoolParsesEveryDashboardQuery() throws Exception {
        String promtool = promtool().orElse(null);
        assumeTrue(promtool != null, "promtool is not installed");
        // Each query as a recording rule, with Grafana's variables as Prometheus would get them.
        ArrayNode rules = Json.array();
        int n = 0;
        for (String query : MonitoringKitTest.dashboardQueries().values()) {
            rules.addObject().put("record", "dashboard:query_" + ++n)
                    .put("expr", query.replace("$__rate_interval", "1m").replace("$instance", ".*"));
        }
        ObjectNode file = Json.object();
        file.putArray("groups").addObject().put("name", "dashboard").set("rules", rules);
        Path queries = dir.resolve("dashboard-queries.yml");
        new ObjectMapper(new YAMLFactory()).writeValue(queries.toFile(), file);
        check(promtool, queries);
    }

    private static void check(String promtool, Path rules) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(promtool, "check", "rules", "--lint=all", "--lint-fatal", rules.toString())
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("promtool check rules %s:%n%s", rules.getFileName(), out).isZero();
        assertThat(out).contains("SUCCESS");
    }

    private static Optional<String> promtool() {
        String named = System.getenv("PROMTOOL");
        if (named != null && Files.isExecutable(Path.of(named))) {
            return Optional.of(named);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "promtool");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate.toString());
            }
        }
        return Optional.empty();
    }
}
