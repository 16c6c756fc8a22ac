package dev.switchboard.console.connections;

import javafx.beans.binding.Bindings;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.scene.layout.GridPane;

/**
 * "Re-deliver range…": a room of the connection and an offset range, preset to what the device has
 * not acknowledged ({@code ackedTo+1 .. head}) or, when it is up to date, the last ten offsets. The
 * OK button is enabled only for a range the gateway accepts. Its result is the request, or null.
 *
 * <p>Threads: the JavaFX thread.
 */
final class RedeliverDialog extends Dialog<RedeliverRequest> {
    private final ComboBox<String> room = new ComboBox<>();
    private final TextField from = numberField();
    private final TextField to = numberField();

    RedeliverDialog(ConnectionRow row) {
        setTitle("Re-deliver range");
        setHeaderText("Send a room's events again to " + row.userId() + "/" + row.deviceId() + " (" + row.connectionId()
                + ")\nas ordinary event frames; the client's reconciliation drops what it already had.");
        row.rooms().forEach(p -> room.getItems().add(p.room()));
        room.valueProperty().addListener((o, was, now) -> preset(row, now));
        RoomProgress worst = row.worstProperty().get();
        room.setValue(worst != null ? worst.room() : room.getItems().isEmpty() ? null : room.getItems().get(0));
        room.setPrefWidth(260);

        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(8);
        grid.addRow(0, new Label("Room"), room);
        grid.addRow(1, new Label("From offset"), from);
        grid.addRow(2, new Label("To offset"), to);
        Label hint = new Label("At most 10,000 offsets.");
        hint.getStyleClass().add("muted");
        grid.add(hint, 1, 3);
        getDialogPane().setContent(grid);

        ButtonType send = new ButtonType("Re-deliver", ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().setAll(send, ButtonType.CANCEL);
        getDialogPane().lookupButton(send).disableProperty().bind(Bindings.createBooleanBinding(
                () -> !request().valid(), room.valueProperty(), from.textProperty(), to.textProperty()));
        setResultConverter(b -> b == send ? request() : null);
    }

    private void preset(ConnectionRow row, String name) {
        for (RoomProgress p : row.rooms()) {
            if (p.room().equals(name)) {
                long head = Math.max(1, p.head());
                long start = p.ackedTo() >= 0 && p.ackedTo() < head ? p.ackedTo() + 1 : Math.max(1, head - 9);
                from.setText(Long.toString(start));
                to.setText(Long.toString(head));
            }
        }
    }

    private RedeliverRequest request() {
        return new RedeliverRequest(room.getValue(), number(from), number(to));
    }

    private static long number(TextField f) {
        try {
            return Long.parseLong(f.getText());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static TextField numberField() {
        TextField f = new TextField();
        f.setPrefColumnCount(10);
        f.setTextFormatter(new TextFormatter<String>(c -> c.getControlNewText().matches("\\d{0,18}") ? c : null));
        return f;
    }
}
