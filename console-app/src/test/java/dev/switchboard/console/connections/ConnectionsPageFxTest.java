package dev.switchboard.console.connections;

import dev.switchboard.console.shell.ModelPage;
import dev.switchboard.console.testing.FxPage;
import dev.switchboard.console.testing.LiveGateway;
import dev.switchboard.model.admin.ConnectionSort;
import dev.switchboard.testing.WsClient;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
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

/** The Connections page on screen (headless), against a real gateway. */
@ExtendWith(ApplicationExtension.class)
class ConnectionsPageFxTest {
    @RegisterExtension
    static final LiveGateway gw = new LiveGateway();

    private Stage stage;
    private FxPage.Shown<ModelPage<ConnectionsViewModel>> shown;

    @Start
    void start(Stage stage) throws Exception {
        Files.deleteIfExists(gw.home().resolve(SavedConnectionFilter.FILE));
        this.stage = stage;
        shown = FxPage.show(stage, gw, ConnectionsPage::create);
    }

    /** Ends this test's console, pending filter saves included, so the next one starts clean. */
    @AfterEach
    void stop() {
        shown.close();
    }

    @Test
    void theTableShowsRealConnectionsAndTypingFiltersIt(FxRobot robot) {
        gw.device("gina", "phone");
        gw.device("gina", "tablet");
        gw.device("hugo", "phone");
        TableView<ConnectionRow> table = FxPage.lookup(stage, "#connectionsTable");
        FxPage.await("three rows", () -> users(table).containsAll(List.of("gina", "hugo")) && table.getItems().size() >= 3);

        robot.clickOn("#filterField").write("hugo");
        FxPage.await("only hugo's phone", () -> users(table).equals(List.of("hugo")));
        Label count = FxPage.lookup(stage, "#countLabel");
        FxPage.await("the count of the gateway's matches", () -> count.getText().equals("1–1 of 1"));

        robot.eraseText("hugo".length()).write("TABLET");
        FxPage.await("only gina's tablet", () -> table.getItems().size() == 1
                && table.getItems().get(0).deviceId().equals("tablet"));

        robot.write("-X");
        FxPage.await("an empty table that says why", () -> table.getItems().isEmpty());
        Label placeholder = FxPage.read(() -> (Label) table.getPlaceholder());
        assertThat(FxPage.read(placeholder::getText)).isEqualTo("No connections match “TABLET-X”");
    }

    @Test
    void readOnlyHidesTheActions() {
        gw.device("jules", "phone");
        TableView<ConnectionRow> table = FxPage.lookup(stage, "#connectionsTable");
        FxPage.await("jules's row", () -> users(table).contains("jules"));
        FxPage.run(() -> table.getSelectionModel().select(
                table.getItems().stream().filter(r -> r.userId().equals("jules")).findFirst().orElseThrow()));
        Button disconnect = FxPage.lookup(stage, "#disconnectButton");
        Button fault = FxPage.lookup(stage, "#injectFaultButton");
        Button redeliver = FxPage.lookup(stage, "#redeliverButton");
        Label title = FxPage.lookup(stage, "#detailTitle");
        FxPage.await("the detail of jules's phone", () -> title.getText().equals("jules / phone") && title.isVisible());
        assertThat(FxPage.read(() -> disconnect.isVisible() && fault.isVisible() && redeliver.isVisible())).isTrue();
        FxPage.run(() -> shown.page().model().sortProperty().set(ConnectionSort.CONNECTED_AT));
        long revision = FxPage.read(() -> shown.page().model().revisionProperty().get());
        FxPage.await("two refreshes", () -> shown.page().model().revisionProperty().get() >= revision + 2);
        assertThat(FxPage.read(() -> table.getSelectionModel().getSelectedItem().userId()))
                .as("the selection survives refreshes of a sorted table").isEqualTo("jules");

        FxPage.run(() -> shown.ctx().readOnlyProperty().set(true));
        assertThat(FxPage.read(() -> disconnect.isVisible() || fault.isVisible() || redeliver.isVisible())).isFalse();
        assertThat(FxPage.read(() -> disconnect.isManaged())).isFalse();
        assertThat(FxPage.read(() -> FxPage.<Node>lookup(stage, "#traceUserLink").isVisible()))
                .as("tracing only reads").isTrue();

        FxPage.run(() -> shown.ctx().readOnlyProperty().set(false));
        assertThat(FxPage.read(disconnect::isVisible)).isTrue();
    }

