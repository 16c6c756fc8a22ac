package dev.switchboard.console.connections;

import dev.switchboard.console.shell.ConsoleContext;
import dev.switchboard.console.testing.LiveGateway;
import dev.switchboard.console.testing.SerialUi;
import dev.switchboard.model.admin.ConnectionSort;
import dev.switchboard.model.admin.FaultRequest;
import dev.switchboard.testing.WsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The Connections view model against a real gateway, without a JavaFX toolkit. */
class ConnectionsViewModelTest {
    @RegisterExtension
    static final LiveGateway gw = new LiveGateway();

    private SerialUi ui;
    private ConsoleContext ctx;
    private ConnectionsViewModel vm;

    @BeforeEach
    void open() throws Exception {
        Files.deleteIfExists(gw.home().resolve(SavedConnectionFilter.FILE));
        ui = gw.serialUi();
        ctx = gw.context(ui);
        vm = ui.read(() -> new ConnectionsViewModel(ctx));
    }

    @AfterEach
    void close() {
        ui.call(vm::dispose);
        ui.close();
    }

    @Test
    void devicesAppearWithUserDeviceAndAppAndLeaveWhenTheyClose() {
        ui.call(vm::activate);
        gw.device("amy", "phone");
        WsClient laptop = gw.device("amy", "laptop");
        gw.device("ben", "tablet");

        ui.await("amy's and ben's devices", () -> find("amy", "phone") != null && find("amy", "laptop") != null
                && find("ben", "tablet") != null);
        ConnectionRow phone = ui.read(() -> find("amy", "phone"));
        assertThat(phone.appVersion()).isEqualTo("test-1.0");
        assertThat(phone.remoteIp()).isEqualTo("127.0.0.1");
        assertThat(phone.node()).isNotBlank();
        assertThat(ui.read(() -> phone.rooms().stream().map(RoomProgress::room).toList())).containsExactly("user:amy");
        assertThat(ui.read(() -> phone.sinceProperty().get())).contains(" · ");

        laptop.close();
        ui.await("amy's laptop to leave the list", () -> find("amy", "laptop") == null);
        assertThat(ui.read(() -> find("amy", "phone"))).isNotNull();
    }

    @Test
    void theGatewayFiltersAndCountsAndTheCountSaysWhichOfHowMany() {
        ui.call(vm::activate);
        gw.device("cleo", "phone");
        gw.device("cleo", "watch");
        gw.device("dave", "phone");
        ui.await("three devices", () -> find("cleo", "watch") != null && find("dave", "phone") != null
                && find("cleo", "phone") != null);
        long all = ui.read(() -> vm.totalProperty().get());

        ui.call(() -> vm.filterTextProperty().set("user:cleo"));
        ui.await("cleo's two", () -> vm.countText().get().equals("1–2 of 2"));
        ui.call(() -> vm.filterTextProperty().set("WATCH"));
        ui.await("the watch", () -> vm.rows().stream().map(ConnectionRow::deviceId).toList().equals(List.of("watch")));
        ui.call(() -> vm.filterTextProperty().set("room:user:dave app:test-1.0"));
        ui.await("dave's phone", () -> vm.countText().get().equals("1–1 of 1"));
        ui.call(() -> vm.filterTextProperty().set("nobody-like-this"));
        ui.await("none", () -> vm.countText().get().equals("0 connections"));
        assertThat(ui.read(() -> vm.placeholder().get())).isEqualTo("No connections match “nobody-like-this”");
        ui.call(() -> vm.filterTextProperty().set("unsent>many"));
        assertThat(ui.read(() -> vm.placeholder().get())).as("a comparison that does not parse says so where the rows would be")
                .startsWith("“unsent>many” is not a comparison");
        assertThat(ui.read(() -> vm.filterProblemProperty().get())).isNotEmpty();
        ui.call(() -> vm.filterTextProperty().set(""));
        ui.await("everything again", () -> vm.totalProperty().get() >= all && vm.rows().size() == vm.totalProperty().get());
    }

