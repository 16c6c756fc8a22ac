package dev.switchboard.console.rooms;

import dev.switchboard.console.connections.SavedConnectionFilter;
import dev.switchboard.console.shell.Page;
import dev.switchboard.console.testing.FxPage;
import dev.switchboard.console.testing.LiveGateway;
import dev.switchboard.testing.WsClient;
import javafx.scene.control.Label;
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

    private static List<String> names(TreeItem<MemberLine> parent) {
        return parent.getChildren().stream().map(i -> i.getValue().name()).toList();
    }
}
