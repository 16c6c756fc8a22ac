package dev.switchboard.console.shell;

import dev.switchboard.console.testing.FxPage;
import dev.switchboard.console.ui.Theme;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeTableView;
import javafx.scene.layout.StackPane;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The warm-up's throwaway view builds off the FX thread, and every piece of it styles and lays out on
 * the FX thread in the window's scene, the table and tree with their rows' cells, leaving the scene as
 * it was between steps: a control renamed or an FXML construct it cannot load would make it fail
 * silently (it only logs at debug), and the pages' first visits would be slow again without any test
 * noticing.
 */
@ExtendWith(ApplicationExtension.class)
class WarmupFxTest {
    @Test
    void theThrowawayViewBuildsOffTheFxThreadAndEveryPieceStylesOnIt() throws Exception {
        assertThat(Platform.isFxApplicationThread()).isFalse();
        Warmup.Parts parts = Warmup.build();
        assertThat(parts).isNotNull();
        StackPane screen = new StackPane(new Label("the window's content"));
        FxPage.run(() -> {
            Theme.apply(false);
            Scene window = new Scene(screen, 1024, 700);
            Theme.addConsoleStyles(window);
            Pages.addStylesheets(window, Pages.all());
        });
        Warmup.Styling styling = FxPage.read(() -> new Warmup.Styling(parts, screen));
        TableView<?> table = parts.table();
        TreeTableView<?> tree = parts.tree();
        boolean[] seen = new boolean[3];
        int steps = FxPage.read(() -> {
            int n = 0;
            while (styling.step()) {
                n++;
                // between steps, the window's scene holds only its own content
                assertThat(screen.getChildren()).hasSize(1);
                // once the table and the tree are styled and laid out, their rows have cells
                if (table.getSkin() != null && !seen[0]) {
                    seen[0] |= !table.lookupAll(".table-row-cell").isEmpty();
                    seen[1] |= !table.lookupAll(".table-cell").isEmpty();
                }
                if (tree.getSkin() != null && !seen[2]) {
                    seen[2] |= !tree.lookupAll(".tree-table-row-cell").isEmpty();
                }
            }
            return n;
        });
        assertThat(styling.styled()).isGreaterThan(10);
        assertThat(steps).isEqualTo(2 * styling.styled() + 1); // each piece styled, then laid out; the table's other rows
        assertThat(table.getItems()).hasSize(40);
        assertThat(seen).containsOnly(true);
        assertThat(FxPage.read(styling::step)).isFalse();
        assertThat(table.getScene()).isNull(); // dropped
        assertThat(screen.getChildren()).hasSize(1);
    }

    /** While the console connects the styling waits; a release still pending from a failed attempt does not end a newer hold. */
    @Test
    void heldWhileConnectingAndReleasedAfterwards() throws Exception {
        Warmup.Parts parts = Warmup.build();
        StackPane screen = new StackPane();
        FxPage.run(() -> new Scene(screen));
        Warmup.Styling styling = FxPage.read(() -> new Warmup.Styling(parts, screen));
        try {
            FxPage.run(() -> {
                Warmup.hold();
                styling.handle(0);
                Warmup.release(Duration.ofMillis(100)); // the first attempt failed…
                Warmup.hold(); // …and the user clicked Connect again at once
            });
            Thread.sleep(400);
            FxPage.run(() -> styling.handle(0));
            assertThat(styling.styled()).isZero();

            FxPage.run(() -> Warmup.release(Duration.ZERO));
            FxPage.await("the styling goes on once released", () -> {
                styling.handle(0);
                return styling.styled() > 0;
            });
        } finally {
            FxPage.run(() -> Warmup.release(Duration.ZERO));
        }
    }
}
