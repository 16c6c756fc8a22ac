package dev.switchboard.console.audit;

import dev.switchboard.console.shell.Page;
import dev.switchboard.console.testing.FxPage;
import dev.switchboard.console.testing.LiveGateway;
import dev.switchboard.model.admin.FaultRequest;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.List;
import java.util.concurrent.TimeUnit;

/** The Audit page on screen (headless), against a real gateway. */
@ExtendWith(ApplicationExtension.class)
class AuditPageFxTest {
    @RegisterExtension
    static final LiveGateway gw = new LiveGateway();

    private Stage stage;
    private FxPage.Shown<Page> shown;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        shown = FxPage.show(stage, gw, AuditPage.spec().factory());
    }

    private boolean tableLists(String action, String target) {
        TableView<AuditEntry> table = FxPage.lookup(stage, "#auditTable");
        return FxPage.read(() -> List.copyOf(table.getItems()).stream()
                .anyMatch(e -> e.action().equals(action) && e.target().contains(target)));
    }

    @Test
    void theTableShowsAnEntryAfterRefresh(FxRobot robot) throws Exception {
        FaultRequest fault = FaultRequest.onUser("fx-audit", "pause").durationMs(1000);
        shown.ctx().api().injectFault(fault).get(10, TimeUnit.SECONDS);

        robot.clickOn("#refreshButton");
        LiveGateway.await("the fault in the audit table", () -> tableLists("fault.inject", "fx-audit"));

        TextField filter = FxPage.lookup(stage, "#filterField");
        FxPage.run(() -> filter.setText("disconnect"));
        LiveGateway.await("the filter hides it", () -> !tableLists("fault.inject", "fx-audit"));
    }
}
