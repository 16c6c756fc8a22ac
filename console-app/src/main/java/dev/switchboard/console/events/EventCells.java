package dev.switchboard.console.events;

import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.util.Callback;

import java.util.List;

/**
 * How the Events table draws the cells that are more than text: the kind (event, failure, or an
 * injected failure with the console's {@code injected} mark) and monospaced ids.
 */
final class EventCells {
    private EventCells() {
    }

    /** The kind label's style classes: the kind, and the console's mark on an injected failure. */
    static List<String> classesOf(EventRow row) {
        String kind = row.failure() ? "kind-failure" : "kind-event";
        return row.injected() ? List.of("label", kind, "injected") : List.of("label", kind);
    }

    static Callback<TableColumn<EventRow, EventRow>, TableCell<EventRow, EventRow>> kind() {
        // The label stays the cell's graphic and keeps its style classes unless the kind changes: adding
        // a node or touching its classes makes JavaFX restyle it, for every visible row on every update.
        return column -> new TableCell<>() {
            private final Label label = new Label();
            private List<String> classes = List.of();

            {
                setGraphic(label);
            }

            @Override
            protected void updateItem(EventRow row, boolean empty) {
                super.updateItem(row, empty);
                if (empty || row == null) {
                    label.setVisible(false);
                    return;
                }
                label.setText(row.injected() ? "injected" : row.kind().label());
                List<String> wanted = classesOf(row);
                if (!wanted.equals(classes)) {
                    classes = wanted;
                    label.getStyleClass().setAll(wanted);
                }
                label.setVisible(true);
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
