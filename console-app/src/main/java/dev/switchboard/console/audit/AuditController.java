package dev.switchboard.console.audit;

import dev.switchboard.console.ui.ColumnPriority;
import dev.switchboard.console.ui.WrappingCell;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.transformation.SortedList;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;

import javafx.scene.control.TableView;
import javafx.scene.control.TextField;

import java.util.List;
import java.util.function.Function;

/** Binds the Audit view to {@link AuditViewModel}; Refresh forwards to it. Runs on the JavaFX thread. */
final class AuditController {
    private final AuditViewModel model;

    @FXML private Button refreshButton;
    @FXML private TextField filterField;
    @FXML private Label auditStatus;
    @FXML private Label auditError;
    @FXML private TableView<AuditEntry> auditTable;
    @FXML private TableColumn<AuditEntry, String> atColumn;
    @FXML private TableColumn<AuditEntry, String> nodeColumn;
    @FXML private TableColumn<AuditEntry, String> adminColumn;
    @FXML private TableColumn<AuditEntry, String> actionColumn;
    @FXML private TableColumn<AuditEntry, String> targetColumn;
    @FXML private TableColumn<AuditEntry, String> detailColumn;

    AuditController(AuditViewModel model) {
        this.model = model;
    }

    @FXML
    private void initialize() {
        filterField.textProperty().bindBidirectional(model.filterProperty());
        auditStatus.textProperty().bind(model.statusProperty());
        auditError.textProperty().bind(model.errorProperty());
        refreshButton.disableProperty().bind(model.refreshingProperty());
        SortedList<AuditEntry> sorted = new SortedList<>(model.entries());
        sorted.comparatorProperty().bind(auditTable.comparatorProperty());
        auditTable.setItems(sorted);
        auditTable.placeholderProperty().bind(Bindings.createObjectBinding(() -> new Label(
                model.filterProperty().get().isBlank() ? "No admin actions recorded yet." : "No admin actions match the filter."),
                model.filterProperty()));
        column(atColumn, AuditEntry::time);
        column(nodeColumn, AuditEntry::node);
        column(adminColumn, AuditEntry::admin);
        column(actionColumn, AuditEntry::action);
        column(targetColumn, AuditEntry::target);
        column(detailColumn, AuditEntry::detail);
        detailColumn.setCellFactory(c -> WrappingCell.inTable());
        ColumnPriority.keep(auditTable, List.of(atColumn, adminColumn, actionColumn, targetColumn),
                List.of(detailColumn, nodeColumn));
    }

    void focusSearch() {
        filterField.requestFocus();
    }

    @FXML
    private void refresh() {
        model.refresh();
    }

    private static void column(TableColumn<AuditEntry, String> column, Function<AuditEntry, String> value) {
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
    }
}
