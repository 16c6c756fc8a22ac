package dev.switchboard.console.overview;

import dev.switchboard.console.link.LinkState;
import dev.switchboard.console.shell.ConsoleContext;
import dev.switchboard.console.testing.FakeAdminApi;
import dev.switchboard.console.testing.FakeFeed;
import dev.switchboard.console.testing.SerialUi;
import dev.switchboard.model.admin.AdminDelta;
import dev.switchboard.model.admin.AdminFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

/**
 * The Overview's model driven by the admin stream's records alone: a faked stream and API, no gateway,
 * no JavaFX toolkit. What a support person reads on the page follows the stream's figures.
 */
class OverviewViewModelWithoutGatewayTest {
    private final FakeAdminApi api = new FakeAdminApi();
    private final FakeFeed feed = new FakeFeed();
    private final SerialUi ui = new SerialUi();
    @TempDir
    Path home;
    private ConsoleContext ctx;
    private OverviewViewModel vm;

    @BeforeEach
    void open() {
        ctx = ConsoleContext.of(api, feed, ui, home);
        vm = ui.read(() -> new OverviewViewModel(ctx));
    }

    @AfterEach
    void close() {
        ui.call(vm::dispose);
        ctx.close();
        ui.close();
    }

    private static AdminDelta.Stats stats(long at, long connections, long fannedOut, long deliveries,
                                          Map<String, Long> failures, double p99) {
        return new AdminDelta.Stats("stats", at, connections, 4, 2_048, 0, false, false, fannedOut, deliveries,
                connections, 0L, deliveries, failures, Map.of(), Map.of(), new AdminDelta.Latency(10, p99 / 2, p99, p99));
    }

    @Test
    void theSnapshotThenEachSecondsStatsReachTheHealthCardAndTheCharts() {
        AdminDelta.Stats live = new AdminDelta.Stats("stats", 0, 7, 3, 0, 0, false, null, null, null, null, null,
                null, null, null, null, null);
        feed.snapshot(new AdminFrame.Snapshot("gw-7", false, live, List.of(), 7, List.of()));
        ui.await("the snapshot's connections", () -> vm.health().connectionsProperty().get() == 7);

        feed.deltas(List.of(), stats(10_000, 8, 1_000, 3_000, Map.of(), 4.0));
        feed.deltas(List.of(), stats(11_000, 9, 1_400, 4_200, Map.of("slow_consumer", 2L), 6.0));
        ui.await("the second second's rates", () -> vm.trends().deliveries().current() > 0);
        assertThat(ui.read(() -> vm.health().connectionsProperty().get())).isEqualTo(9);
        assertThat(ui.read(() -> vm.trends().publishes().current())).isCloseTo(400, within(1e-9));
        assertThat(ui.read(() -> vm.trends().deliveries().current())).isCloseTo(1_200, within(1e-9));
        assertThat(ui.read(() -> vm.trends().latency().current())).as("p99 of the last second").isCloseTo(6.0, within(1e-9));
        assertThat(ui.read(() -> List.copyOf(vm.trends().reasonTotals())))
                .extracting(r -> r.reason().name(), ReasonTotal::total)
                .containsExactly(tuple("slow_consumer", 2L));
    }

    @Test
    void aDrainingNodeInTheSnapshotShowsDraining() {
        AdminDelta.Stats live = new AdminDelta.Stats("stats", 0, 1, 1, 0, 0, false, null, null, null, null, null,
                null, null, null, null, null);
        feed.snapshot(new AdminFrame.Snapshot("gw-8", true, live, List.of(), 1, List.of()));
        ui.await("draining shown", () -> vm.health().drainingProperty().get());
    }

