package dev.switchboard.logging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.json.Json;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.GatewayProcess;
import dev.switchboard.testing.TestGateway;
import dev.switchboard.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code SWITCHBOARD_LOG_FORMAT=json}: a gateway started through the real command line writes one JSON
 * object per line, and the lines about a connection carry its id, user and device as fields.
 */
class JsonLogLinesTest {
    @TempDir
    Path dir;

    @Test
    void eachLineIsOneJsonObjectAndConnectionLinesNameTheConnectionUserAndDevice() throws Exception {
        String connectionId;
        List<JsonNode> lines;
        try (GatewayProcess gw = start(Map.of("SWITCHBOARD_LOG_FORMAT", "json"))) {
            try (WsClient phone = WsClient.connect(gw.wsUrl("alice", "phone"))) {
                connectionId = phone.next("welcome").get("connectionId").asText();
            }
            Await.until("the disconnect logged", () -> logOf(gw).contains("\"disconnected: connection " + connectionId));
            assertThat(gw.terminate()).isZero();
            lines = jsonLines(gw.log());
        }
        assertThat(lines).hasSizeGreaterThan(3);
        for (JsonNode line : lines) {
            assertThat(line.path("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
            assertThat(line.path("level").asText()).isIn("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
            assertThat(line.path("logger").asText()).isNotBlank();
            assertThat(line.path("message").asText()).isNotBlank();
        }
        JsonNode connected = only(lines, "connected: connection " + connectionId);
        JsonNode disconnected = only(lines, "disconnected: connection " + connectionId);
        for (JsonNode line : List.of(connected, disconnected)) {
            assertThat(line.path("connectionId").asText()).isEqualTo(connectionId);
            assertThat(line.path("userId").asText()).isEqualTo("alice");
            assertThat(line.path("deviceId").asText()).isEqualTo("phone");
            assertThat(line.path("logger").asText()).isEqualTo("dev.switchboard.gateway.SessionLifecycle");
        }
    }

    /** Not set, or set to a format nobody knows: text, never no logs at all. */
    @ParameterizedTest
    @ValueSource(strings = {"", "yaml"})
    void withoutTheSwitchLinesStayText(String format) throws Exception {
        try (GatewayProcess gw = start(format.isEmpty() ? Map.of() : Map.of("SWITCHBOARD_LOG_FORMAT", format))) {
            assertThat(gw.terminate()).isZero();
            String log = gw.log();
            assertThat(log).contains(" INFO  [main] d.s.node.GatewayNode switchboard ");
            assertThat(log.lines().filter(l -> l.startsWith("{"))).isEmpty();
        }
    }

    /** {@code switchboard serve} in a JVM of its own, with {@code env} added to this one's environment. */
    private GatewayProcess start(Map<String, String> env) throws IOException {
        return GatewayProcess.start(dir.resolve("data"), dir, env, "--http-host", "127.0.0.1", "--http-port", "0",
                "--ws-port", "0", "--token-secret", TestGateway.SECRET, "--node-id", "json-node");
    }

    private static String logOf(GatewayProcess gw) {
        try {
            return gw.log();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every logged line of the output as JSON: a line that is not one JSON object fails the test. The
     * command line's own notices before logging starts ({@code NOTE:} on a small machine,
     * {@code WARNING:} without a secret) are printed as text and left out.
     */
    private static List<JsonNode> jsonLines(String log) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : log.split("\n")) {
            if (!line.isEmpty() && !line.startsWith("NOTE: ") && !line.startsWith("WARNING: ")) {
                JsonNode node = Json.parse(line);
                assertThat(node.isObject()).as("one JSON object per line: %s", line).isTrue();
                lines.add(node);
            }
        }
        return lines;
    }

    private static JsonNode only(List<JsonNode> lines, String messageStart) {
        List<JsonNode> found = lines.stream().filter(l -> l.path("message").asText().startsWith(messageStart)).toList();
        assertThat(found).as("lines starting '%s'", messageStart).hasSize(1);
        return found.get(0);
    }
}
