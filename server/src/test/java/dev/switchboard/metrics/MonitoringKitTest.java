package dev.switchboard.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.switchboard.metrics.MetricsExpositionTest.Exposition;
import dev.switchboard.metrics.PromQlReferences.LabelMatcher;
import dev.switchboard.model.json.Json;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.TestGateway;
import dev.switchboard.testing.WsClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.switchboard.testing.Api.event;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monitoring kit in {@code installers/monitoring/} against a real gateway's {@code /metrics}: the
 * dashboard and the alert rules parse, and every metric, label and label value they select is one
 * the gateway exports. A renamed metric, or a label value nobody sets, would leave a panel empty and an
 * alert silent without this.
 */
class MonitoringKitTest {
    @RegisterExtension
    static final TestGateway.PerClass gw = TestGateway.perClass();

    /** Made by Prometheus for each target, never in /metrics. */
    private static final Set<String> SCRAPE_METRICS = Set.of("up");
    /** Added by Prometheus to each series (target labels), never in /metrics. */
    private static final Set<String> TARGET_LABELS = Set.of("instance", "job");
    private static final Set<String> REQUIRED_ALERTS = Set.of("SwitchboardNodeDown", "SwitchboardNodeNotReady",
            "SwitchboardFanoutLagHigh", "SwitchboardSlowConsumersCut", "SwitchboardPublishErrors",
            "SwitchboardDiskNearlyFull", "SwitchboardEventLogUnhealthy");
    /** What the dashboard must show: connections, publishes and errors, latencies, fanout, log, disk, JVM. */
    private static final Set<String> DASHBOARD_METRICS = Set.of("switchboard_ws_connections",
            "switchboard_publish_total", "switchboard_publish_duration_seconds_bucket",
            "switchboard_fanout_lag_seconds_bucket", "switchboard_fanout_backlog_batches", "switchboard_deliveries_total",
            "switchboard_ws_limit_events_total", "switchboard_ws_reconnects_total", "switchboard_eventlog_queue_depth",
            "switchboard_eventlog_healthy", "switchboard_data_disk_free_bytes", "jvm_memory_used_bytes",
            "jvm_gc_pause_seconds_sum");
    private static final Pattern DURATION = Pattern.compile("\\d+[smhdw]");
    private static final Pattern SERIES = Pattern.compile("([^{]+)(?:\\{(.*)})?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** Sample name to the label sets of its series, from the live /metrics after some traffic. */
    private static Map<String, List<Map<String, String>>> exported;

    @BeforeAll
    static void trafficThenScrape() {
        String room = "doc:monitoring";
        assertThat(gw.service().put("/api/acl/" + room + "/members/alice").status()).isEqualTo(204);
        try (WsClient phone = gw.connect("alice", "phone")) {
            phone.join(room);
            assertThat(gw.service().publish(event("doc.line.set", room + "/line:1", List.of(room),
                    Json.object().put("n", 1))).status()).isEqualTo(201);
            phone.events(room, 1);
        }
        try (WsClient back = gw.connect("alice", "phone")) {
            back.join(room);
        }
        gw.service().post("/api/events", "{not json");
        // The JVM's pause summary appears with the first collection, which a long-running node has had.
        System.gc();
        Await.until("a garbage collection counted", () -> gw.anonymous().get("/metrics").body()
                .contains("jvm_gc_pause_seconds_count"));
        exported = series(Exposition.parse(gw.anonymous().get("/metrics").body()));
    }

    @Test
    void theDashboardParsesAndEachPanelQueriesSomething() throws IOException {
        JsonNode dashboard = dashboard();
        assertThat(dashboard.path("title").asText()).isEqualTo("Switchboard");
        Set<Integer> ids = new HashSet<>();
        int queried = 0;
        for (JsonNode panel : dashboard.get("panels")) {
            assertThat(ids.add(panel.get("id").asInt())).as("panel id %s is unique", panel.get("id")).isTrue();
            assertThat(panel.path("gridPos").path("w").asInt()).as("width of %s", panel.get("title")).isBetween(1, 24);
            if (!panel.get("type").asText().equals("row")) {
                assertThat(panel.path("targets")).as("queries of %s", panel.get("title")).isNotEmpty();
                for (JsonNode target : panel.get("targets")) {
                    assertThat(target.path("expr").asText()).as("a query of %s", panel.get("title")).isNotBlank();
                    queried++;
                }
            }
        }
        assertThat(queried).isGreaterThan(20);
        assertThat(dashboardQueries().values().stream().flatMap(q -> PromQlReferences.of(q).metrics().stream()))
                .containsAll(DASHBOARD_METRICS);
    }

    @Test
    void everyMetricLabelAndValueTheDashboardSelectsIsExported() throws IOException {
        List<String> problems = new ArrayList<>();
        dashboardQueries().forEach((where, query) -> problems.addAll(unknownReferences(where, query)));
        assertThat(problems).isEmpty();
    }

    @Test
    void theRulesAreAlertGroupsWithDurationSeverityAndWhatToCheck() throws IOException {
        JsonNode groups = rules().get("groups");
        assertThat(groups).isNotEmpty();
        Set<String> names = new TreeSet<>();
        for (JsonNode group : groups) {
            assertThat(group.path("name").asText()).isNotBlank();
            assertThat(group.get("rules")).as("rules of %s", group.get("name")).isNotEmpty();
            for (JsonNode rule : group.get("rules")) {
                String alert = rule.path("alert").asText();
                assertThat(alert).as("an alerting rule in %s", group.get("name")).matches("Switchboard[A-Z][A-Za-z]+");
                assertThat(names.add(alert)).as("%s is named once", alert).isTrue();
                assertThat(rule.path("expr").asText()).as("expr of %s", alert).isNotBlank();
                assertThat(rule.path("for").asText()).as("for of %s", alert).matches(DURATION);
                assertThat(rule.path("labels").path("severity").asText()).as("severity of %s", alert)
                        .isIn("critical", "warning");
                assertThat(rule.path("annotations").path("summary").asText()).as("summary of %s", alert).isNotBlank();
                assertThat(rule.path("annotations").path("description").asText()).as("description of %s", alert)
                        .hasSizeGreaterThan(80);
            }
        }
        assertThat(names).containsAll(REQUIRED_ALERTS);
    }

    @Test
    void everyMetricLabelAndValueTheAlertsSelectIsExported() throws IOException {
        List<String> problems = new ArrayList<>();
        for (JsonNode group : rules().get("groups")) {
            for (JsonNode rule : group.get("rules")) {
                problems.addAll(unknownReferences(rule.get("alert").asText(), rule.get("expr").asText()));
            }
        }
        assertThat(problems).isEmpty();
    }

    /** What {@code query} refers to that the gateway does not export, as sentences naming {@code where}. */
    static List<String> unknownReferences(String where, String query) {
        PromQlReferences refs = PromQlReferences.of(query);
        List<String> problems = new ArrayList<>();
        assertThat(refs.metrics()).as("metrics of %s: %s", where, query).isNotEmpty();
        Set<String> labelsOfQuery = new HashSet<>();
        for (String metric : refs.metrics()) {
            if (SCRAPE_METRICS.contains(metric)) {
                continue;
            }
            List<Map<String, String>> series = exported.get(metric);
            if (series == null) {
                problems.add(where + ": " + metric + " is not in /metrics");
            } else {
                series.forEach(s -> labelsOfQuery.addAll(s.keySet()));
            }
        }
        for (LabelMatcher m : refs.matchers()) {
            List<Map<String, String>> series = exported.get(m.metric());
            if (series == null || TARGET_LABELS.contains(m.label())) {
                continue;
            }
            if (series.stream().noneMatch(s -> s.containsKey(m.label()))) {
                problems.add(where + ": " + m.metric() + " has no label " + m.label());
            }
            for (String value : m.literalValues()) {
                if (series.stream().noneMatch(s -> value.equals(s.get(m.label())))) {
                    problems.add(where + ": " + m.metric() + " has no series with " + m.label() + "=\"" + value + "\"");
                }
            }
        }
        for (String label : refs.groupingLabels()) {
            if (!TARGET_LABELS.contains(label) && !labelsOfQuery.contains(label)) {
                problems.add(where + ": groups by " + label + ", a label none of its metrics has");
            }
        }
        return problems;
    }

    /** Each PromQL query of the dashboard (panel targets and the node variable), by where it is. */
    static Map<String, String> dashboardQueries() throws IOException {
        JsonNode dashboard = dashboard();
        Map<String, String> queries = new LinkedHashMap<>();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries.put("panel '" + panel.get("title").asText() + "' " + target.get("refId").asText(),
                        target.get("expr").asText());
            }
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (variable.path("type").asText().equals("query")) {
                // Grafana's label_values(metric, label) asks Prometheus for the series of metric.
                Matcher m = Pattern.compile("label_values\\(([^,]+),\\s*(\\w+)\\)")
                        .matcher(variable.path("definition").asText());
                assertThat(m.matches()).as("variable %s is a label_values query", variable.get("name")).isTrue();
                queries.put("variable " + variable.get("name").asText(), "count by (" + m.group(2) + ") (" + m.group(1) + ")");
            }
        }
        return queries;
    }

    static Path kit() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path kit = dir.resolve("installers/monitoring");
            if (Files.isDirectory(kit)) {
                return kit;
            }
        }
        throw new AssertionError("no installers/monitoring above " + Path.of("").toAbsolutePath());
    }

    private static JsonNode dashboard() throws IOException {
        return new ObjectMapper().readTree(kit().resolve("switchboard-dashboard.json").toFile());
    }

    private static JsonNode rules() throws IOException {
        return new ObjectMapper(new YAMLFactory()).readTree(kit().resolve("switchboard-alerts.yml").toFile());
    }

    /** Samples as {@code name -> [labels of each series]}. */
    private static Map<String, List<Map<String, String>>> series(Map<String, Double> samples) {
        Map<String, List<Map<String, String>>> byName = new HashMap<>();
        for (String key : samples.keySet()) {
            Matcher s = SERIES.matcher(key);
            assertThat(s.matches()).isTrue();
            Map<String, String> labels = new HashMap<>();
            if (s.group(2) != null) {
                Matcher l = LABEL.matcher(s.group(2));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
            }
            byName.computeIfAbsent(s.group(1), n -> new ArrayList<>()).add(labels);
        }
        return byName;
    }
}
