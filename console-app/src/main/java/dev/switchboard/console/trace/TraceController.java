package dev.switchboard.console.trace;

import dev.switchboard.console.ui.ColumnPriority;
import dev.switchboard.console.ui.Format;
import dev.switchboard.console.ui.RowState;
import dev.switchboard.console.ui.WrappingCell;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableCell;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.VBox;

import java.time.ZoneId;
import java.util.List;
import java.util.function.Function;

/**
 * Binds TraceView.fxml to a {@link TraceViewModel} and forwards the user's actions to it; the only
 * thing it does itself is put the view model's text on the system clipboard.
 *
 * <p>Threads: JavaFX thread only.
 */
public final class TraceController {
    private final TraceViewModel vm;
    private final ZoneId zone;

    @FXML private TextField traceSearch;
    @FXML private Button traceButton;
    @FXML private MenuButton recentSearches;
    @FXML private ChoiceBox<TimelineWindow> timelineWindow;
    @FXML private ProgressIndicator busyIndicator;
    @FXML private Button refreshTrace;
    @FXML private Button copyAsText;
    @FXML private Label traceMessage;
    @FXML private VBox traceHeader;
    @FXML private Label traceTitle;
    @FXML private FactStrip traceFacts;
    @FXML private Node emptyView;
    private static final double TIMELINE_MIN = 270;
    private static final double TIMELINE_MAX = 340;
    @FXML private SplitPane eventView;
    @FXML private Node userView;
    @FXML private StepTimeline traceTimeline;
    @FXML private Label traceSummary;
    @FXML private TableView<VerdictRow> verdictTable;
    @FXML private TableColumn<VerdictRow, String> roomColumn;
    @FXML private TableColumn<VerdictRow, Number> offsetColumn;
    @FXML private TableColumn<VerdictRow, String> userColumn;
    @FXML private TableColumn<VerdictRow, String> deviceColumn;
    @FXML private TableColumn<VerdictRow, FateMark> fateColumn;
    @FXML private TableColumn<VerdictRow, String> whyColumn;
    @FXML private TableColumn<VerdictRow, String> atColumn;
    @FXML private TableColumn<VerdictRow, String> connectionColumn;
    @FXML private TableColumn<VerdictRow, String> nodeColumn;
    @FXML private TextArea observationsArea;
    @FXML private TreeTableView<TimelineItem> timelineTree;
    @FXML private TreeTableColumn<TimelineItem, String> whatColumn;
    @FXML private TreeTableColumn<TimelineItem, String> whenColumn;
    @FXML private TreeTableColumn<TimelineItem, String> joinRoomColumn;
    @FXML private TreeTableColumn<TimelineItem, String> detailColumn;
    @FXML private TableView<UserTimelineReport.MissedEvent> missedTable;
    @FXML private TableColumn<UserTimelineReport.MissedEvent, String> missedEventColumn;
    @FXML private TableColumn<UserTimelineReport.MissedEvent, String> missedRoomColumn;
    @FXML private TableColumn<UserTimelineReport.MissedEvent, Number> missedOffsetColumn;
    @FXML private TableColumn<UserTimelineReport.MissedEvent, String> missedAtColumn;
    @FXML private TableColumn<UserTimelineReport.MissedEvent, UserTimelineReport.MissedEvent> missedFatesColumn;

    public TraceController(TraceViewModel vm, ZoneId zone) {
        this.vm = vm;
        this.zone = zone;
    }

    @FXML
    private void initialize() {
        bindSearch();
        bindHeader();
        bindEventView();
        bindUserView();
        fitColumns();
    }

    private void bindSearch() {
        traceSearch.textProperty().bindBidirectional(vm.queryProperty());
        traceSearch.setOnAction(e -> vm.search());
        traceButton.setOnAction(e -> vm.search());
        timelineWindow.getItems().setAll(TimelineWindow.values());
        timelineWindow.valueProperty().bindBidirectional(vm.windowProperty());
        vm.recent().addListener((ListChangeListener<String>) c -> fillRecent());
        fillRecent();
        busyIndicator.visibleProperty().bind(vm.busyProperty());
        refreshTrace.setOnAction(e -> vm.refresh());
        refreshTrace.disableProperty().bind(vm.showingProperty().isEqualTo(TraceViewModel.Showing.NOTHING));
        copyAsText.disableProperty().bind(vm.copyTextProperty().isEmpty());
        copyAsText.setOnAction(e -> copy());
        traceMessage.textProperty().bind(vm.messageProperty());
        traceMessage.visibleProperty().bind(vm.messageProperty().isNotEmpty());
        traceMessage.managedProperty().bind(traceMessage.visibleProperty());
        StyleSlot messageStyle = new StyleSlot(traceMessage);
        vm.messageIsErrorProperty().addListener((o, was, error) -> messageStyle.set(error ? "error" : null));
    }

