package dev.switchboard.console.events;

import dev.switchboard.console.shell.ConsoleContext;
import dev.switchboard.console.testing.FakeAdminApi;
import dev.switchboard.console.testing.FakeFeed;
import dev.switchboard.console.testing.SerialUi;
import dev.switchboard.model.admin.AdminDelta;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The Events page's live mode fed by a faked stream: no gateway, no JavaFX toolkit. */
class EventsViewModelWithoutGatewayTest {
    private final FakeAdminApi api = new FakeAdminApi();
    private final FakeFeed feed = new FakeFeed();
    private final SerialUi ui = new SerialUi();
    @TempDir
    Path home;
    private ConsoleContext ctx;
    private EventsViewModel vm;

    @BeforeEach
    void open() {
        ctx = ConsoleContext.of(api, feed, ui, home);
        vm = ui.read(() -> new EventsViewModel(ctx, EventFilterStore.in(home)));
        ui.call(vm::activate);
    }

    @AfterEach
    void close() {
        ui.call(vm::dispose);
        ctx.close();
        ui.close();
    }

    @Test
    void whatTheRateCapLeftOutIsCountedNotSilentlyMissing() {
        AdminDelta published = new AdminDelta.EventPublished("events", 1L, "evt-1", 1, "doc.changed", "doc-1",
                Map.of("doc:1", 1L));
        feed.cappedDeltas(List.of(published), Map.of("events", 1_840L, "failures", 3L));
        ui.await("the streamed event", () -> vm.rows().size() == 1);
        ui.await("what the cap left out, counted", () -> vm.bufferStatusProperty().get()
                .contains("1,843 more not streamed (rate cap; all are in the log)"));

        ui.call(vm::clear);
        assertThat(ui.read(() -> vm.bufferStatusProperty().get())).doesNotContain("not streamed");
    }
}
