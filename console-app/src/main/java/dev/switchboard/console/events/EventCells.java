package dev.switchboard.console.events;

import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.util.Callback;

/**
 * How the Events table draws the cells that are more than text: the kind (event, failure, or an
 * injected failure with the console's {@code injected} mark) and monospaced ids.
 */
final class EventCells {
    private EventCells() {
    }

    static Callback<TableColumn<EventRow, EventRow>, TableCell<EventRow, EventRow>> kind() {
        return column -> new TableCell<>() {
            private final Label label = new Label();

            @Override
            protected void updateItem(EventRow row, boolean empty) {
                super.updateItem(row, empty);
                if (empty || row == null) {
                    setGraphic(null);
                    return;
                }
                label.setText(row.injected() ? "injected" : row.kind().label());
                label.getStyleClass().setAll("label", row.failure() ? "kind-failure" : "kind-event");
                if (row.injected()) {
                    label.getStyleClass().add("injected");
                }
                setGraphic(label);
            }
        };
    }

    static Callback<TableColumn<EventRow, String>, TableCell<EventRow, String>> mono() {
        return column -> {
            TableCell<EventRow, String> cell = new TableCell<>() {
                @Override
                protected void updateItem(String text, boolean empty) {
                    super.updateItem(text, empty);
                    setText(empty ? null : text);
                }
            };
            cell.getStyleClass().add("mono");
            return cell;
        };
    }
}
