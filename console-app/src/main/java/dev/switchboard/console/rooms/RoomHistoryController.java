package dev.switchboard.console.rooms;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.switchboard.console.ui.ActionCell;
import dev.switchboard.console.ui.Format;
import dev.switchboard.console.ui.Fxml;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

import java.util.function.Function;

/**
 * Binds the History tab ({@code RoomHistoryController.fxml}) to {@link RoomHistoryModel}: the room's
 * events newest first, Trace per event (opens the Trace page), and Older for the next page.
 *
 * <p>Threads: the JavaFX thread.
 */
final class RoomHistoryController {
    private final RoomHistoryModel model;

    @FXML private Label historyNote;
    @FXML private Button olderButton;
    @FXML private TableView<HistoryRow> historyTable;
    @FXML private TableColumn<HistoryRow, String> historyTraceColumn;
    @FXML private TableColumn<HistoryRow, Number> historyOffsetColumn;
    @FXML private TableColumn<HistoryRow, String> historyTimeColumn;
    @FXML private TableColumn<HistoryRow, String> historyTypeColumn;
    @FXML private TableColumn<HistoryRow, String> historyActorColumn;
    @FXML private TableColumn<HistoryRow, String> historyResourceColumn;

    private RoomHistoryController(RoomHistoryModel model) {
        this.model = model;
    }

    static Parent load(RoomHistoryModel model) {
        return Fxml.load(RoomHistoryController.class, new RoomHistoryController(model));
    }

    @FXML
    private void initialize() {
        historyNote.textProperty().bind(model.noteProperty());
        olderButton.visibleProperty().bind(model.olderProperty());
        historyTable.setItems(model.events());
        historyTable.getStyleClass().addAll(Styles.STRIPED, Styles.DENSE, Tweaks.EDGE_TO_EDGE);
        historyTable.setPlaceholder(new Label(""));
        historyTraceColumn.setCellFactory(ActionCell.of("Trace", model::trace, null));
        historyOffsetColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().offset()));
        historyOffsetColumn.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Number offset, boolean empty) {
                super.updateItem(offset, empty);
                setText(empty || offset == null ? null : Format.count(offset.longValue()));
            }
        });
        text(historyTimeColumn, HistoryRow::time);
        text(historyTypeColumn, HistoryRow::type);
        text(historyActorColumn, HistoryRow::actor);
        text(historyResourceColumn, HistoryRow::resourceId);
    }

    @FXML
    private void older() {
        model.readOlder();
    }

    private static void text(TableColumn<HistoryRow, String> column, Function<HistoryRow, String> value) {
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
    }
}
