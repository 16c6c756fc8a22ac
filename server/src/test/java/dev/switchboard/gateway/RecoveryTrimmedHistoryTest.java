package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.config.ConfigKey;
import dev.switchboard.testing.TestGateway;
import dev.switchboard.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Join with {@code after} older than the retained history: a snapshot, even within the replay limit. */
class RecoveryTrimmedHistoryTest {
    /** Small retention so trimmed history can be provoked; trimming runs every 50 ms. */
    @RegisterExtension
    static final TestGateway.PerClass small = TestGateway.perClass(Map.of(ConfigKey.LOG_RETAIN_PER_ROOM, "300",
            ConfigKey.LOG_RETENTION_INTERVAL, "50ms", ConfigKey.LOG_MATERIALIZE_EVERY, "100"));

    @Test
    void historyNoLongerRetainedAsksForASnapshotEvenWithinTheReplayLimit() throws Exception {
        String room = "doc:trimmed";
        small.service().put("/api/acl/" + room + "/members/fay");
        for (int i = 0; i < 1000; i++) {
            RecoveryOnJoinTest.publish(small, room, "r" + (i % 10));
        }
        try (WsClient c = small.connect("fay", "d")) {
            c.next("welcome");
            String epoch = c.join(room).path("epoch").asText();
            // Retention keeps the last 300: offset 601 and later; wait until trimming got there.
            long deadline = System.currentTimeMillis() + 15_000;
            JsonNode page;
            do {
                Thread.sleep(50);
                page = small.service().get("/api/rooms/" + room + "/events?after=600&epoch=" + epoch).json();
            } while (!page.path("snapshotRequired").asBoolean() && System.currentTimeMillis() < deadline);
            assertThat(page.path("snapshotRequired").asBoolean()).as("history trimmed").isTrue();
            JsonNode joined = c.join(room, epoch, 600);
            assertThat(joined.path("snapshotRequired").asBoolean()).as("400 behind, but not retained").isTrue();
            assertThat(joined.path("recovered").asBoolean()).isFalse();
            JsonNode recent = c.join(room, epoch, 800);
            assertThat(recent.path("recovered").asBoolean()).isTrue();
            assertThat(recent.path("replayed").asLong()).isEqualTo(200);
            assertThat(c.events(room, 200).get(199).path("offset").asLong()).isEqualTo(1000);
        }
    }
}
