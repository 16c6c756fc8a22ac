package dev.switchboard.console.rooms;

import dev.switchboard.console.shell.ConsoleContext;
import dev.switchboard.console.testing.FakeAdminApi;
import dev.switchboard.console.testing.FakeFeed;
import dev.switchboard.console.testing.SerialUi;
import dev.switchboard.model.admin.EventList;
import dev.switchboard.model.admin.RoomList;
import dev.switchboard.model.admin.RoomMembers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** The Rooms page's access, offline members and history over a faked admin API: no gateway, no JavaFX toolkit. */
class RoomsViewModelWithoutGatewayTest {
    private static final String ROOM = "document:7";

    private final FakeAdminApi api = new FakeAdminApi();
    private final FakeFeed feed = new FakeFeed();
    private final List<String> navigated = new ArrayList<>();
    @TempDir
    Path home;
    private SerialUi ui;
    private ConsoleContext ctx;
    private RoomsViewModel vm;

    @BeforeEach
    void open() {
        ui = new SerialUi();
        ctx = ConsoleContext.of(api, feed, ui, home);
        ctx.navigator((page, argument) -> navigated.add(page + " " + argument));
        api.answerEvents(new EventList(List.of()));
        vm = ui.read(() -> new RoomsViewModel(ctx));
    }

    @AfterEach
    void close() {
        ui.call(vm::dispose);
        ctx.close();
        ui.close();
    }

    /** {@code user} in the room with one connection per device. */
    private static RoomMembers.User inRoom(String user, String... devices) {
        List<RoomMembers.Device> list = new ArrayList<>();
        for (String d : devices) {
            list.add(new RoomMembers.Device(d, List.of(new RoomMembers.Member("c-" + user + "-" + d, "1.0", 4, 4, 0,
                    null, 0, 0))));
        }
        return new RoomMembers.User(user, list);
    }

    private void show(String room) {
        ui.call(() -> vm.open(room));
        ui.await("the room read", () -> !vm.membersNoteProperty().get().startsWith("Reading"));
    }

    private List<String> tree() {
        return ui.read(() -> vm.membersProperty().get().users().stream().map(u -> u.name() + " " + u.kind()).toList());
    }

    @Test
    void entitledUsersWithoutAConnectionInTheRoomAreListedAsOfflineOrNotInTheRoom() {
        api.answerRooms(new RoomList.RoomSummary(ROOM, 1, 1, 4), new RoomList.RoomSummary("user:kim", 1, 1, 0),
                new RoomList.RoomSummary("user:lee", 1, 1, 0));
        api.answerMembers(new RoomMembers(ROOM, 4, List.of(inRoom("lee", "phone"))));
        api.allow(ROOM, "kim", "lee", "max");
        ui.call(vm::activate);
        ui.await("user:kim listed", () -> vm.row("user:kim") != null);
        show(ROOM);

        ui.await("kim and max in the tree", () -> vm.membersProperty().get() != null
                && vm.membersProperty().get().users().size() == 3);
        assertThat(tree()).containsExactly("lee USER", "kim NOT_JOINED", "max OFFLINE");
        assertThat(ui.read(() -> vm.memberCounts().get()))
                .isEqualTo("1 user · 1 device · 1 connection · 1 offline · 1 not joined");
        assertThat(ui.read(() -> List.copyOf(vm.access().entries()))).containsExactly(
                new AclEntry("kim", "connected, not in the room"),
                new AclEntry("lee", "in the room (1 connection)"),
                new AclEntry("max", "offline"));
    }

    @Test
    void aRoomNobodyIsInStillShowsWhoMayJoinIt() {
        api.allow(ROOM, "max");
        show(ROOM);

        assertThat(tree()).containsExactly("max OFFLINE");
        assertThat(ui.read(() -> vm.headText().get())).as("no head without a members answer").isEmpty();
        assertThat(ui.read(() -> vm.memberCounts().get())).isEqualTo("0 users · 0 devices · 0 connections · 1 offline");
    }

    @Test
    void grantAddsTheUserToTheAclAndTheRoomIsReadAgain() {
        api.answerMembers(new RoomMembers(ROOM, 4, List.of(inRoom("lee", "phone"))));
        api.allow(ROOM, "lee");
        show(ROOM);

        ui.call(() -> {
            vm.access().grantUserProperty().set(" nia ");
            vm.access().grant();
        });

        ui.await("nia listed", () -> vm.access().entries().contains(new AclEntry("nia", "offline")));
        assertThat(api.aclOf(ROOM)).containsExactly("lee", "nia");
        assertThat(tree()).containsExactly("lee USER", "nia OFFLINE");
        assertThat(ui.read(() -> vm.access().outcomeProperty().get()))
                .isEqualTo("Granted nia access to document:7; nia is offline.");
        assertThat(ui.read(() -> vm.access().grantUserProperty().get())).isEmpty();
    }

