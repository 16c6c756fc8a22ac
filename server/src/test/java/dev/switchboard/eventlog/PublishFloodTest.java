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
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A flood larger than the log's queue is refused with {@code 503 overloaded} and Retry-After, the
 * gateway keeps answering, and every publish that was accepted is stored (no more, no fewer).
 */
class PublishFloodTest {
    @Test
    void publishesBeyondTheQueueAre503OverloadedAndNothingAcceptedIsLost(@TempDir Path data) throws Exception {
        // A tiny queue and a writer that commits one publish per transaction: a burst of concurrent
        // publishes outruns it. How many arrive while it commits depends on the machine, so the flood is
        // repeated (each round a new burst) until some of it was refused.
        try (TestGateway gw = TestGateway.start(data, Map.of(ConfigKey.LOG_QUEUE_CAPACITY, "2",
                ConfigKey.LOG_BATCH_MAX, "1", ConfigKey.HTTP_THREADS, "32"))) {
            List<Api.Response> answers = new ArrayList<>();
            for (int round = 0; round < 20 && answers.stream().noneMatch(r -> r.status() == 503); round++) {
                answers.addAll(publishConcurrently(gw, 48, "flood", round));
            }

            long created = answers.stream().filter(r -> r.status() == 201).count();
            List<Api.Response> refused = answers.stream().filter(r -> r.status() == 503).toList();
            assertThat(created + refused.size()).as("every answer is 201 or 503").isEqualTo(answers.size());
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

    private static List<Api.Response> publishConcurrently(TestGateway gw, int n, String tag, int round) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<Api.Response>> futures = new ArrayList<>();
            CountDownLatch go = new CountDownLatch(1);
            for (int i = 0; i < n; i++) {
                int x = i;
                futures.add(pool.submit(() -> {
                    go.await();
                    return gw.service.publish(event("flood.item.added", "item:" + tag + round + "-" + x,
                            List.of("flood:room"), Json.object().put("i", x)));
                }));
            }
            go.countDown();
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
