package dev.switchboard.eventlog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.config.ConfigKey;
import dev.switchboard.model.json.Json;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.TestGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.switchboard.testing.Api.event;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A flood larger than the log's queue is refused with {@code 503 overloaded} and Retry-After, the
 * gateway keeps answering, and every publish that was accepted is stored (no more, no fewer).
 */
class PublishFloodTest {
    @Test
    void publishesBeyondTheQueueAre503OverloadedAndNothingAcceptedIsLost(@TempDir Path data) throws Exception {
        // A tiny queue, and a writer that waits long for company: the queue fills while it waits.
        try (TestGateway gw = TestGateway.start(data, java.util.Map.of(ConfigKey.LOG_QUEUE_CAPACITY, "2",
                ConfigKey.LOG_COMMIT_DELAY, "300ms", ConfigKey.HTTP_THREADS, "32"))) {
            // Two publishes together make the writer's next group wait for more.
            publishConcurrently(gw, 2, "warm");
            List<Api.Response> answers = publishConcurrently(gw, 40, "flood");

            long created = answers.stream().filter(r -> r.status() == 201).count();
            List<Api.Response> refused = answers.stream().filter(r -> r.status() == 503).toList();
            assertThat(created + refused.size()).as("every answer is 201 or 503").isEqualTo(40);
            assertThat(refused).as("some of the flood was refused").isNotEmpty();
            for (Api.Response r : refused) {
                assertThat(r.error()).isEqualTo("overloaded");
                assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
            }
            JsonNode page = gw.service.get("/api/rooms/flood:room/events?limit=500").json();
            assertThat(page.get("head").asLong()).as("exactly the accepted publishes are stored").isEqualTo(created);
            assertThat(gw.anonymous().get("/health/live").status()).isEqualTo(200);
            assertThat(gw.service.get("/metrics").body()).contains("switchboard_publish_total{outcome=\"overloaded\"} " + refused.size());
        }
    }

    private static List<Api.Response> publishConcurrently(TestGateway gw, int n, String tag) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<Api.Response>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int x = i;
                futures.add(pool.submit(() -> gw.service.publish(event("flood.item.added", "item:" + tag + x,
                        List.of(tag.equals("flood") ? "flood:room" : "warm:room"), Json.object().put("i", x)))));
            }
            List<Api.Response> answers = new ArrayList<>();
            for (Future<Api.Response> f : futures) {
                answers.add(f.get());
            }
            return answers;
        } finally {
            pool.shutdown();
        }
    }
}
