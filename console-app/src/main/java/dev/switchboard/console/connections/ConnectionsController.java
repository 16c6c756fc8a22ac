package dev.switchboard.console.connections;

import dev.switchboard.console.ui.AfterPulse;
import dev.switchboard.console.ui.ColumnPriority;
import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.switchboard.console.ui.Format;
import dev.switchboard.console.ui.StyleClasses;
import dev.switchboard.model.admin.ConnectionSort;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Binds the Connections view to its view model: filter field, sort choice, count and paging, the table
 * of the page the gateway answered (in its order: the columns do not sort), the detail pane of the
 * row the user selected, and the actions, which open their dialogs here and hand the answer to a
 * view-model command. Actions are hidden in read-only mode; Delete disconnects after a confirmation.
 *
 * <p>Only the user's own clicks select: while the view model puts a new page in the table, the
 * selection changes the table makes (a row left the page) are ignored, and afterwards the table
 * selects the detail's row again if it is on the page.
 *
 * <p>Threads: the JavaFX thread.
 */
final class ConnectionsController {
    private final ConnectionsViewModel vm;

    @FXML private TextField filterField;
    @FXML private ComboBox<ConnectionSort> sortChoice;
    @FXML private ToggleButton descendingToggle;
    @FXML private Button previousButton;
    @FXML private Button nextButton;
    @FXML private Label countLabel;
    @FXML private Label problemLabel;
    @FXML private TableView<ConnectionRow> connectionsTable;
    @FXML private TableColumn<ConnectionRow, String> idColumn;
    @FXML private TableColumn<ConnectionRow, String> userColumn;
    @FXML private TableColumn<ConnectionRow, String> deviceColumn;
    @FXML private TableColumn<ConnectionRow, String> appColumn;
    @FXML private TableColumn<ConnectionRow, String> ipColumn;
    @FXML private TableColumn<ConnectionRow, String> nodeColumn;
    @FXML private TableColumn<ConnectionRow, Instant> sinceColumn;
    @FXML private TableColumn<ConnectionRow, Number> roomsColumn;
    @FXML private TableColumn<ConnectionRow, Number> deliveredColumn;
    @FXML private TableColumn<ConnectionRow, Number> ackedColumn;
    @FXML private TableColumn<ConnectionRow, Number> figuresColumn;
    @FXML private TableColumn<ConnectionRow, Number> backlogColumn;
    @FXML private Label noSelectionLabel;
    @FXML private VBox detailBox;
    @FXML private Label detailTitle;
    @FXML private Label closedLabel;
    @FXML private Hyperlink traceUserLink;
    @FXML private Button disconnectButton;
    @FXML private Button injectFaultButton;
    @FXML private Button redeliverButton;
    @FXML private Label idValue;
    @FXML private Label nodeValue;
    @FXML private Label userValue;
    @FXML private Label deviceValue;
    @FXML private Label appValue;
    @FXML private Label ipValue;
    @FXML private Label sinceValue;
    @FXML private Label backlogValue;
    @FXML private Label heartbeatLabel;
    @FXML private Label faultLabel;
    @FXML private Label actionResultLabel;
    @FXML private TableView<RoomProgress> detailRoomsTable;
    @FXML private TableColumn<RoomProgress, String> roomNameColumn;
    @FXML private TableColumn<RoomProgress, Number> roomDeliveredColumn;
    @FXML private TableColumn<RoomProgress, Number> roomAckedColumn;
    @FXML private TableColumn<RoomProgress, Number> roomHeadColumn;
    @FXML private TableColumn<RoomProgress, Number> roomUnsentColumn;
    @FXML private TableColumn<RoomProgress, Number> roomUnackedColumn;
    @FXML private TableColumn<RoomProgress, String> roomPresenceColumn;

    /** True while the table's selection follows the view model, not the user. */
    private boolean syncing;
    /** True while the column headers follow the view model's sort, not the user. */
    private boolean sortSyncing;
    private Map<TableColumn<ConnectionRow, ?>, ConnectionSort> headerSorts;

    ConnectionsController(ConnectionsViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        filterField.textProperty().bindBidirectional(vm.filterTextProperty());
        countLabel.textProperty().bind(vm.countText());
        problemLabel.textProperty().bind(Bindings.createStringBinding(() -> vm.problemProperty().get().isEmpty()
                        ? vm.filterProblemProperty().get() : vm.problemProperty().get(),
                vm.problemProperty(), vm.filterProblemProperty()));
        bindSortAndPaging();
        bindTable();
        bindDetail();
        bindActions();
    }

