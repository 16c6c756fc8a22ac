package dev.switchboard.console.connections;

import dev.switchboard.console.shell.ConsoleContext;
import dev.switchboard.console.testing.FakeAdminApi;
import dev.switchboard.console.testing.FakeFeed;
import dev.switchboard.console.testing.SerialUi;
import dev.switchboard.adminclient.AdminCallException;
import dev.switchboard.model.admin.AdminDelta;
import dev.switchboard.model.admin.ConnectionInfo;
import dev.switchboard.model.admin.ConnectionPage;
import dev.switchboard.model.admin.ConnectionSort;
import dev.switchboard.model.admin.Redelivered;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Connections model against a faked admin API and stream: the page, its sort and filter are the
 * gateway's, and the detail pane stays on the connection the user selected.
 */
class ConnectionsViewModelWithoutGatewayTest {
    private final FakeAdminApi api = new FakeAdminApi();
    private final FakeFeed feed = new FakeFeed();
    private final SerialUi ui = new SerialUi();
    /** What the faked gateway has open; a test removes some to close them. */
    private final List<ConnectionInfo> open = new CopyOnWriteArrayList<>(SyntheticConnections.list(250));
    @TempDir
    Path home;
    private ConsoleContext ctx;
    private ConnectionsViewModel vm;

    @BeforeEach
    void start() {
        api.answerConnections(this::page);
        api.answerConnection(id -> open.stream().filter(c -> c.connectionId().equals(id)).findFirst()
                .map(CompletableFuture::completedFuture)
                .orElseGet(() -> CompletableFuture.failedFuture(new AdminCallException(404, "not_found", "no " + id))));
        ctx = ConsoleContext.of(api, feed, ui, home);
        vm = ui.read(() -> new ConnectionsViewModel(ctx));
        ui.call(vm::activate);
    }

    @AfterEach
    void stop() {
        ui.call(vm::dispose);
        ctx.close();
        ui.close();
    }

    /** The faked gateway's paging (no filtering or sorting: the tests look at what is asked). */
    private ConnectionPage page(Map<String, String> q) {
        int offset = Integer.parseInt(q.get("offset"));
        int limit = Integer.parseInt(q.get("limit"));
        List<ConnectionInfo> all = List.copyOf(open);
        int to = Math.min(all.size(), offset + limit);
        List<ConnectionInfo> page = offset >= all.size() ? List.of() : all.subList(offset, to);
        return new ConnectionPage(page, all.size(), to < all.size() ? Integer.toString(to) : null, offset);
    }

    private Map<String, String> lastQuery() {
        List<Map<String, String>> all = api.connectionQueries();
        return all.get(all.size() - 1);
    }

    @Test
    void theTableShowsOnePageAndPagesOnTheGateway() {
        ui.await("the first page", () -> vm.countText().get().equals("1–100 of 250"));
        assertThat(ui.read(() -> vm.rows().size())).isEqualTo(100);
        assertThat(lastQuery()).containsEntry("offset", "0").containsEntry("limit", "100").containsEntry("sort", "id");
        assertThat(ui.read(() -> vm.hasPrevious().get())).isFalse();

        ui.call(vm::nextPage);
        ui.await("the second page", () -> vm.countText().get().equals("101–200 of 250"));
        assertThat(ui.read(() -> vm.rows().get(0).connectionId())).isEqualTo(SyntheticConnections.id(100));
        ui.call(vm::nextPage);
        ui.await("the last page", () -> vm.countText().get().equals("201–250 of 250"));
        assertThat(ui.read(() -> vm.hasNext().get())).isFalse();

        ConnectionRow first = ui.read(() -> vm.rows().get(0));
        long revision = ui.read(() -> vm.revisionProperty().get());
        ui.await("a refresh of the page", () -> vm.revisionProperty().get() > revision);
        assertThat(ui.read(() -> vm.rows().get(0))).as("a connection keeps its row object").isSameAs(first);

        open.removeIf(c -> c.connectionId().compareTo(SyntheticConnections.id(150)) >= 0);
        ui.await("back to the last page with connections", () -> vm.countText().get().equals("101–150 of 150"));
    }

    @Test
    void theFilterAndTheSortAreTheGatewaysParametersFromTheFirstPage() {
        ui.await("the first page", () -> vm.totalProperty().get() == 250);
        ui.call(vm::nextPage);
        ui.call(() -> vm.filterTextProperty().set("user:u0001 unsent>0 phone"));
        ui.await("the filter asked", () -> lastQuery().containsKey("user"));
        assertThat(lastQuery()).containsEntry("user", "u0001").containsEntry("minUnsent", "1")
                .containsEntry("q", "phone").containsEntry("offset", "0");

        ui.call(() -> {
            vm.sortProperty().set(ConnectionSort.UNACKED);
            vm.descendingProperty().set(true);
        });
        ui.await("the sort asked", () -> "desc".equals(lastQuery().get("order")));
        assertThat(lastQuery()).containsEntry("sort", "unacked").containsEntry("user", "u0001");

        ui.call(() -> vm.filterTextProperty().set("unsent<3"));
        assertThat(ui.read(() -> vm.filterProblemProperty().get())).startsWith("“unsent<3” is left out");
    }