    private void bindHeader() {
        traceHeader.visibleProperty().bind(vm.showingProperty().isNotEqualTo(TraceViewModel.Showing.NOTHING));
        traceHeader.managedProperty().bind(traceHeader.visibleProperty());
        traceTitle.textProperty().bind(vm.titleProperty());
        vm.facts().addListener((ListChangeListener<Fact>) c -> traceFacts.show(vm.facts()));
        emptyView.visibleProperty().bind(vm.showingProperty().isEqualTo(TraceViewModel.Showing.NOTHING));
        eventView.visibleProperty().bind(vm.showingProperty().isEqualTo(TraceViewModel.Showing.EVENT));
        userView.visibleProperty().bind(vm.showingProperty().isEqualTo(TraceViewModel.Showing.USER));
    }

    private void bindEventView() {
        vm.steps().addListener((ListChangeListener<TraceStep>) c -> traceTimeline.show(vm.steps()));
        traceSummary.textProperty().bind(vm.summaryProperty());
        verdictTable.setItems(vm.verdictRows());
        verdictTable.setPlaceholder(new Label("No user is entitled to this event's rooms"));
        verdictTable.setRowFactory(t -> {
            HighlightRow<VerdictRow> row = new HighlightRow<>(VerdictRow::userMissed, RowState.MISSED);
            row.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && row.getItem() != null) {
                    vm.openUser(row.getItem().userId());
                }
            });
            return row;
        });
        text(roomColumn, VerdictRow::room);
        offsetColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().offset()));
        text(userColumn, VerdictRow::userId);
        text(deviceColumn, VerdictRow::deviceLabel);
        fateColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().mark()));
        fateColumn.setCellFactory(c -> new FateCell<>());
        text(whyColumn, r -> r.why(at -> Format.clock(at.toEpochMilli())));
        whyColumn.setCellFactory(c -> WrappingCell.inTable());
        text(atColumn, r -> r.at() == null ? "—" : Format.clock(r.at().toEpochMilli()));
        text(connectionColumn, r -> r.connectionId() == null ? "—" : r.connectionId());
        text(nodeColumn, r -> r.node() == null ? "—" : r.node());
        verdictTable.getSelectionModel().selectedItemProperty().addListener((o, was, row) -> vm.selectedRowProperty().set(row));
        observationsArea.textProperty().bind(vm.observationsProperty());
    }

    /** Small windows (1024×700): the least important columns give way rather than cut ids and times. */
    private void fitColumns() {
        // the timeline keeps a quarter of the width, between what its steps need and what they can use,
        // so that in a small window the devices table keeps room for the reason of each fate
        eventView.widthProperty().addListener((o, was, now) -> {
            double width = now.doubleValue();
            if (width > 0) {
                eventView.setDividerPositions(Math.max(TIMELINE_MIN, Math.min(0.25 * width, TIMELINE_MAX)) / width);
            }
        });
        ColumnPriority.keep(verdictTable, List.of(userColumn, deviceColumn, fateColumn),
                List.of(whyColumn, roomColumn, atColumn, offsetColumn, connectionColumn, nodeColumn));
        ColumnPriority.keep(timelineTree, List.of(whatColumn, whenColumn), List.of(joinRoomColumn, detailColumn));
        ColumnPriority.keep(missedTable, List.of(missedEventColumn, missedRoomColumn),
                List.of(missedFatesColumn, missedAtColumn, missedOffsetColumn));
    }

    private void bindUserView() {
        timelineTree.setPlaceholder(new Label("No connection of this user in this window"));
        vm.timelineProperty().addListener((o, was, t) -> timelineTree.setRoot(t == null ? null : TimelineTree.root(t)));
        whatColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().getValue().what()));
        whatColumn.setCellFactory(c -> new TimelineWhatCell());
        whenColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(TraceTimes.local(c.getValue().getValue().at(), zone)));
        joinRoomColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().getValue().room()));
        detailColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().getValue().detail()));
        detailColumn.setCellFactory(c -> WrappingCell.inTree());
        missedTable.setItems(vm.missed());
        missedTable.setPlaceholder(new Label("No missed events: every event reached at least one device of this user"));
        missedTable.setRowFactory(t -> new HighlightRow<>(m -> true, RowState.MISSED));
        text(missedEventColumn, UserTimelineReport.MissedEvent::eventId);
        missedEventColumn.setCellFactory(c -> new EventLinkCell<>(vm::openEvent));
        text(missedRoomColumn, UserTimelineReport.MissedEvent::room);
        missedOffsetColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().offset()));
        text(missedAtColumn, m -> TraceTimes.local(m.committedAt(), zone));
        missedFatesColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        missedFatesColumn.setCellFactory(c -> new DeviceFatesCell());
    }

    private void fillRecent() {
        recentSearches.getItems().setAll(vm.recent().stream().map(q -> {
            MenuItem item = new MenuItem(q);
            item.setOnAction(e -> vm.open(q));
            return item;
        }).toList());
        recentSearches.setDisable(vm.recent().isEmpty());
    }

    private void copy() {
        ClipboardContent content = new ClipboardContent();
        content.putString(vm.copyTextProperty().get());
        Clipboard.getSystemClipboard().setContent(content);
        vm.copied();
    }

    /** Ctrl+F. */
    public void focusSearch() {
        traceSearch.requestFocus();
        traceSearch.selectAll();
    }

    private static <S> void text(TableColumn<S, String> column, Function<S, String> value) {
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
    }
}
