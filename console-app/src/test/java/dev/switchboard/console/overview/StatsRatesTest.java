package dev.switchboard.console.overview;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.model.admin.AdminDelta;
import dev.switchboard.model.admin.AdminFrame;
import dev.switchboard.model.admin.AdminJson;
import dev.switchboard.model.json.Json;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The stats frames as WebSocketGateway.liveStats() writes them, turned into the charts' rates. */
class StatsRatesTest {
    private static final Reason SLOW = new Reason(Reason.FAILURE, "slow_consumer");
    private static final Reason LIMITED = new Reason(Reason.ERROR, "rate_limited");

    private final StatsRates rates = new StatsRates();

    private static StatsFrame frame(long at, long fannedOut, long deliveries, long reconnects, Map<Reason, Long> reasons) {
        ObjectNode s = Json.object();
        s.put("kind", "stats");
        s.put("connections", 3);
        s.put("at", at);
        s.put("eventsFannedOut", fannedOut);
        s.put("deliveries", deliveries);
        s.put("reconnects", reconnects);
        ObjectNode failures = s.putObject("failures");
        ObjectNode errors = s.putObject("errors");
        s.putObject("refused");
        reasons.forEach((r, n) -> (r.kind().equals(Reason.FAILURE) ? failures : errors).put(r.name(), n));
        ObjectNode lat = s.putObject("deliveryLatencyMs");
        lat.put("count", 1);
        lat.put("p50", 0.5);
        lat.put("p99", 2.25);
        return StatsFrame.fromStats(wire(s, AdminDelta.Stats.class));
    }

    /** Read as the console reads the stream: through the shared records. */
    private static <T> T wire(ObjectNode json, Class<T> type) {
        try {
            return AdminJson.read(json, type);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void totalsBecomePerSecondRatesFromTheSecondFrameOn() {
        StatsRates.Rates first = rates.next(frame(1_000, 100, 300, 0, Map.of()));
        assertThat(first.deliveriesPerSecond()).isNaN();
        assertThat(first.problemsPerSecond()).isNaN();
        StatsRates.Rates second = rates.next(frame(2_000, 150, 450, 0, Map.of()));
        assertThat(second.publishesPerSecond()).isCloseTo(50, within(1e-9));
        assertThat(second.deliveriesPerSecond()).isCloseTo(150, within(1e-9));
        assertThat(second.problemsPerSecond()).isZero();
    }

    @Test
    void reasonsAreRatedFromTheFrameAfterTheyFirstAppear() {
        rates.next(frame(1_000, 0, 0, 0, Map.of()));
        StatsRates.Rates seen = rates.next(frame(2_000, 0, 0, 0, Map.of(SLOW, 4L)));
        assertThat(seen.perSecondByReason()).doesNotContainKey(SLOW);
        StatsRates.Rates rated = rates.next(frame(3_000, 0, 0, 0, Map.of(SLOW, 10L, LIMITED, 1L)));
        assertThat(rated.perSecondByReason().get(SLOW)).isCloseTo(6, within(1e-9));
        rates.next(frame(4_000, 0, 0, 0, Map.of(SLOW, 10L, LIMITED, 3L)));
        assertThat(rates.next(frame(5_000, 0, 0, 0, Map.of(SLOW, 10L, LIMITED, 5L))).problemsPerSecond())
                .isCloseTo(2, within(1e-9));
    }

    @Test
    void aRestartedGatewayGivesNoNegativeRates() {
        rates.next(frame(1_000, 9_000, 40_000, 50, Map.of(SLOW, 70L)));
        rates.next(frame(2_000, 9_100, 40_500, 51, Map.of(SLOW, 71L)));
        // restarted: every total is small again, and slow_consumer has not been counted yet
        StatsRates.Rates after = rates.next(frame(3_000, 20, 60, 0, Map.of()));
        assertThat(after.publishesPerSecond()).isCloseTo(20, within(1e-9));
        assertThat(after.deliveriesPerSecond()).isCloseTo(60, within(1e-9));
        assertThat(after.perSecondByReason().get(SLOW)).isZero();
        assertThat(after.reconnectsPerMinute()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void reconnectsPerMinuteAverageTheLastMinute() {
        rates.next(frame(0, 0, 0, 0, Map.of()));
        for (int s = 1; s <= 90; s++) {
            rates.next(frame(s * 1_000L, 0, 0, s <= 30 ? s : 30, Map.of())); // one a second for 30 s, then none
        }
        StatsRates.Rates last = rates.next(frame(91_000, 0, 0, 30, Map.of()));
        assertThat(last.reconnectsPerMinute()).isZero(); // the reconnects are more than a minute old
        StatsRates fresh = new StatsRates();
        fresh.next(frame(0, 0, 0, 0, Map.of()));
        assertThat(fresh.next(frame(1_000, 0, 0, 2, Map.of())).reconnectsPerMinute()).isCloseTo(120, within(1e-9));
    }

    @Test
    void aSnapshotHasNoRatesAndTheNextFrameIsABaseline() {
        rates.next(frame(1_000, 0, 0, 0, Map.of()));
        rates.next(frame(2_000, 10, 10, 0, Map.of()));
        ObjectNode snapshot = Json.object();
        snapshot.put("op", "snapshot");
        snapshot.put("node", "gw-1");
        snapshot.put("draining", true);
        snapshot.putObject("stats").put("kind", "stats").put("topic", "stats").put("connections", 7);
        StatsFrame snap = StatsFrame.fromSnapshot(wire(snapshot, AdminFrame.Snapshot.class));
        assertThat(snap.hasTotals()).isFalse();
        assertThat(snap.draining()).isTrue();
        assertThat(snap.connections()).isEqualTo(7);
        assertThat(rates.next(snap)).isEqualTo(StatsRates.Rates.UNKNOWN);
        rates.rebaseline();
        assertThat(rates.next(frame(60_000, 5_000, 5_000, 0, Map.of())).deliveriesPerSecond()).isNaN();
    }
}