    @Test
    void aSlowGatewayIsAskedOnceAtATimeAndOnlyForTheLatestFilter() throws Exception {
        ui.await("the first page read", () -> vm.totalProperty().get() == 250);
        List<CompletableFuture<ConnectionPage>> held = new CopyOnWriteArrayList<>();
        ui.call(vm::deactivate);
        ctx.timer().submit(() -> { }).get(); // no tick runs while the answer changes
        api.answerConnectionsLater(q -> {
            CompletableFuture<ConnectionPage> answer = new CompletableFuture<>();
            held.add(answer);
            return answer;
        });
        ui.call(vm::activate);
        ui.call(() -> vm.filterTextProperty().set("user:u0001"));
        ui.call(() -> vm.filterTextProperty().set("user:u0002"));
        ui.call(() -> vm.filterTextProperty().set("user:u0003"));
        ui.call(vm::refreshNow);
        ctx.timer().submit(() -> { }).get(); // the ticks those asked for have run
        assertThat(held).as("one read while one is going on").hasSize(1);

        held.get(0).complete(page(Map.of("offset", "0", "limit", "100")));
        ui.await("the next read", () -> held.size() == 2);
        List<Map<String, String>> asked = api.connectionQueries();
        assertThat(asked.get(asked.size() - 1)).as("for the latest filter").containsEntry("user", "u0003");
        held.get(1).complete(new ConnectionPage(List.of(open.get(30)), 1, null, 0));
        ui.await("the latest answer shown", () -> vm.countText().get().equals("1–1 of 1"));
    }

    @Test
    void theDetailStaysOnTheSelectedConnectionAfterItClosesMarkedClosed() {
        ui.await("the first page", () -> vm.rows().size() == 100);
        ConnectionRow selected = ui.read(() -> vm.rows().get(3));
        ui.call(() -> vm.select(selected));
        open.removeIf(c -> c.connectionId().equals(selected.connectionId()));
        feed.deltas(List.of(new AdminDelta.ConnectionClosed("connections", 1_764_410_400_123L, selected.connectionId(),
                selected.userId(), selected.deviceId(), 4010, "disconnected by an operator")), null);

        ui.await("the page without it", () -> vm.row(selected.connectionId()) == null);
        ui.await("marked closed", () -> !vm.detail().closedProperty().get().isEmpty());
        assertThat(ui.read(() -> vm.detail().closedProperty().get())).startsWith("Closed at ")
                .endsWith(" with code 4010 (disconnected by an operator)");
        ui.call(() -> vm.select(null)); // what the table does when the selected row leaves it
        assertThat(ui.read(vm::selected)).as("still the connection the user selected").isSameAs(selected);

        ui.call(() -> vm.select(vm.rows().get(0)));
        assertThat(ui.read(() -> vm.detail().closedProperty().get())).isEmpty();
    }

    @Test
    void aClosedConnectionTheStreamDidNotReportIsMarkedWhenTheGatewayNoLongerHasIt() {
        ui.await("the first page", () -> vm.rows().size() == 100);
        ConnectionRow selected = ui.read(() -> vm.rows().get(5));
        ui.call(() -> vm.select(selected));
        open.removeIf(c -> c.connectionId().equals(selected.connectionId()));
        ui.await("marked closed", () -> vm.detail().closedProperty().get().startsWith("Closed: the gateway no longer has it"));
        assertThat(ui.read(vm::selected)).isSameAs(selected);
    }

    @Test
    void anActionsMessageBelongsToTheConnectionItActedOn() {
        CompletableFuture<Redelivered> answer = new CompletableFuture<>();
        api.answerRedeliver(id -> answer);
        ui.await("the first page", () -> vm.rows().size() == 100);
        ConnectionRow a = ui.read(() -> vm.rows().get(0));
        ConnectionRow b = ui.read(() -> vm.rows().get(1));
        ui.call(() -> vm.select(a));
        CompletableFuture<Void> done = ui.read(() -> vm.redeliver(a, new RedeliverRequest("document:0", 1, 2)));
        ui.call(() -> vm.select(b));
        answer.complete(new Redelivered(2));
        done.join();
        assertThat(ui.read(() -> vm.actionResultProperty().get())).as("b's pane shows nothing of a's").isEmpty();

        ui.call(() -> vm.select(a));
        assertThat(ui.read(() -> vm.actionResultProperty().get()))
                .isEqualTo("Re-delivered document:0 1–2 to " + a.connectionId() + ": sent 2.");
    }

    @Test
    void aRedeliveryHandedToAnotherNodeSaysSoInsteadOfSentZero() {
        api.answerRedeliver(id -> CompletableFuture.completedFuture(new Redelivered(0, "node-c")));
        ui.await("the first page", () -> vm.rows().size() == 100);
        ConnectionRow a = ui.read(() -> vm.rows().get(0));
        ui.call(() -> vm.select(a));
        ui.read(() -> vm.redeliver(a, new RedeliverRequest("document:0", 1, 2))).join();
        assertThat(ui.read(() -> vm.actionResultProperty().get())).isEqualTo("Re-delivery of document:0 1–2 to "
                + a.connectionId() + " handed to node-c, which holds the connection.");
    }
}
