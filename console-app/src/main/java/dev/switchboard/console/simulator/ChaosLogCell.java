package dev.switchboard.console.simulator;

import dev.switchboard.console.ui.RowState;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * A chaos log entry on two lines, wrapped to the list's width: when and what was asked, then the
 * simulator's answer (in red when the step was refused or failed). FX thread.
 */
final class ChaosLogCell extends ListCell<ChaosLogEntry> {
    private final Label step = new Label();
    private final Label answer = new Label();
    private final VBox box = new VBox(1, step, answer);

    ChaosLogCell(ListView<ChaosLogEntry> list) {
        step.getStyleClass().add("mono");
        answer.getStyleClass().add("chaos-answer");
        for (Label l : new Label[] {step, answer}) {
            l.setWrapText(true);
            l.setMinHeight(Region.USE_PREF_SIZE);
            l.prefWidthProperty().bind(list.widthProperty().subtract(30));
        }
        setPrefWidth(0);
    }

    @Override
    protected void updateItem(ChaosLogEntry e, boolean empty) {
        super.updateItem(e, empty);
        answer.pseudoClassStateChanged(RowState.REFUSED, !empty && e != null && !e.ok());
        if (empty || e == null) {
            setGraphic(null);
            return;
        }
        step.setText(e.clock() + "  " + e.step());
        answer.setText((e.ok() ? "→ " : "✗ ") + e.answer());
        setGraphic(box);
    }
}
