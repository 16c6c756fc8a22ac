package dev.switchboard.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.json.Json;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.TestGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static dev.switchboard.testing.Api.event;
import static org.assertj.core.api.Assertions.assertThat;

/** /api/info, /health/*, /metrics and the answers to requests no route takes. */
class OpsEndpointsTest {
    @RegisterExtension
    static final TestGateway.PerClass gw = TestGateway.perClass();

    @Test
    void infoNeedsNoTokenAndTellsWhereToConnect() {
        JsonNode info = gw.anonymous().get("/api/info").json();
        assertThat(info.get("wsUrl").asText()).startsWith("ws://127.0.0.1:").endsWith("/ws");
        assertThat(info.get("protocol").asInt()).isEqualTo(1);
        assertThat(info.get("node").asText()).isEqualTo("test-node");
        assertThat(info.get("version").asText()).isNotBlank();
    }

    @Test
    void healthProbes() {
        assertThat(gw.anonymous().get("/health/live").status()).isEqualTo(200);
        Api.Response ready = gw.anonymous().get("/health/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().get("status").asText()).isEqualTo("ready");
    }

    @Test
    void metricsCountPublishesAndTheirLatencyInPrometheusFormat() {
        for (int i = 0; i < 3; i++) {
            assertThat(gw.service().publish(event("metric.sample.taken", "m:1", List.of("metrics:room"), Json.object())).status()).isEqualTo(201);
        }
        gw.service().post("/api/events", "{nope");
        // A request is counted once its answer has gone out, so the client may read /metrics a moment before.
        Await.until("the last answers counted", () -> gw.anonymous().get("/metrics").body()
                .contains("switchboard_http_requests_total{route=\"/api/events\",status=\"400\"} 1"));
        Await.until("the last answers counted", () -> gw.anonymous().get("/metrics").body()
                .contains("switchboard_http_requests_total{route=\"/api/events\",status=\"201\"} 3"));
        Api.Response r = gw.anonymous().get("/metrics");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        String text = r.body();
        assertThat(text).contains("# TYPE switchboard_publish_total counter");
        assertThat(text).contains("switchboard_publish_total{outcome=\"created\"} 3");
        assertThat(text).contains("switchboard_publish_total{outcome=\"bad_json\"} 1");
        assertThat(text).contains("# TYPE switchboard_publish_duration_seconds histogram");
        assertThat(text).contains("switchboard_publish_duration_seconds_count 3");
        assertThat(text).containsPattern("switchboard_publish_duration_seconds_bucket\\{le=\"\\+Inf\"} 3");
        assertThat(text).contains("switchboard_eventlog_events_committed_total 3");
        assertThat(text).contains("switchboard_http_requests_total{route=\"/api/events\",status=\"201\"} 3");
        // Every sample line is "name{labels} value" (names may hold digits: system_load_average_1m).
        for (String line : text.split("\n")) {
            if (!line.startsWith("#")) {
                assertThat(line).matches("[a-zA-Z_:][a-zA-Z0-9_:]*(\\{[^}]*})? (-?[0-9.eE+-]+|NaN|[+-]Inf)");
            }
        }
    }

    @Test
    void unknownPathsAndMethodsAnswerJsonErrors() {
        Api.Response missing = gw.service().get("/api/nothing-here");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.error()).isEqualTo("not_found");
        Api.Response wrongMethod = gw.service().get("/api/events");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.error()).isEqualTo("method_not_allowed");
        assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("POST");
    }
}