    @Test
    void revokeTakesTheUserOffTheAclAndSaysHowManyConnectionsLeftTheRoom() {
        api.answerMembers(new RoomMembers(ROOM, 4, List.of(inRoom("lee", "phone", "laptop"), inRoom("kim", "desk"))));
        api.allow(ROOM, "kim", "lee");
        show(ROOM);
        AclEntry lee = ui.read(() -> vm.access().entries().get(1));
        assertThat(lee).isEqualTo(new AclEntry("lee", "in the room (2 connections)"));

        ui.call(() -> vm.access().revoke(lee));

        ui.await("lee gone from the ACL", () -> vm.access().entries().size() == 1);
        assertThat(api.aclOf(ROOM)).containsExactly("kim");
        assertThat(tree()).containsExactly("kim USER");
        assertThat(ui.read(() -> vm.access().outcomeProperty().get())).isEqualTo("Revoked lee's access to document:7:"
                + " 2 connections left the room (each was sent 'revoked'; they stay connected).");
    }

    @Test
    void aSlowReadFromBeforeARevokeDoesNotBringTheUserBack() {
        api.answerRooms(new RoomList.RoomSummary(ROOM, 2, 2, 4));
        api.answerMembers(new RoomMembers(ROOM, 4, List.of(inRoom("lee", "phone"), inRoom("kim", "desk"))));
        api.allow(ROOM, "kim", "lee");
        show(ROOM);
        CompletableFuture<Void> slow = api.holdNextMembers();
        ui.call(vm::activate); // the periodic read starts at once, and its members answer is held
        ui.await("the periodic read asked", () -> api.calls().stream().filter("members"::equals).count() == 2);

        ui.call(() -> vm.access().revoke(new AclEntry("lee", "in the room (1 connection)")));
        ui.await("the revoke done", () -> vm.access().outcomeProperty().get().startsWith("Revoked lee"));
        slow.complete(null);

        assertThat(ui.read(() -> vm.access().outcomeProperty().get())).contains(": 1 connection left the room");
        assertThat(tree()).as("the held answer still had lee in the room").containsExactly("kim USER");
    }

    @Test
    void readOnlyHidesAndRefusesGrantAndRevoke() {
        api.allow(ROOM, "lee");
        show(ROOM);
        ui.call(() -> ctx.readOnlyProperty().set(true));
        assertThat(ui.read(() -> vm.access().editable().get())).isFalse();

        ui.call(() -> {
            vm.access().grantUserProperty().set("nia");
            vm.access().grant();
        });
        assertThat(ui.read(() -> vm.access().outcomeProperty().get()))
                .isEqualTo("Read-only mode: nobody was granted access.");
        ui.call(() -> vm.access().revoke(new AclEntry("lee", "offline")));
        assertThat(ui.read(() -> vm.access().outcomeProperty().get())).isEqualTo("Read-only mode: lee keeps access.");

        assertThat(api.calls()).doesNotContain("grant", "revoke");
        assertThat(api.aclOf(ROOM)).containsExactly("lee");
    }

    @Test
    void aUserRoomHasNoAclAndShowsItsOwnerWhenOffline() {
        show("user:uma");

        assertThat(tree()).containsExactly("uma OFFLINE");
        assertThat(ui.read(() -> vm.access().appliesProperty().get())).isFalse();
        assertThat(ui.read(() -> vm.access().editable().get())).isFalse();
        assertThat(ui.read(() -> vm.access().noteProperty().get()))
                .isEqualTo("user:uma is a user room, which has no ACL: only uma may join it, and every device of that user does.");
        assertThat(api.calls()).doesNotContain("aclMembers");
    }

    @Test
    void historyListsTheRoomsEventsNewestFirstPageByPageAndTraceOpensTheTrace() {
        api.answerEvents(new EventList(List.of(event("e-9", 9, "doc.renamed"), event("e-8", 8, "doc.changed")),
                8L, 8L, "offset"));
        show(ROOM);

        ui.await("the history read", () -> vm.history().events().size() == 2);
        assertThat(api.eventFilters()).isEqualTo(Map.of("room", ROOM, "limit", "50"));
        List<HistoryRow> rows = ui.read(() -> List.copyOf(vm.history().events()));
        assertThat(rows).extracting(HistoryRow::offset).containsExactly(9L, 8L);
        assertThat(rows.get(0).type()).isEqualTo("doc.renamed");
        assertThat(rows.get(0).actor()).isEqualTo("zoe");
        assertThat(ui.read(() -> vm.history().olderProperty().get())).isTrue();
        assertThat(ui.read(() -> vm.history().noteProperty().get()))
                .isEqualTo("2 events, newest first · Older reads the next 50 back");

        api.answerEvents(new EventList(List.of(event("e-7", 7, "doc.created")), null, 1L, "offset"));
        ui.call(() -> vm.history().readOlder());
        ui.await("the older page appended", () -> vm.history().events().size() == 3);
        assertThat(api.eventFilters()).containsEntry("before", "8");
        assertThat(ui.read(() -> vm.history().olderProperty().get())).isFalse();
        assertThat(ui.read(() -> vm.history().noteProperty().get())).endsWith("the room's whole history");

        ui.call(() -> vm.history().trace(rows.get(1)));
        assertThat(navigated).containsExactly("trace e-8");
    }

    private static EventList.EventSummary event(String id, long offset, String type) {
        return new EventList.EventSummary(id, offset + 100, type, "doc-7", 1, "2026-12-04T10:00:00Z",
                Map.of(ROOM, offset), "zoe");
    }
}
