package dev.switchboard.metrics;

import dev.switchboard.config.ConfigKey;
import dev.switchboard.eventlog.FullDiskFilePath;
import dev.switchboard.metrics.MetricsExpositionTest.Exposition;
import dev.switchboard.model.json.Json;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.TestGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.switchboard.testing.Api.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The gauges the monitoring kit's alerts need beyond readiness: the event log's health, its queue's
 * capacity, the data folder's disk, and the alerted counters at 0 before anything went wrong.
 */
class StoreGaugesTest {
    @TempDir
    Path dir;

    @Test
    void aFreshNodeShowsAHealthyLogItsQueueCapacityAndTheDataDisk() throws Exception {
        try (TestGateway gw = TestGateway.start(dir, Map.of(ConfigKey.LOG_QUEUE_CAPACITY, "1234"))) {
            Map<String, Double> samples = scrape(gw.anonymous());
            assertThat(samples).containsEntry("switchboard_eventlog_healthy", 1.0)
                    .containsEntry("switchboard_eventlog_queue_capacity", 1234.0);

            FileStore disk = Files.getFileStore(dir);
            assertThat(samples).containsEntry("switchboard_data_disk_size_bytes", (double) disk.getTotalSpace());
            // Other processes write to the same disk meanwhile: equal to within a few MiB.
            assertThat(samples.get("switchboard_data_disk_free_bytes"))
                    .isCloseTo((double) disk.getUsableSpace(), within(64.0 * 1024 * 1024))
                    .isPositive();
        }
    }

    @Test
    void countersTheAlertsWatchExistAtZeroBeforeTheFirstFailure() {
        try (TestGateway gw = TestGateway.start(dir)) {
            assertThat(scrape(gw.anonymous()))
                    .containsEntry("switchboard_publish_total{outcome=\"unavailable\"}", 0.0)
                    .containsEntry("switchboard_publish_total{outcome=\"overloaded\"}", 0.0)
                    .containsEntry("switchboard_ws_limit_events_total{limit=\"slow_consumer\"}", 0.0)
                    .containsEntry("switchboard_ws_reconnects_total", 0.0)
                    .containsEntry("switchboard_eventlog_failed_transactions_total", 0.0);
        }
    }

    @Test
    void theLogTurnsUnhealthyOnAFullDiskAndHealthyWhenSpaceReturns() {
        String room = "doc:gauges";
        try (TestGateway gw = TestGateway.start(dir, Map.of(ConfigKey.DB_URL,
                FullDiskFilePath.jdbcUrl(dir.resolve("switchboard")), ConfigKey.DB_POOL_SIZE, "4"))) {
            Api api = gw.service();
            assertThat(api.publish(event("doc.line.set", room + "/line:1", List.of(room), Json.object())).status())
                    .isEqualTo(201);
            Map<String, Double> before = scrape(gw.anonymous());
            assertThat(before).containsEntry("switchboard_eventlog_healthy", 1.0);
            // The log is not in data.dir here (db.url), so the data disk says nothing about it: no gauge.
            assertThat(before).doesNotContainKey("switchboard_data_disk_free_bytes");

            FullDiskFilePath.full(true);
            try {
                assertThat(api.publish(event("doc.line.set", room + "/line:2", List.of(room), Json.object())).status())
                        .isEqualTo(503);
                // The writer marks the log unhealthy as it fails the publish; the scrape may come a moment earlier.
                Await.until("the log reported unhealthy",
                        () -> scrape(gw.anonymous()).get("switchboard_eventlog_healthy") == 0.0);
                Map<String, Double> full = scrape(gw.anonymous());
                assertThat(full).containsEntry("switchboard_ready", 0.0)
                        .containsEntry("switchboard_publish_total{outcome=\"unavailable\"}", 1.0);
            } finally {
                FullDiskFilePath.full(false); // a static switch: the next test's disk must not be full
            }
            Await.until("the log healthy again once space returned", Duration.ofSeconds(20),
                    () -> scrape(gw.anonymous()).get("switchboard_eventlog_healthy") == 1.0);
        }
    }

    private static Map<String, Double> scrape(Api anonymous) {
        Api.Response r = anonymous.get("/metrics");
        assertThat(r.status()).isEqualTo(200);
        return Exposition.parse(r.body());
    }
}
