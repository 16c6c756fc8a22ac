package dev.switchboard.console.rooms;

import dev.switchboard.console.connections.SavedConnectionFilter;
import dev.switchboard.console.shell.ConsoleContext;
import dev.switchboard.console.testing.LiveGateway;
import dev.switchboard.console.testing.SerialUi;
import dev.switchboard.testing.WsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Rooms view model against a real gateway, without a JavaFX toolkit. */
class RoomsViewModelTest {
    @RegisterExtension
    static final LiveGateway gw = new LiveGateway();

    private SerialUi ui;
    private ConsoleContext ctx;
    private RoomsViewModel vm;

    @BeforeEach
    void open() throws Exception {
        Files.deleteIfExists(gw.home().resolve(SavedConnectionFilter.FILE));
        ui = gw.serialUi();
        ctx = gw.context(ui);
        vm = ui.read(() -> new RoomsViewModel(ctx));
    }

    @AfterEach
    void close() {
        ui.call(vm::dispose);
        ui.close();
    }

    @Test
    void aJoinedRoomIsListedWithItsCountsAndTheFilterFindsIt() {
        String room = "document:r-1";
        gw.grant(room, "kim");
        gw.grant(room, "lee");
        ui.call(vm::activate);
        gw.device("kim", "phone").join(room);
        gw.device("kim", "laptop").join(room);
        gw.device("lee", "phone").join(room);
        ui.await("document:r-1 with 3 connections of 2 users",
                () -> vm.row(room) != null && vm.row(room).connections() == 3 && vm.row(room).users() == 2);
        assertThat(ui.read(() -> vm.row("user:kim").connections())).isEqualTo(2);

        ui.call(() -> vm.filterTextProperty().set("R-1"));
        assertThat(ui.read(() -> vm.shown().stream().map(RoomRow::room).toList())).containsExactly(room);
        assertThat(ui.read(() -> vm.countText().get())).endsWith(" rooms · 1 shown");
    }

    @Test
    void theMembersTreeGroupsDevicesUnderTheirUserWithTheirFigures() {
        String room = "document:r-2";
        gw.grant(room, "mo");
        gw.grant(room, "nia");
        ui.call(vm::activate);
        WsClient phone = gw.device("mo", "phone");
        WsClient laptop = gw.device("mo", "laptop");
        WsClient nia = gw.device("nia", "tablet");
        for (WsClient c : List.of(phone, laptop, nia)) {
            assertThat(c.join(room).path("op").asText()).isEqualTo("joined");
        }
        gw.publish("doc.changed", "doc-r2", room);
        gw.publish("doc.changed", "doc-r2", room);
        laptop.events(room, 2);
        nia.events(room, 2);
        laptop.send("{\"op\":\"ack\",\"room\":\"" + room + "\",\"offset\":2}");
        nia.send("{\"op\":\"ack\",\"room\":\"" + room + "\",\"offset\":2}");

        ui.call(() -> vm.open(room));
        ui.await("mo's phone with 2 unacked and flagged", () -> {
            MembersTree t = vm.membersProperty().get();
            MemberLine mo = t == null ? null : t.user("mo");
            return mo != null && mo.children().size() == 2 && device(mo, "phone").unacked() == 2
                    && device(mo, "phone").lagging() && device(mo, "laptop").unacked() == 0;
        });
        MembersTree tree = ui.read(() -> vm.membersProperty().get());
        assertThat(tree.head()).isEqualTo(2);
        assertThat(tree.users()).extracting(MemberLine::name).containsExactly("mo", "nia");
        MemberLine mo = tree.user("mo");
        assertThat(mo.children()).extracting(MemberLine::name).containsExactly("laptop", "phone");
        assertThat(mo.unacked()).isEqualTo(2);
        assertThat(mo.unsent()).as("the phone reads, it just does not ack").isZero();
        assertThat(mo.lagging()).isTrue();
        MemberLine laptopLine = device(mo, "laptop");
        assertThat(laptopLine.lagging()).isFalse();
        assertThat(laptopLine.children()).hasSize(1);
        MemberLine connection = laptopLine.children().get(0);
        assertThat(connection.kind()).isEqualTo(MemberLine.Kind.CONNECTION);
        assertThat(connection.deliveredTo()).isEqualTo(2);
        assertThat(connection.ackedTo()).isEqualTo(2);
        assertThat(connection.appVersion()).isEqualTo("test-1.0");
        assertThat(tree.user("nia").lagging()).isFalse();
        assertThat(ui.read(() -> vm.memberCounts().get())).isEqualTo("2 users · 3 devices · 3 connections · 1 lagging");
        assertThat(ui.read(() -> vm.headText().get())).isEqualTo("head 2");
    }

    @Test
    void aUserRoomShowsTheSameHeadInTheListAndItsMembers() {
        for (int i = 0; i < 3; i++) {
            gw.publish("note.added", "n" + i, "user:uma"); // before the device connects
        }
        ui.call(vm::activate);
        WsClient phone = gw.device("uma", "phone");
        ui.await("user:uma listed at the log's head", () -> vm.row("user:uma") != null && vm.row("user:uma").head() == 3);
        ui.call(() -> vm.open("user:uma"));
        ui.await("its members", () -> vm.membersProperty().get() != null);
        MembersTree tree = ui.read(() -> vm.membersProperty().get());
        assertThat(tree.head()).isEqualTo(3);
        MemberLine connection = device(tree.user("uma"), "phone").children().get(0);
        assertThat(connection.deliveredTo()).as("the 3 before the connect are not owed to it").isEqualTo(3);
        assertThat(connection.unsent()).isZero();
        assertThat(connection.unacked()).isZero();

        gw.publish("note.added", "n3", "user:uma");
        phone.events("user:uma", 1);
        ui.await("head 4 in the list and the members, one unacked", () -> {
            MembersTree t = vm.membersProperty().get();
            if (t == null || t.head() != 4 || vm.row("user:uma").head() != 4) {
                return false;
            }
            MemberLine c = device(t.user("uma"), "phone").children().get(0);
            return c.deliveredTo() + c.unsent() == 4 && c.unacked() == 1;
        });
        assertThat(ui.read(() -> vm.headText().get())).isEqualTo("head 4");
    }

    @Test
    void aRoomNobodyIsInSaysSo() {
        ui.call(vm::activate);
        ui.call(() -> vm.open("document:empty"));
        ui.await("the note", () -> vm.membersNoteProperty().get().equals("Nobody is in document:empty on this node."));
        assertThat(ui.read(() -> vm.membersProperty().get())).isNull();
    }

    private static MemberLine device(MemberLine user, String deviceId) {
        return user.children().stream().filter(d -> d.name().equals(deviceId)).findFirst().orElseThrow();
    }
}
