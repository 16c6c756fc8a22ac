package dev.switchboard.console.rooms;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.switchboard.console.ui.AfterPulse;
import dev.switchboard.console.ui.BoundCell;
import dev.switchboard.console.ui.ColumnPriority;
import dev.switchboard.console.ui.Format;
import dev.switchboard.console.ui.LazyTab;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableNumberValue;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.SortedList;
import javafx.fxml.FXML;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.function.Function;

/**
 * Binds the Rooms view to its view model: the filter, the sorted rooms table (selection goes to the
 * view model, and a room chosen elsewhere is selected here once it is listed), the header and the
 * members tree, rebuilt from each read with the operator's collapsed lines kept; the Access and History
 * tabs have controllers of their own ({@link RoomAclController}, {@link RoomHistoryController}).
 *
 * <p>Threads: the JavaFX thread.
 */
final class RoomsController {
    private final RoomsViewModel vm;
    private final MemberItems items = new MemberItems();

    @FXML private TextField roomFilterField;
    @FXML private Label roomsCountLabel;
    @FXML private Label problemLabel;
    @FXML private TableView<RoomRow> roomsTable;
    @FXML private TableColumn<RoomRow, String> roomColumn;
    @FXML private TableColumn<RoomRow, Number> connectionsColumn;
    @FXML private TableColumn<RoomRow, Number> usersColumn;
    @FXML private TableColumn<RoomRow, Number> headColumn;
    @FXML private Label noRoomLabel;
    @FXML private VBox roomDetail;
    @FXML private Label roomTitle;
    @FXML private Label roomHeadLabel;
    @FXML private Label memberCountsLabel;
    @FXML private Hyperlink showConnectionsLink;
    @FXML private Tab accessTab;
    @FXML private Tab historyTab;
    @FXML private TreeTableView<MemberLine> membersTree;
    @FXML private TreeTableColumn<MemberLine, MemberLine> memberColumn;
    @FXML private TreeTableColumn<MemberLine, MemberLine> appColumn;
    @FXML private TreeTableColumn<MemberLine, MemberLine> deliveredColumn;
    @FXML private TreeTableColumn<MemberLine, MemberLine> ackedColumn;
    @FXML private TreeTableColumn<MemberLine, MemberLine> unsentColumn;
    @FXML private TreeTableColumn<MemberLine, MemberLine> unackedColumn;
    @FXML private TreeTableColumn<MemberLine, MemberLine> presenceColumn;
    @FXML private TreeTableColumn<MemberLine, MemberLine> memberNodeColumn;

    RoomsController(RoomsViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        roomFilterField.textProperty().bindBidirectional(vm.filterTextProperty());
        roomsCountLabel.textProperty().bind(vm.countText());
        problemLabel.textProperty().bind(vm.problemProperty());
        bindRooms();
        bindMembers();
        joinDetailWithFirstRoom();
        LazyTab.fill(accessTab, () -> RoomAclController.load(vm.access()));
        LazyTab.fill(historyTab, () -> RoomHistoryController.load(vm.history()));
    }