    @Test
    void aPausedDeviceShowsUnsentEventsAndIsHighlightedWhileItsTwinIsNot() throws Exception {
        String room = "document:lag-1";
        gw.grant(room, "erin");
        ui.call(vm::activate);
        WsClient phone = gw.device("erin", "phone");
        WsClient laptop = gw.device("erin", "laptop");
        assertThat(phone.join(room).path("op").asText()).isEqualTo("joined");
        assertThat(laptop.join(room).path("op").asText()).isEqualTo("joined");
        ui.await("both in the room", () -> inRoom("erin", "phone", room) && inRoom("erin", "laptop", room));
        String phoneId = ui.read(() -> find("erin", "phone").connectionId());

        FaultRequest pause = FaultRequest.onConnection(phoneId, "pause").durationMs(60_000);
        assertThat(ctx.api().injectFault(pause).get(5, TimeUnit.SECONDS).kind()).isEqualTo("pause");

        for (int i = 0; i < 3; i++) {
            gw.publish("doc.changed", "doc-lag", room);
        }
        long last = laptop.events(room, 3).get(2).path("offset").asLong();
        laptop.send("{\"op\":\"ack\",\"room\":\"" + room + "\",\"offset\":" + last + "}");
        Thread.sleep(200);
        assertThat(phone.drain()).as("the paused phone gets no event").noneMatch(f -> f.path("op").asText().equals("event"));

        ui.await("the phone with 3 unsent, flagged", () -> {
            ConnectionRow r = find("erin", "phone");
            return r.unsent() == 3 && r.lagging() && r.worstProperty().get().room().equals(room);
        });
        ConnectionRow phoneRow = ui.read(() -> find("erin", "phone"));
        assertThat(ui.read(phoneRow::unacked)).as("nothing written, so nothing to ack").isZero();
        assertThat(ui.read(() -> phoneRow.figuresTextProperty().get())).isEqualTo("3 · 0 in " + room);
        ConnectionRow twin = ui.read(() -> find("erin", "laptop"));
        ui.await("the laptop caught up", () -> twin.unsent() == 0 && twin.unacked() == 0);
        assertThat(ui.read(twin::lagging)).isFalse();
        assertThat(ui.read(() -> twin.worstProperty().get().ackedTo())).isEqualTo(last);
        assertThat(ui.read(() -> twin.figuresTextProperty().get())).isEqualTo("0");

        ui.call(() -> vm.filterTextProperty().set("unsent>0 user:erin"));
        ui.await("only the paused phone", () -> vm.rows().stream().map(ConnectionRow::deviceId).toList().equals(List.of("phone")));
        ui.call(() -> vm.filterTextProperty().set("user:erin"));
        ui.call(() -> {
            vm.sortProperty().set(ConnectionSort.UNSENT);
            vm.descendingProperty().set(true);
        });
        ui.await("the paused phone first by unsent", () -> vm.rows().size() == 2 && vm.rows().get(0).deviceId().equals("phone"));
        ui.call(() -> vm.descendingProperty().set(false));
        ui.await("and last the other way", () -> vm.rows().size() == 2 && vm.rows().get(1).deviceId().equals("phone"));

        ui.call(() -> vm.select(find("erin", "phone")));
        ui.await("the detail with the fault", () -> vm.detail().faultProperty().get().startsWith("pause"));
        assertThat(ui.read(() -> vm.detail().heartbeatProperty().get())).endsWith(" ago");
        assertThat(ui.read(() -> vm.detail().rooms().stream().filter(p -> p.room().equals(room))
                .findFirst().orElseThrow().unsent())).isEqualTo(3);
    }

