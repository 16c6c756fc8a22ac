package dev.switchboard.console.faults;

import dev.switchboard.console.shell.Page;
import dev.switchboard.console.testing.FxPage;
import dev.switchboard.console.testing.LiveGateway;
import dev.switchboard.model.admin.FaultInfo;
import dev.switchboard.model.admin.FaultRequest;
import dev.switchboard.testing.WsClient;
import javafx.scene.Node;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The Faults page on screen (headless), against a real gateway. */
@ExtendWith(ApplicationExtension.class)
class FaultsPageFxTest {
    @RegisterExtension
    static final LiveGateway gw = new LiveGateway();

    private FxPage.Shown<Page> faults;

    @Start
    void show(Stage stage) {
        faults = FxPage.show(stage, gw, FaultsPage.spec().factory());
    }

    @AfterEach
    void dispose() {
        faults.close();
    }

    private FaultInfo inject(String user) throws Exception {
        return faults.ctx().api().injectFault(FaultRequest.onUser(user, "pause").durationMs(120_000))
                .get(10, TimeUnit.SECONDS);
    }

    @Test
    void aFaultInjectedElsewhereIsListedWithItsConnectionAndClearEndsIt(FxRobot robot) throws Exception {
        WsClient phone = gw.device("fx-fault", "phone");
        FaultInfo fault = inject("fx-fault");
        TableView<FaultRow> table = robot.lookup("#faultsTable").queryTableView();
        FxPage.await("the fault listed", () -> table.getItems().stream().anyMatch(r -> r.faultId().equals(fault.faultId())));
        FaultRow row = FxPage.read(() -> table.getItems().get(0));
        assertThat(row.target()).isEqualTo("user:fx-fault");
        assertThat(FxPage.read(() -> row.connectionsProperty().get())).isEqualTo("1: " + fault.connections().get(0));
        assertThat(FxPage.read(() -> row.expiresInProperty().get())).matches("(1 min \\d+|2 min 0) s");
        // the row's cells are drawn in the next layout pass, not when the item arrives
        FxPage.await("the time left drawn in its row", () -> robot.lookup(".table-cell").queryAllAs(TableCell.class).stream()
                .anyMatch(c -> c.getText() != null && c.getText().matches("(1 min \\d+|2 min 0) s")));

        robot.clickOn("Clear");

        FxPage.await("the list empty", () -> table.getItems().isEmpty());
        assertThat(faults.ctx().api().faults().get(10, TimeUnit.SECONDS).faults()).isEmpty();
        assertThat(phone.ended()).as("clearing a fault closes nothing").isFalse();
    }

    @Test
    void readOnlyHidesClearAndClearAll(FxRobot robot) throws Exception {
        inject("fx-fault-ro");
        TableView<FaultRow> table = robot.lookup("#faultsTable").queryTableView();
        FxPage.await("the fault listed", () -> !table.getItems().isEmpty());
        FxPage.run(() -> faults.ctx().readOnlyProperty().set(true));

        Node clearAll = robot.lookup("#clearAllButton").query();
        assertThat(FxPage.read(clearAll::isVisible)).isFalse();
        assertThat(FxPage.read(() -> table.getColumns().stream().filter(c -> "clearColumn".equals(c.getId()))
                .map(c -> c.isVisible()).toList())).containsExactly(false);
        assertThat(FxPage.read(() -> List.copyOf(table.getItems()))).isNotEmpty();
        FxPage.run(() -> faults.ctx().readOnlyProperty().set(false));
        faults.ctx().api().faults().get(10, TimeUnit.SECONDS).faults()
                .forEach(f -> faults.ctx().api().clearFault(f.faultId()).join());
    }
}
