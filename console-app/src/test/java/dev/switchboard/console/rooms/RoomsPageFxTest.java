package dev.switchboard.console.rooms;

import dev.switchboard.console.connections.SavedConnectionFilter;
import dev.switchboard.console.shell.Page;
import dev.switchboard.console.testing.FxPage;
import dev.switchboard.console.testing.LiveGateway;
import dev.switchboard.testing.WsClient;
import javafx.css.PseudoClass;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Rooms page on screen (headless), against a real gateway. */
@ExtendWith(ApplicationExtension.class)
class RoomsPageFxTest {
    @RegisterExtension
    static final LiveGateway gw = new LiveGateway();

    private Stage stage;
    private FxPage.Shown<Page> shown;

    @Start
    void start(Stage stage) throws Exception {
        Files.deleteIfExists(gw.home().resolve(SavedConnectionFilter.FILE));
        this.stage = stage;
        shown = FxPage.show(stage, gw, RoomsPage.spec().factory());
    }

    @AfterEach
    void stop() {
        shown.close();
    }

    @Test
    void clickingARoomShowsItsMembersTree(FxRobot robot) {
        String room = "document:fx-1";
        gw.grant(room, "olga");
        gw.grant(room, "pat");
        for (WsClient c : List.of(gw.device("olga", "phone"), gw.device("olga", "laptop"), gw.device("pat", "desk"))) {
            c.join(room);
        }
        TableView<RoomRow> rooms = FxPage.lookup(stage, "#roomsTable");
        FxPage.await("the room listed", () -> rooms.getItems().stream().anyMatch(r -> r.room().equals(room)));
        LiveGateway.await("the room's row drawn", () -> robot.lookup(room).tryQuery().isPresent());

        robot.clickOn(room);
        TreeTableView<MemberLine> tree = FxPage.lookup(stage, "#membersTree");
        FxPage.await("olga and pat in the tree", () -> names(tree.getRoot()).equals(List.of("olga", "pat")));
        assertThat(FxPage.read(() -> names(tree.getRoot().getChildren().get(0)))).containsExactly("laptop", "phone");
        assertThat(FxPage.read(() -> tree.getRoot().getChildren().get(0).getChildren().get(1).isExpanded())).isTrue();
        assertThat(FxPage.read(() -> tree.getExpandedItemCount())).as("users, devices and connections shown")
                .isEqualTo(2 + 3 + 3);
        Label counts = FxPage.lookup(stage, "#memberCountsLabel");
        assertThat(FxPage.read(counts::getText)).isEqualTo("2 users · 3 devices · 3 connections");
        Label title = FxPage.lookup(stage, "#roomTitle");
        assertThat(FxPage.read(title::getText)).isEqualTo(room);
        Label head = FxPage.lookup(stage, "#roomHeadLabel");
        assertThat(FxPage.read(head::getText)).isEqualTo("head 0");
    }

    @Test
    void theDetailJoinsThePageWithTheFirstRoomAndATabWithItsFirstOpening(FxRobot robot) {
        String room = "document:fx-lazy";
        gw.grant(room, "lena");
        gw.device("lena", "phone").join(room);
        TableView<RoomRow> rooms = FxPage.lookup(stage, "#roomsTable");
        FxPage.await("the room listed", () -> rooms.getItems().stream().anyMatch(r -> r.room().equals(room)));
        assertThat(FxPage.read(() -> stage.getScene().lookup("#membersTree"))).as("no detail before a room is chosen").isNull();
        assertThat(FxPage.read(() -> stage.getScene().lookup("#noRoomLabel").isVisible())).isTrue();

        LiveGateway.await("the room's row drawn", () -> robot.lookup(room).tryQuery().isPresent());
        robot.clickOn(room);
        FxPage.await("the detail on the page", () -> FxPage.read(() -> stage.getScene().lookup("#membersTree") != null));
        assertThat(FxPage.read(() -> stage.getScene().lookup("#noRoomLabel").isVisible())).isFalse();
        assertThat(FxPage.read(() -> stage.getScene().lookup("#historyTable"))).as("History not opened yet").isNull();

        robot.clickOn("History");
        FxPage.await("the history table built on opening", () -> FxPage.read(() -> stage.getScene().lookup("#historyTable") != null));
    }

