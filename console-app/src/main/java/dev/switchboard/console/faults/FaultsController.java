package dev.switchboard.console.faults;

import dev.switchboard.console.ui.ColumnPriority;
import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.switchboard.console.ui.ActionCell;
import dev.switchboard.console.ui.BoundCell;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

import java.util.List;
import java.util.function.Function;

/**
 * Binds the Faults view to {@link FaultsViewModel}: the table with a Clear button per row, Clear all
 * and Refresh; the buttons that change the gateway are hidden in read-only mode. Runs on the JavaFX thread.
 */
final class FaultsController {
    private final FaultsViewModel model;

    @FXML private Button refreshButton;
    @FXML private Button clearAllButton;
    @FXML private Label faultsStatus;
    @FXML private Label faultsError;
    @FXML private Label faultsOutcome;
    @FXML private TableView<FaultRow> faultsTable;
    @FXML private TableColumn<FaultRow, String> kindColumn;
    @FXML private TableColumn<FaultRow, String> targetColumn;
    @FXML private TableColumn<FaultRow, String> parametersColumn;
    @FXML private TableColumn<FaultRow, String> createdByColumn;
    @FXML private TableColumn<FaultRow, String> expiresInColumn;
    @FXML private TableColumn<FaultRow, String> connectionsColumn;
    @FXML private TableColumn<FaultRow, String> clearColumn;

    FaultsController(FaultsViewModel model) {
        this.model = model;
    }

    @FXML
    private void initialize() {
        faultsStatus.textProperty().bind(model.statusProperty());
        faultsError.textProperty().bind(model.errorProperty());
        faultsOutcome.textProperty().bind(model.outcomeProperty());
        clearAllButton.visibleProperty().bind(model.readOnlyProperty().not());
        clearAllButton.managedProperty().bind(model.readOnlyProperty().not());
        clearAllButton.disableProperty().bind(Bindings.isEmpty(model.faults()));
        clearColumn.visibleProperty().bind(model.readOnlyProperty().not());
        ColumnPriority.keep(faultsTable, List.of(clearColumn, kindColumn, targetColumn, expiresInColumn),
                List.of(parametersColumn, connectionsColumn, createdByColumn));
        faultsTable.setItems(model.faults());
        faultsTable.getStyleClass().addAll(Styles.STRIPED, Styles.DENSE, Tweaks.EDGE_TO_EDGE);
        faultsTable.setPlaceholder(new Label("No fault is in force on this node. Inject one from the Connections page."));
        column(kindColumn, FaultRow::kind);
        column(targetColumn, FaultRow::target);
        column(parametersColumn, FaultRow::parameters);
        column(createdByColumn, FaultRow::createdBy);
        expiresInColumn.setCellValueFactory(c -> c.getValue().expiresInProperty());
        expiresInColumn.setCellFactory(BoundCell.of(FaultRow::expiresInProperty));
        connectionsColumn.setCellValueFactory(c -> c.getValue().connectionsProperty());
        connectionsColumn.setCellFactory(BoundCell.of(FaultRow::connectionsProperty, "mono"));
        clearColumn.setCellFactory(ActionCell.of("Clear", model::clear, model.readOnlyProperty()));
        clearColumn.setSortable(false);
    }

    void focusSearch() {
        faultsTable.requestFocus();
    }

    @FXML
    private void refresh() {
        model.refresh();
    }

    @FXML
    private void clearAll() {
        model.clearAll();
    }

    private static void column(TableColumn<FaultRow, String> column, Function<FaultRow, String> value) {
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
    }
}