    @Test
    void aDegradedNodeSaysWhyOnTheNodeCardUntilItIsNoLonger() {
        AdminDelta.Stats live = new AdminDelta.Stats("stats", 0, 1, 1, 0, 0, false, null, null, null, null, null,
                null, null, null, null, null);
        feed.snapshot(new AdminFrame.Snapshot("node-a", false, live, List.of(), 1, List.of()));
        ui.await("ready", () -> vm.health().stateProperty().get().equals("Ready"));
        AdminDelta.Stats s = stats(10_000, 1, 0, 0, Map.of(), 1.0);
        feed.deltas(List.of(), new AdminDelta.Stats(s.topic(), s.at(), s.connections(), s.rooms(), s.backlogBytes(),
                s.fanoutBacklog(), false, false, s.eventsFannedOut(), s.deliveries(), s.connectionsOpened(), s.reconnects(),
                s.acks(), s.failures(), s.errors(), s.refused(), s.deliveryLatencyMs(),
                List.of("redis unavailable: other nodes' events come from the event log (cluster.log-poll)")));
        ui.await("degraded shown", () -> vm.health().stateProperty().get().startsWith("Degraded — redis unavailable"));
        assertThat(ui.read(() -> vm.health().stateToneProperty().get())).isEqualTo(Tone.WARNING);
        feed.deltas(List.of(), stats(11_000, 1, 0, 0, Map.of(), 1.0));
        ui.await("ready again", () -> vm.health().stateProperty().get().equals("Ready"));
        assertThat(ui.read(() -> vm.health().stateToneProperty().get())).isEqualTo(Tone.GOOD);
    }

    @Test
    void anOutageOfTheLinkIsAGapInEveryChartNotALineAcrossIt() {
        AdminDelta.Stats live = new AdminDelta.Stats("stats", 0, 7, 3, 0, 0, false, null, null, null, null, null,
                null, null, null, null, null);
        feed.snapshot(new AdminFrame.Snapshot("gw-7", false, live, List.of(), 7, List.of()));
        feed.deltas(List.of(), stats(10_000, 7, 1_000, 3_000, Map.of(), 4.0));
        feed.deltas(List.of(), stats(11_000, 7, 1_100, 3_300, Map.of(), 4.0));
        feed.deltas(List.of(), stats(12_000, 8, 1_200, 3_600, Map.of(), 4.0));
        // the gateway went away at 12 s; the link got it back at 40 s with a fresh snapshot
        feed.state(LinkState.RECONNECTING, "closed 1006");
        feed.snapshot(new AdminFrame.Snapshot("gw-7", false, live, List.of(), 2, List.of()));
        feed.deltas(List.of(), stats(40_000, 2, 100, 300, Map.of(), 4.0));
        feed.deltas(List.of(), stats(41_000, 3, 150, 450, Map.of(), 4.0));
        ui.await("the points after the outage", () -> vm.trends().deliveries().newestProperty().get() == 41_000);

        assertThat(ui.read(() -> times(vm.trends().connections())))
                .as("connections: the line stops at 12 s and starts again at 40 s")
                .containsExactly(List.of(10_000L, 11_000L, 12_000L), List.of(40_000L, 41_000L));
        assertThat(ui.read(() -> times(vm.trends().deliveries())))
                .as("a rate needs two frames after the reconnect: its new segment starts at 41 s")
                .containsExactly(List.of(11_000L, 12_000L), List.of(41_000L));
    }

    @Test
    void withoutAnOutageTheLineIsOneSegment() {
        AdminDelta.Stats live = new AdminDelta.Stats("stats", 0, 7, 3, 0, 0, false, null, null, null, null, null,
                null, null, null, null, null);
        feed.snapshot(new AdminFrame.Snapshot("gw-7", false, live, List.of(), 7, List.of()));
        for (long at = 10_000; at <= 14_000; at += 1_000) {
            feed.deltas(List.of(), stats(at, 7, at / 10, at / 5, Map.of(), 4.0));
        }
        ui.await("five frames", () -> vm.trends().connections().newestProperty().get() == 14_000);
        assertThat(ui.read(() -> times(vm.trends().connections()))).hasSize(1);
    }

    /** Each segment of the trend's only line, as the points' times. */
    private static List<List<Long>> times(Trend trend) {
        assertThat(trend.lines()).hasSize(1);
        return trend.lines().get(0).segments().stream()
                .map(seg -> seg.stream().map(TrendPoint::at).toList()).toList();
    }

    @Test
    void disposingStopsListening() {
        assertThat(feed.listeners()).isEqualTo(1);
        ui.call(vm::dispose);
        assertThat(feed.listeners()).isZero();
    }
}
