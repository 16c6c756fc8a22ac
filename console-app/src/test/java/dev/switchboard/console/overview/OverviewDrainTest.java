package dev.switchboard.console.overview;

import dev.switchboard.console.shell.ConsoleContext;
import dev.switchboard.console.testing.LiveGateway;
import dev.switchboard.console.ui.UiThread;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** Drain for real, on a gateway of its own (a drained gateway refuses the other tests' devices). */
class OverviewDrainTest {
    @RegisterExtension
    static final LiveGateway gw = new LiveGateway();

    @Test
    void drainingShowsInTheNodeCardAndOnTheGateway() throws Exception {
        ConsoleContext ctx = gw.context(UiThread.direct());
        OverviewViewModel vm = new OverviewViewModel(ctx);
        try {
            vm.activate();
            LiveGateway.await("the node's details", () -> !vm.health().checkedProperty().get().isEmpty());
            assertThat(vm.health().stateProperty().get()).isEqualTo("Ready");

            vm.drain();
            LiveGateway.await("the drain's answer", () -> vm.drainStatusProperty().get().startsWith("Draining since"));
            assertThat(vm.health().stateProperty().get()).isEqualTo("Draining");
            assertThat(vm.health().stateToneProperty().get()).isEqualTo(Tone.WARNING);
            assertThat(ctx.noticeProperty().get()).isEqualTo("Node test-node is draining");
            assertThat(ctx.api().node().get().draining()).isTrue();
            // the live stats say so too, and do not flip it back
            LiveGateway.await("a stats frame", () -> vm.trends().connections().lines().size() == 1);
            Thread.sleep(1_200);
            assertThat(vm.health().stateProperty().get()).isEqualTo("Draining");
        } finally {
            vm.dispose();
        }
    }
}