    @Test
    void theDetailJoinsThePageWithTheFirstSelection() {
        gw.device("lou", "phone");
        TableView<ConnectionRow> table = FxPage.lookup(stage, "#connectionsTable");
        FxPage.run(() -> shown.page().model().filterTextProperty().set("user:lou"));
        FxPage.await("lou's device", () -> FxPage.read(() -> table.getItems().size()) == 1);
        assertThat(FxPage.read(() -> stage.getScene().lookup("#detailRoomsTable"))).as("no detail before a selection").isNull();
        assertThat(FxPage.read(() -> stage.getScene().lookup("#noSelectionLabel").isVisible())).isTrue();
        FxPage.run(() -> table.getSelectionModel().select(0));
        FxPage.await("the detail on the page", () -> FxPage.read(() -> stage.getScene().lookup("#detailRoomsTable") != null
                && stage.getScene().lookup("#detailBox").isVisible()));
    }

    @Test
    void theDetailStaysOnTheSelectedConnectionWhenItClosesAndSaysSo() {
        WsClient phone = gw.device("kim", "phone");
        gw.device("kim", "tablet");
        TableView<ConnectionRow> table = FxPage.lookup(stage, "#connectionsTable");
        FxPage.run(() -> shown.page().model().filterTextProperty().set("user:kim"));
        FxPage.await("kim's two devices", () -> FxPage.read(() -> table.getItems().size()) == 2);
        FxPage.run(() -> table.getSelectionModel().select(
                table.getItems().stream().filter(r -> r.deviceId().equals("phone")).findFirst().orElseThrow()));
        Label title = FxPage.lookup(stage, "#detailTitle");
        Label closed = FxPage.lookup(stage, "#closedLabel");
        FxPage.await("the phone's detail", () -> title.getText().equals("kim / phone"));

        phone.close();
        FxPage.await("the phone gone from the table", () -> FxPage.read(() -> table.getItems().size()) == 1);
        FxPage.await("the detail says it closed", () -> FxPage.read(closed::isVisible));
        assertThat(FxPage.read(closed::getText)).startsWith("Closed at ").contains(" with code ");
        assertThat(FxPage.read(title::getText)).as("no jump to the tablet").isEqualTo("kim / phone");
        assertThat(FxPage.read(() -> FxPage.<Node>lookup(stage, "#detailBox").isVisible())).as("still shown").isTrue();
        assertThat(FxPage.read(() -> table.getSelectionModel().getSelectedItem())).as("the tablet is not selected").isNull();
        assertThat(FxPage.read(() -> FxPage.<Button>lookup(stage, "#disconnectButton").isDisabled())).isTrue();
    }

    @Test
    void aColumnHeaderAndTheSortChoiceAreTheSameGatewaySort() {
        ConnectionsViewModel vm = shown.page().model();
        TableView<ConnectionRow> table = FxPage.lookup(stage, "#connectionsTable");
        TableColumn<ConnectionRow, ?> backlog = FxPage.read(() -> table.getColumns().get(table.getColumns().size() - 1));
        FxPage.run(() -> {
            backlog.setSortType(TableColumn.SortType.DESCENDING);
            table.getSortOrder().setAll(List.of(backlog));
        });
        assertThat(FxPage.read(() -> vm.sortProperty().get())).isEqualTo(ConnectionSort.BACKLOG);
        assertThat(FxPage.read(() -> vm.descendingProperty().get())).isTrue();
        ComboBox<ConnectionSort> choice = FxPage.lookup(stage, "#sortChoice");
        assertThat(FxPage.read(choice::getValue)).isEqualTo(ConnectionSort.BACKLOG);

        FxPage.run(() -> choice.setValue(ConnectionSort.UNACKED));
        assertThat(FxPage.read(() -> table.getSortOrder().isEmpty())).as("no column shows unacked alone").isTrue();
        FxPage.run(() -> choice.setValue(ConnectionSort.ID));
        assertThat(FxPage.read(() -> table.getSortOrder())).containsExactly(table.getColumns().get(0));
        assertThat(FxPage.read(() -> FxPage.<Button>lookup(stage, "#previousButton").isDisabled())).isTrue();
    }

    private static List<String> users(TableView<ConnectionRow> table) {
        return FxPage.read(() -> table.getItems().stream().map(ConnectionRow::userId).distinct().toList());
    }
}