    private void bindRooms() {
        roomColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().room()));
        connectionsColumn.setCellValueFactory(c -> c.getValue().connectionsProperty());
        usersColumn.setCellValueFactory(c -> c.getValue().usersProperty());
        headColumn.setCellValueFactory(c -> c.getValue().headProperty());
        connectionsColumn.setCellFactory(BoundCell.of(r -> count(r.connectionsProperty()), BoundCell.NUMBER));
        usersColumn.setCellFactory(BoundCell.of(r -> count(r.usersProperty()), BoundCell.NUMBER));
        headColumn.setCellFactory(BoundCell.of(r -> count(r.headProperty()), BoundCell.NUMBER));
        ColumnPriority.keep(roomsTable, List.of(roomColumn, connectionsColumn), List.of(headColumn, usersColumn));

        SortedList<RoomRow> sorted = new SortedList<>(vm.shown());
        sorted.comparatorProperty().bind(roomsTable.comparatorProperty());
        // Its rows come after the page's first frame: the page's styling and the rows' cells are two pieces.
        AfterPulse.afterFirstLayout(roomsTable, () -> {
            roomsTable.setItems(sorted);
            selectInTable();
        });
        roomsTable.getStyleClass().addAll(Styles.STRIPED, Styles.DENSE, Tweaks.EDGE_TO_EDGE);
        Label placeholder = new Label();
        placeholder.textProperty().bind(Bindings.createStringBinding(() -> vm.filterTextProperty().get().isBlank()
                ? "No room has a connection on this node" : "No rooms match “" + vm.filterTextProperty().get().trim() + "”",
                vm.filterTextProperty()));
        placeholder.getStyleClass().add("muted");
        roomsTable.setPlaceholder(placeholder);
        roomsTable.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now == null) {
                return;
            }
            if (was != null && !sorted.contains(was)) {
                // The selected room left the list (its last connection left, e.g. by a revoke) and the table
                // moved the selection to a neighbour by itself: the operator still looks at that room.
                Platform.runLater(() -> {
                    if (roomsTable.getSelectionModel().getSelectedItem() == now) {
                        roomsTable.getSelectionModel().clearSelection();
                    }
                });
                return;
            }
            vm.selectedRoomProperty().set(now.room());
        });
        vm.selectedRoomProperty().addListener((o, was, now) -> selectInTable());
        sorted.addListener((ListChangeListener<RoomRow>) c -> selectInTable());
    }

    /** Selects the view model's room in the table when it is listed and not selected yet. */
    private void selectInTable() {
        String room = vm.selectedRoomProperty().get();
        RoomRow selected = roomsTable.getSelectionModel().getSelectedItem();
        if (room == null || selected != null && selected.room().equals(room)) {
            return;
        }
        RoomRow row = vm.row(room);
        if (row != null && roomsTable.getItems().contains(row)) {
            roomsTable.getSelectionModel().select(row);
            roomsTable.scrollTo(row);
        }
    }

    /**
     * The selected room's detail (a tree table and tabs) joins the page with the first selected room:
     * the page's first visit, while the JVM is still cold, styles and lays out only what it shows.
     */
    private void joinDetailWithFirstRoom() {
        StackPane pane = (StackPane) roomDetail.getParent();
        noRoomLabel.visibleProperty().bind(vm.selectedRoomProperty().isNull());
        if (vm.selectedRoomProperty().get() == null) {
            pane.getChildren().remove(roomDetail);
            vm.selectedRoomProperty().addListener(new ChangeListener<>() {
                @Override
                public void changed(ObservableValue<? extends String> o, String was, String now) {
                    if (now != null) {
                        vm.selectedRoomProperty().removeListener(this);
                        pane.getChildren().add(roomDetail);
                    }
                }
            });
        }
    }

    private void bindMembers() {
        roomTitle.textProperty().bind(Bindings.createStringBinding(() -> vm.selectedRoomProperty().get() == null
                ? "No room selected" : vm.selectedRoomProperty().get(), vm.selectedRoomProperty()));
        roomHeadLabel.textProperty().bind(vm.headText());
        roomHeadLabel.visibleProperty().bind(Bindings.isNotEmpty(vm.headText()));
        memberCountsLabel.textProperty().bind(vm.memberCounts());
        showConnectionsLink.visibleProperty().bind(vm.selectedRoomProperty().isNotNull());

        column(memberColumn, this::memberText, null);
        column(appColumn, MemberLine::appVersion, null);
        column(deliveredColumn, l -> offset(l, l.deliveredTo()), BoundCell.NUMBER);
        column(ackedColumn, l -> offset(l, l.ackedTo()), BoundCell.NUMBER);
        column(unsentColumn, l -> l.absent() ? "" : Format.count(l.unsent()), BoundCell.NUMBER);
        column(unackedColumn, l -> l.absent() ? "" : Format.count(l.unacked()), BoundCell.NUMBER);
        column(presenceColumn, MemberLine::presence, "mono");
        column(memberNodeColumn, MemberLine::node, null);
        ColumnPriority.keep(membersTree, List.of(memberColumn, unsentColumn, unackedColumn),
                List.of(deliveredColumn, ackedColumn, appColumn, presenceColumn, memberNodeColumn));
        membersTree.setRowFactory(t -> new MemberTreeRow());
        membersTree.getStyleClass().addAll(Styles.DENSE, Tweaks.EDGE_TO_EDGE);
        Label placeholder = new Label();
        placeholder.textProperty().bind(vm.membersNoteProperty());
        placeholder.getStyleClass().add("muted");
        membersTree.setPlaceholder(placeholder);
        membersTree.setRoot(items.root(vm.membersProperty().get()));
        vm.membersProperty().addListener((o, was, now) -> membersTree.setRoot(items.root(now)));
    }

    private static void column(TreeTableColumn<MemberLine, MemberLine> column, Function<MemberLine, String> text,
                               String styleClass) {
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().getValue()));
        column.setCellFactory(MemberCell.of(text, styleClass));
        column.setSortable(false);
    }

    private String memberText(MemberLine l) {
        switch (l.kind()) {
            case USER:
                return l.name() + "  (" + l.children().size() + (l.children().size() == 1 ? " device)" : " devices)");
            case DEVICE:
                return l.children().size() == 1 ? l.name() : l.name() + "  (" + l.children().size() + " connections)";
            case OFFLINE:
                return l.name() + "  (offline)";
            case NOT_JOINED:
                return l.name() + "  (not joined)";
            default:
                return l.name();
        }
    }

    private static String offset(MemberLine l, long value) {
        if (l.kind() != MemberLine.Kind.CONNECTION) {
            return "";
        }
        return value < 0 ? "–" : Format.count(value);
    }

    private static ObservableValue<String> count(ObservableNumberValue n) {
        return Bindings.createStringBinding(() -> Format.count(n.longValue()), n);
    }

    // ---- actions -------------------------------------------------------------------------------

    void focusFilter() {
        roomFilterField.requestFocus();
        roomFilterField.selectAll();
    }

    @FXML
    private void showConnections() {
        vm.showConnections();
    }
}