    @Test
    void disconnectClosesTheSocketWith4010AndReadOnlyRefuses() {
        ui.call(vm::activate);
        WsClient phone = gw.device("fay", "phone");
        ui.await("fay's phone", () -> find("fay", "phone") != null);
        ConnectionRow row = ui.read(() -> find("fay", "phone"));
        ui.call(() -> vm.select(row));

        ui.call(() -> ctx.readOnlyProperty().set(true));
        ui.read(() -> vm.disconnect(row)).join();
        assertThat(ui.read(() -> vm.actionResultProperty().get())).contains("read-only");
        assertThat(phone.poll(Duration.ofMillis(500))).as("no close while read-only").isNull();
        assertThat(phone.ended()).isFalse();

        ui.call(() -> ctx.readOnlyProperty().set(false));
        ui.read(() -> vm.disconnect(row)).join();
        assertThat(phone.awaitClose()).isEqualTo(4010);
        assertThat(ui.read(() -> vm.actionResultProperty().get())).startsWith("Disconnected " + row.connectionId());
        ui.await("the row gone", () -> find("fay", "phone") == null);
    }

    @Test
    void injectAFaultOnAUserAndRedeliverARange() {
        String room = "document:redo-1";
        gw.grant(room, "gus");
        ui.call(vm::activate);
        WsClient phone = gw.device("gus", "phone");
        phone.join(room);
        gw.publish("doc.changed", "doc-redo", room);
        gw.publish("doc.changed", "doc-redo", room);
        phone.events(room, 2);
        ui.await("gus's phone in the room", () -> inRoom("gus", "phone", room));
        ConnectionRow row = ui.read(() -> find("gus", "phone"));
        ui.call(() -> vm.select(row));

        ui.read(() -> vm.redeliver(row, new RedeliverRequest(room, 1, 2))).join();
        assertThat(ui.read(() -> vm.actionResultProperty().get()))
                .isEqualTo("Re-delivered " + room + " 1–2 to " + row.connectionId() + ": sent 2.");
        assertThat(phone.events(room, 2)).extracting(e -> e.path("offset").asLong()).containsExactly(1L, 2L);

        FaultDraft delay = new FaultDraft(FaultKind.DELAY, row.connectionId(), "gus", true, 0, 1_500, 0, 30_000);
        ui.read(() -> vm.injectFault(delay)).join();
        assertThat(ui.read(() -> vm.actionResultProperty().get()))
                .startsWith("Injected delay on every connection of gus (1 connection, until ");
        ui.await("the fault in the detail", () -> vm.detail().faultProperty().get().startsWith("delay 1500 ms until "));
        assertThat(ui.read(() -> vm.detail().faultProperty().get())).endsWith("(user:gus)");

        ui.call(() -> ctx.readOnlyProperty().set(true));
        ui.read(() -> vm.injectFault(new FaultDraft(FaultKind.CUT, row.connectionId(), "gus", false, 0, 0, 0, 0))).join();
        assertThat(ui.read(() -> vm.actionResultProperty().get())).isEqualTo("Fault injection refused: the console is in read-only mode.");
        assertThat(phone.ended()).isFalse();
        ui.call(() -> ctx.readOnlyProperty().set(false));
    }

    @Test
    void theLastFilterIsRememberedForTheNextConsole() {
        ui.call(() -> vm.filterTextProperty().set("user:ivy app:1.4"));
        LiveGateway.await("the filter saved", () -> {
            try {
                return Files.readString(gw.home().resolve(SavedConnectionFilter.FILE)).contains("user\\:ivy app\\:1.4");
            } catch (IOException e) {
                return false;
            }
        });
        ConnectionsViewModel next = ui.read(() -> new ConnectionsViewModel(ctx));
        ui.await("the filter restored", () -> next.filterTextProperty().get().equals("user:ivy app:1.4"));
        ui.call(next::dispose);
    }

    private ConnectionRow find(String user, String device) {
        return vm.rows().stream().filter(r -> r.userId().equals(user) && r.deviceId().equals(device)).findFirst().orElse(null);
    }

    private boolean inRoom(String user, String device, String room) {
        ConnectionRow r = find(user, device);
        return r != null && r.rooms().stream().anyMatch(p -> p.room().equals(room));
    }
}