    private void bindTable() {
        ConnectionColumns.text(idColumn, ConnectionRow::connectionId);
        ConnectionColumns.text(userColumn, ConnectionRow::userId);
        ConnectionColumns.text(deviceColumn, ConnectionRow::deviceId);
        ConnectionColumns.text(appColumn, ConnectionRow::appVersion);
        ConnectionColumns.text(ipColumn, ConnectionRow::remoteIp);
        ConnectionColumns.text(nodeColumn, ConnectionRow::node);
        ConnectionColumns.since(sinceColumn);
        ConnectionColumns.rooms(roomsColumn);
        ConnectionColumns.offset(deliveredColumn, RoomProgress::deliveredTo);
        ConnectionColumns.offset(ackedColumn, RoomProgress::ackedTo);
        ConnectionColumns.figures(figuresColumn);
        ConnectionColumns.backlog(backlogColumn);
        ConnectionColumns.tip(deliveredColumn, "Last offset sent, in the room furthest behind");
        ConnectionColumns.tip(ackedColumn, "Last offset the device acknowledged, in the room furthest behind");
        ConnectionColumns.tip(figuresColumn, "In the room furthest behind, named (+N: more rooms behind; the detail "
                + "lists each): unsent = head − delivered, not yet written to the device; unacked = delivered − acked, "
                + "written but not confirmed. Highlighted: still missing what the room had a refresh ago.");
        ConnectionColumns.tip(backlogColumn, "Bytes queued for the connection and not read yet, held-back events included");
        idColumn.getStyleClass().add("mono");

        // Its rows come after the page's first frame: the page's styling and the rows' cells are two pieces.
        AfterPulse.afterFirstLayout(connectionsTable, () -> {
            connectionsTable.setItems(vm.rows());
            followSelection();
        });
        ColumnPriority.keep(connectionsTable, List.of(idColumn, userColumn, figuresColumn),
                List.of(deviceColumn, sinceColumn, backlogColumn, deliveredColumn, ackedColumn, roomsColumn, appColumn,
                        ipColumn, nodeColumn));
        ColumnPriority.keep(detailRoomsTable, List.of(roomNameColumn, roomUnsentColumn, roomUnackedColumn),
                List.of(roomHeadColumn, roomDeliveredColumn, roomAckedColumn, roomPresenceColumn));
        bindHeaderSort();
        connectionsTable.setRowFactory(t -> new LaggingTableRow());
        connectionsTable.getStyleClass().addAll(Styles.STRIPED, Styles.DENSE, Tweaks.EDGE_TO_EDGE);
        Label placeholder = new Label();
        placeholder.textProperty().bind(vm.placeholder());
        placeholder.getStyleClass().add("muted");
        connectionsTable.setPlaceholder(placeholder);
        connectionsTable.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (!syncing && !vm.applying()) {
                vm.select(now);
            }
        });
        connectionsTable.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DELETE && !vm.readOnlyProperty().get()) {
                e.consume();
                confirmDisconnect();
            }
        });
        vm.revisionProperty().addListener((o, was, now) -> followSelection());
    }

    /** After a new page: the detail's row stays selected if it is on the page, and nothing else is. */
    private void followSelection() {
        ConnectionRow shown = vm.selected();
        if (connectionsTable.getSelectionModel().getSelectedItem() == shown) {
            return;
        }
        syncing = true;
        try {
            if (shown != null && connectionsTable.getItems().contains(shown)) {
                connectionsTable.getSelectionModel().select(shown);
            } else {
                connectionsTable.getSelectionModel().clearSelection();
            }
        } finally {
            syncing = false;
        }
    }

    /**
     * The gateway sorts: a click on a column it can sort by (connection, connected since, unsent ·
     * unacked by unsent, out buffer) sets the view model's sort, and the header shows the sort chosen
     * above the table. The table never sorts a page itself; the other columns do not sort.
     */
    private void bindHeaderSort() {
        headerSorts = Map.of(idColumn, ConnectionSort.ID, sinceColumn, ConnectionSort.CONNECTED_AT,
                figuresColumn, ConnectionSort.UNSENT, backlogColumn, ConnectionSort.BACKLOG);
        connectionsTable.setSortPolicy(t -> true);
        for (TableColumn<ConnectionRow, ?> c : connectionsTable.getColumns()) {
            c.setSortable(headerSorts.containsKey(c));
            c.sortTypeProperty().addListener((o, was, now) -> headerSorted());
        }
        connectionsTable.getSortOrder()
                .addListener((ListChangeListener<TableColumn<ConnectionRow, ?>>) change -> headerSorted());
        vm.sortProperty().addListener((o, was, now) -> showSortInHeader());
        vm.descendingProperty().addListener((o, was, now) -> showSortInHeader());
        showSortInHeader();
    }

    private void headerSorted() {
        if (sortSyncing) {
            return;
        }
        List<TableColumn<ConnectionRow, ?>> order = connectionsTable.getSortOrder();
        TableColumn<ConnectionRow, ?> first = order.isEmpty() ? null : order.get(0);
        vm.descendingProperty().set(first != null && first.getSortType() == TableColumn.SortType.DESCENDING);
        vm.sortProperty().set(first == null ? ConnectionSort.ID : headerSorts.get(first));
    }

    private void showSortInHeader() {
        sortSyncing = true;
        try {
            TableColumn<ConnectionRow, ?> column = headerSorts.entrySet().stream()
                    .filter(e -> e.getValue() == vm.sortProperty().get()).map(Map.Entry::getKey).findFirst().orElse(null);
            if (column == null) {
                connectionsTable.getSortOrder().clear();
            } else {
                column.setSortType(vm.descendingProperty().get()
                        ? TableColumn.SortType.DESCENDING : TableColumn.SortType.ASCENDING);
                connectionsTable.getSortOrder().setAll(List.of(column));
            }
        } finally {
            sortSyncing = false;
        }
    }

    private void bindSortAndPaging() {
        sortChoice.getItems().setAll(ConnectionSort.values());
        sortChoice.setConverter(new StringConverter<>() {
            @Override
            public String toString(ConnectionSort s) {
                return s == null ? "" : "Sort: " + sortLabel(s);
            }

            @Override
            public ConnectionSort fromString(String text) {
                return null;
            }
        });
        sortChoice.valueProperty().bindBidirectional(vm.sortProperty());
        sortChoice.setTooltip(new Tooltip("The gateway sorts every matching connection, then pages; unsent and unacked"
                + " are the largest over the connection's rooms"));
        descendingToggle.selectedProperty().bindBidirectional(vm.descendingProperty());
        descendingToggle.textProperty()
                .bind(Bindings.when(vm.descendingProperty()).then("Descending").otherwise("Ascending"));
        previousButton.disableProperty().bind(vm.hasPrevious().not());
        nextButton.disableProperty().bind(vm.hasNext().not());
    }

    static String sortLabel(ConnectionSort s) {
        return switch (s) {
            case ID -> "connection";
            case CONNECTED_AT -> "connected since";
            case UNSENT -> "unsent";
            case UNACKED -> "unacked";
            case BACKLOG -> "out buffer";
        };
    }

    @FXML
    private void previousPage() {
        vm.previousPage();
    }

    @FXML
    private void nextPage() {
        vm.nextPage();
    }

    private void bindDetail() {
        ConnectionDetailModel detail = vm.detail();
        BooleanBinding none = detail.rowProperty().isNull();
        noSelectionLabel.visibleProperty().bind(none);
        detailBox.visibleProperty().bind(none.not());
        // The detail (a second table among much else) joins the page with the first selection: the
        // page's first visit, while the JVM is still cold, styles and lays out only what it shows.
        StackPane pane = (StackPane) detailBox.getParent();
        pane.getChildren().remove(detailBox);
        if (detail.rowProperty().get() != null) {
            pane.getChildren().add(detailBox);
        }
        detail.rowProperty().addListener((o, was, row) -> {
            if (row != null && detailBox.getParent() == null) {
                pane.getChildren().add(detailBox);
            }
            showRow(row);
        });
        heartbeatLabel.textProperty().bind(detail.heartbeatProperty());
        closedLabel.textProperty().bind(detail.closedProperty());
        closedLabel.visibleProperty().bind(detail.closedProperty().isNotEmpty());
        closedLabel.managedProperty().bind(closedLabel.visibleProperty());
        faultLabel.textProperty().bind(Bindings.createStringBinding(() -> detail.problemProperty().get().isEmpty()
                ? detail.faultProperty().get() : detail.problemProperty().get(), detail.faultProperty(), detail.problemProperty()));
        detail.faultedProperty().addListener((o, was, now) -> StyleClasses.set(faultLabel, "injected", now));
        actionResultLabel.textProperty().bind(vm.actionResultProperty());

        ConnectionColumns.roomText(roomNameColumn, RoomProgress::room);
        ConnectionColumns.roomNumber(roomDeliveredColumn, RoomProgress::deliveredTo);
        ConnectionColumns.roomNumber(roomAckedColumn, RoomProgress::ackedTo);
        ConnectionColumns.roomNumber(roomHeadColumn, RoomProgress::head);
        ConnectionColumns.roomNumber(roomUnsentColumn, RoomProgress::unsent);
        ConnectionColumns.roomNumber(roomUnackedColumn, RoomProgress::unacked);
        ConnectionColumns.roomText(roomPresenceColumn, RoomProgress::presence);
        roomPresenceColumn.getStyleClass().add("mono");
        ConnectionColumns.markLaggingRooms(detailRoomsTable);
        detailRoomsTable.setItems(detail.rooms());
        detailRoomsTable.getStyleClass().addAll(Styles.DENSE, Tweaks.EDGE_TO_EDGE);
        detailRoomsTable.setPlaceholder(new Label("In no room"));
    }

    private void showRow(ConnectionRow row) {
        sinceValue.textProperty().unbind();
        backlogValue.textProperty().unbind();
        if (row == null) {
            return;
        }
        detailTitle.setText(row.userId() + " / " + row.deviceId());
        idValue.setText(row.connectionId());
        nodeValue.setText(row.node());
        userValue.setText(row.userId());
        deviceValue.setText(row.deviceId());
        appValue.setText(row.appVersion());
        ipValue.setText(row.remoteIp());
        sinceValue.textProperty().bind(row.sinceProperty());
        backlogValue.textProperty().bind(Bindings.createStringBinding(() -> Format.bytes(row.backlogBytes()),
                row.backlogBytesProperty()));
    }

    private void bindActions() {
        BooleanBinding writable = vm.readOnlyProperty().not();
        for (Node n : new Node[] {disconnectButton, injectFaultButton, redeliverButton}) {
            n.visibleProperty().bind(writable);
            n.managedProperty().bind(writable);
        }
        disconnectButton.getStyleClass().add(Styles.DANGER);
        BooleanBinding closed = vm.detail().closedProperty().isNotEmpty();
        disconnectButton.disableProperty().bind(closed);
        injectFaultButton.disableProperty().bind(closed);
        redeliverButton.disableProperty().bind(closed.or(Bindings.createBooleanBinding(
                () -> vm.detail().row() == null || vm.detail().rooms().isEmpty(), vm.detail().rowProperty(), vm.detail().rooms())));
    }

    // ---- actions -------------------------------------------------------------------------------

    void focusFilter() {
        filterField.requestFocus();
        filterField.selectAll();
    }

    @FXML
    private void traceUser() {
        vm.traceUser();
    }

    @FXML
    private void disconnect() {
        confirmDisconnect();
    }

    private void confirmDisconnect() {
        ConnectionRow row = vm.selected();
        if (row == null) {
            return;
        }
        ButtonType ok = new ButtonType("Disconnect", ButtonBar.ButtonData.OK_DONE);
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, "", ok, ButtonType.CANCEL);
        confirm.setTitle("Disconnect");
        confirm.setHeaderText("Disconnect " + row.userId() + "/" + row.deviceId() + " (" + row.connectionId() + ")?");
        confirm.setContentText("The gateway closes the socket with 4010 (disconnected by an operator); "
                + "the client may reconnect. The action is audited.");
        own(confirm);
        if (confirm.showAndWait().filter(ok::equals).isPresent()) {
            vm.disconnect(row);
        }
    }

    @FXML
    private void injectFault() {
        ConnectionRow row = vm.selected();
        if (row != null) {
            FaultDialog dialog = new FaultDialog(row);
            own(dialog);
            dialog.showAndWait().ifPresent(vm::injectFault);
        }
    }

    @FXML
    private void redeliver() {
        ConnectionRow row = vm.selected();
        if (row != null) {
            RedeliverDialog dialog = new RedeliverDialog(row);
            own(dialog);
            Optional<RedeliverRequest> request = dialog.showAndWait();
            request.ifPresent(r -> vm.redeliver(row, r));
        }
    }

    private void own(Dialog<?> dialog) {
        if (connectionsTable.getScene() != null) {
            dialog.initOwner(connectionsTable.getScene().getWindow());
        }
    }
}