    @Test
    void openSelectsTheRoomOnceListed() {
        String room = "document:fx-2";
        gw.grant(room, "quin");
        FxPage.run(() -> shown.page().open(room));
        gw.device("quin", "phone").join(room);
        TableView<RoomRow> rooms = FxPage.lookup(stage, "#roomsTable");
        FxPage.await("the room selected in the table", () -> {
            RoomRow r = rooms.getSelectionModel().getSelectedItem();
            return r != null && r.room().equals(room);
        });
        TreeTableView<MemberLine> tree = FxPage.lookup(stage, "#membersTree");
        FxPage.await("quin in the tree", () -> names(tree.getRoot()).equals(List.of("quin")));
    }

    @Test
    void anAdminGrantsAndRevokesInTheAccessTabAndEntitledUsersWithoutAConnectionShowOffline(FxRobot robot) {
        String room = "document:fx-acl";
        gw.grant(room, "rita");
        gw.grant(room, "sam");
        WsClient phone = gw.device("rita", "phone");
        phone.join(room);
        TableView<RoomRow> rooms = FxPage.lookup(stage, "#roomsTable");
        FxPage.await("the room listed", () -> rooms.getItems().stream().anyMatch(r -> r.room().equals(room)));
        LiveGateway.await("the room's row drawn", () -> robot.lookup(room).tryQuery().isPresent());
        robot.clickOn(room);

        TreeTableView<MemberLine> tree = FxPage.lookup(stage, "#membersTree");
        FxPage.await("rita in the room, sam offline", () -> names(tree.getRoot()).equals(List.of("rita", "sam")));
        assertThat(FxPage.read(() -> tree.getRoot().getChildren().get(1).getValue().kind()))
                .isEqualTo(MemberLine.Kind.OFFLINE);
        LiveGateway.await("sam drawn greyed as offline", () -> robot.lookup(".tree-table-row-cell").queryAll().stream()
                .filter(r -> r.getPseudoClassStates().contains(PseudoClass.getPseudoClass("absent")))
                .anyMatch(r -> robot.from(r).lookup("sam  (offline)").tryQuery().isPresent()));

        robot.clickOn("Access");
        TableView<AclEntry> acl = FxPage.lookup(stage, "#aclTable");
        FxPage.await("the ACL listed", () -> acl.getItems().size() == 2);
        robot.clickOn("#grantUserField").write("tom");
        robot.clickOn("#grantButton");
        FxPage.await("tom granted", () -> acl.getItems().contains(new AclEntry("tom", "offline")));
        assertThat(gw.service().get("/api/acl/" + room + "/members").json().path("members").toString())
                .isEqualTo("[\"rita\",\"sam\",\"tom\"]");

        Button revokeRita = FxPage.read(() -> robot.lookup(".table-row-cell").queryAllAs(TableRow.class).stream()
                .filter(r -> r.getItem() instanceof AclEntry e && e.userId().equals("rita"))
                .map(r -> (Button) r.lookup(".button")).findFirst().orElseThrow());
        robot.clickOn(revokeRita);

        assertThat(phone.next("revoked").path("room").asText()).isEqualTo(room);
        Label outcome = FxPage.lookup(stage, "#aclOutcome");
        FxPage.await("the revoke's result", () -> outcome.getText().startsWith("Revoked rita's access"));
        assertThat(FxPage.read(outcome::getText)).isEqualTo("Revoked rita's access to document:fx-acl:"
                + " 1 connection left the room (each was sent 'revoked'; they stay connected).");
        assertThat(FxPage.read(() -> acl.getItems().stream().map(AclEntry::userId).toList())).containsExactly("sam", "tom");
        robot.clickOn("Members");
        FxPage.await("rita gone from the room", () -> names(tree.getRoot()).equals(List.of("sam", "tom")));
        Label title = FxPage.lookup(stage, "#roomTitle");
        assertThat(FxPage.read(title::getText)).as("still the room, though nobody is in it any more").isEqualTo(room);
    }

    private static List<String> names(TreeItem<MemberLine> parent) {
        return parent.getChildren().stream().map(i -> i.getValue().name()).toList();
    }
}
