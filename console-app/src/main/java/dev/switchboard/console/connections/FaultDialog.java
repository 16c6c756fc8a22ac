package dev.switchboard.console.connections;

import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Spinner;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;

import java.util.function.Predicate;

/**
 * "Inject fault…": the kind, the target (this connection or every connection of its user) and the
 * one parameter the kind needs, plus how long it lasts; only the fields the chosen kind uses are
 * shown. Its result is the {@link FaultDraft} to send, or null when cancelled.
 *
 * <p>Threads: the JavaFX thread.
 */
final class FaultDialog extends Dialog<FaultDraft> {
    private final ChoiceBox<FaultKind> kind = new ChoiceBox<>();
    private final RadioButton thisConnection = new RadioButton();
    private final RadioButton wholeUser = new RadioButton();
    private final Spinner<Integer> count = new Spinner<>(1, 100_000, 3);
    private final Spinner<Integer> delayMs = new Spinner<>(1, 600_000, 2_000, 250);
    private final Spinner<Integer> window = new Spinner<>(2, 1_000, 3);
    private final Spinner<Integer> durationSeconds = new Spinner<>(1, 86_400, 60, 10);

    FaultDialog(ConnectionRow row) {
        setTitle("Inject fault");
        setHeaderText("Inject a fault on " + row.userId() + "/" + row.deviceId() + " (" + row.connectionId() + ")\n"
                + "QA only: it acts on live events between the fanout and the socket, and is marked injected.");
        kind.getItems().setAll(FaultKind.values());
        kind.setValue(FaultKind.PAUSE);
        kind.setId("faultKind");
        Label effect = new Label();
        effect.getStyleClass().add("muted");
        effect.setWrapText(true);
        effect.setMaxWidth(360);
        effect.textProperty().bind(Bindings.createStringBinding(() -> kind.getValue().effect(), kind.valueProperty()));

        ToggleGroup target = new ToggleGroup();
        thisConnection.setText("this connection");
        thisConnection.setToggleGroup(target);
        thisConnection.setSelected(true);
        wholeUser.setText("every connection of " + row.userId() + " (also ones opened meanwhile)");
        wholeUser.setToggleGroup(target);
        for (Spinner<Integer> s : new Spinner[] {count, delayMs, window, durationSeconds}) {
            s.setEditable(true);
            s.setPrefWidth(130);
        }

        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(8);
        grid.addRow(0, label("Kind"), kind);
        grid.add(effect, 1, 1);
        grid.addRow(2, label("Target"), thisConnection);
        grid.add(wholeUser, 1, 3);
        row(grid, 4, "Events to drop", count, FaultKind::needsCount);
        row(grid, 5, "Delay (ms)", delayMs, FaultKind::needsDelay);
        row(grid, 6, "Window (events)", window, FaultKind::needsWindow);
        row(grid, 7, "Lasts (seconds)", durationSeconds, FaultKind::lasts);
        getDialogPane().setContent(grid);

        ButtonType inject = new ButtonType("Inject", ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().setAll(inject, ButtonType.CANCEL);
        setResultConverter(b -> b != inject ? null : new FaultDraft(kind.getValue(), row.connectionId(),
                row.userId(), wholeUser.isSelected(), value(count), value(delayMs), value(window),
                value(durationSeconds) * 1000L));
    }

    private void row(GridPane grid, int at, String label, Spinner<Integer> field,
                     Predicate<FaultKind> shownFor) {
        Label l = label(label);
        grid.addRow(at, l, field);
        for (Node n : new Node[] {l, field}) {
            n.visibleProperty().bind(Bindings.createBooleanBinding(() -> shownFor.test(kind.getValue()), kind.valueProperty()));
            n.managedProperty().bind(n.visibleProperty());
        }
    }

    private static Label label(String text) {
        Label l = new Label(text);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    /** The spinner's value, including text typed but not yet committed with Enter. */
    private static int value(Spinner<Integer> s) {
        try {
            int typed = Integer.parseInt(s.getEditor().getText().trim().replace(",", ""));
            s.getValueFactory().setValue(typed);
        } catch (NumberFormatException e) {
            // keep the last committed value
        }
        return s.getValue();
    }
}
