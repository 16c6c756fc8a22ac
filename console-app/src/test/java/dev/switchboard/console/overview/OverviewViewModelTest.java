package dev.switchboard.console.overview;

import dev.switchboard.console.shell.ConsoleContext;
import dev.switchboard.console.testing.LiveGateway;
import dev.switchboard.console.ui.UiThread;
import dev.switchboard.model.admin.AuditTrail;
import dev.switchboard.testing.WsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The Overview's view model against a real gateway, without a JavaFX toolkit. */
class OverviewViewModelTest {
    @RegisterExtension
    static final LiveGateway gw = new LiveGateway();

    private static final String ROOM = "doc:overview";

    private ConsoleContext ctx;
    private OverviewViewModel vm;

    @BeforeEach
    void connect() {
        ctx = gw.context(UiThread.direct());
        vm = new OverviewViewModel(ctx);
    }

    @AfterEach
    void dispose() {
        vm.dispose();
    }

    private static void connectDevices(int n) {
        gw.grant(ROOM, "ann");
        for (int i = 0; i < n; i++) {
            WsClient device = gw.device("ann", "device-" + i);
            assertThat(device.join(ROOM).path("op").asText()).isEqualTo("joined");
        }
    }

    @Test
    void showsTheNodeItsConnectionsAndLiveDeliveryRates() {
        connectDevices(3);
        vm.activate();
        NodeHealth h = vm.health();
        LiveGateway.await("the node's details", () -> !h.checkedProperty().get().isEmpty());
        assertThat(h.nodeProperty().get()).isEqualTo("test-node");
        assertThat(h.stateProperty().get()).isEqualTo("Ready");
        assertThat(h.stateToneProperty().get()).isEqualTo(Tone.GOOD);
        assertThat(h.healthProperty().get()).isEqualTo("Healthy");
        assertThat(h.storeProperty().get()).isEqualTo("H2 (embedded)");
        assertThat(h.wsPortProperty().get()).isEqualTo(Integer.toString(gw.gateway().gateway().wsPort()));
        assertThat(h.uptimeSecondsProperty().get()).isGreaterThanOrEqualTo(0);

        OverviewTrends t = vm.trends();
        LiveGateway.await("deliveries/s above zero", Duration.ofSeconds(15), () -> {
            gw.publish("doc.changed", "doc-1", ROOM);
            return t.deliveries().current() > 0 && t.publishes().current() > 0;
        });
        assertThat(h.connectionsProperty().get()).isGreaterThanOrEqualTo(3);
        assertThat(t.connections().current()).isGreaterThanOrEqualTo(3);
        assertThat(t.connections().lines()).hasSize(1);
        assertThat(t.connections().lines().get(0).last()).isGreaterThanOrEqualTo(3);
        assertThat(t.deliveries().currentTextProperty().get()).isNotEqualTo("—");
        // three devices in the room: every publish is delivered three times
        assertThat(t.deliveries().current()).isGreaterThanOrEqualTo(t.publishes().current());
        LiveGateway.await("a latency point", () -> !t.latency().line(OverviewTrends.P99).points().isEmpty());
        assertThat(t.latency().currentTextProperty().get()).startsWith("p50 ");
    }

    @Test
    void aPageNotShownAsksNothingButKeepsCharting() throws InterruptedException {
        LiveGateway.await("two frames of stats", () -> vm.trends().connections().lines().size() == 1
                && vm.trends().connections().lines().get(0).points().size() >= 2);
        assertThat(vm.health().checkedProperty().get()).as("no GET /admin/node before activation").isEmpty();
        assertThat(vm.health().nodeProperty().get()).as("known from the link").isEqualTo("test-node");

        ctx.link().pause();
        vm.activate();
        Thread.sleep(500);
        assertThat(vm.health().checkedProperty().get()).as("no GET /admin/node while minimised").isEmpty();
        vm.deactivate();

        ctx.link().resume();
        vm.activate();
        LiveGateway.await("the node's details once shown", () -> !vm.health().checkedProperty().get().isEmpty());
    }

    @Test
    void readOnlyRefusesToDrainWithoutAsking() throws Exception {
        ctx.readOnlyProperty().set(true);
        vm.drain();
        assertThat(ctx.noticeProperty().get()).contains("Read-only");
        assertThat(vm.drainStatusProperty().get()).isEmpty();
        assertThat(ctx.api().node().get().draining()).isFalse();
        assertThat(ctx.api().audit(50).get().entries()).extracting(AuditTrail.Entry::action).doesNotContain("drain");
    }
}
