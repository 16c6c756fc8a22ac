package dev.switchboard.console.events;

import dev.switchboard.console.ui.ColumnPriority;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.transformation.SortedList;
import javafx.beans.value.ObservableBooleanValue;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Binds the Events view to {@link EventsViewModel} and forwards its buttons to the view model's
 * commands. Read-only mode hides the publish button and form. Runs on the JavaFX thread.
 */
final class EventsController {
    private final EventsViewModel model;
    /** Held here: the combo box binds to it both ways, and such bindings only hold weak references. */
    private final ObjectProperty<Integer> bufferLimit;

    @FXML private ToggleButton liveMode;
    @FXML private ToggleButton searchMode;
    @FXML private HBox liveTools;
    @FXML private HBox searchTools;
    @FXML private HBox searchRange;
    @FXML private Button searchButton;
    @FXML private Button newerButton;
    @FXML private Button olderButton;
    @FXML private TextField actorFilter;
    @FXML private TextField fromTime;
    @FXML private TextField toTime;
    @FXML private TextField fromOffset;
    @FXML private TextField toOffset;
    @FXML private ToggleButton pauseButton;
    @FXML private ToggleButton newestFirst;
    @FXML private ComboBox<Integer> bufferSize;
    @FXML private Label newBadge;
    @FXML private Button publishButton;
    @FXML private VBox publishForm;
    @FXML private TextField publishRooms;
    @FXML private TextField publishType;
    @FXML private TextField publishResource;
    @FXML private TextArea publishPayload;
    @FXML private Button publishSend;
    @FXML private Label publishError;
    @FXML private Label publishResult;
    @FXML private TextField roomFilter;
    @FXML private TextField typeFilter;
    @FXML private TextField resourceFilter;
    @FXML private TextField eventIdFilter;
    @FXML private TextField userFilter;
    @FXML private ComboBox<SavedEventFilter> savedFilters;
    @FXML private Button defaultFilter;
    @FXML private Button deleteFilter;
    @FXML private TableView<EventRow> eventsTable;
    @FXML private TableColumn<EventRow, String> timeColumn;
    @FXML private TableColumn<EventRow, EventRow> kindColumn;
    @FXML private TableColumn<EventRow, String> eventIdColumn;
    @FXML private TableColumn<EventRow, String> typeColumn;
    @FXML private TableColumn<EventRow, String> resourceColumn;
    @FXML private TableColumn<EventRow, String> roomsColumn;
    @FXML private TableColumn<EventRow, String> whoColumn;
    @FXML private TableColumn<EventRow, String> detailColumn;
    @FXML private Label bufferStatus;
    @FXML private Label eventsMessage;
    @FXML private Button traceButton;

    EventsController(EventsViewModel model) {
        this.model = model;
        this.bufferLimit = model.bufferLimitProperty().asObject();
    }

    @FXML
    private void initialize() {
        bindToolbar();
        bindModes();
        bindPublishForm();
        bindFilters();
        bindTable();
        eventsMessage.textProperty().bind(model.messageProperty());
        traceButton.disableProperty().bind(eventsTable.getSelectionModel().selectedItemProperty().isNull());
    }

    private void bindToolbar() {
        pauseButton.selectedProperty().bindBidirectional(model.pausedProperty());
        pauseButton.textProperty().bind(Bindings.when(model.pausedProperty()).then("Resume").otherwise("Pause"));
        newestFirst.selectedProperty().bindBidirectional(model.newestFirstProperty());
        bufferSize.getItems().setAll(EventsViewModel.BOUNDS);
        bufferSize.setConverter(converter(n -> "Keep " + (n % 1000 == 0 ? n / 1000 + "k" : n) + " rows"));
        bufferSize.valueProperty().bindBidirectional(bufferLimit);
        newBadge.textProperty().bind(Bindings.format("+%,d new", model.unseenProperty()));
        newBadge.visibleProperty().bind(model.pausedProperty().and(model.unseenProperty().greaterThan(0)));
        newBadge.managedProperty().bind(newBadge.visibleProperty());
    }

    /** Live and search share the filter bar and the table; each mode shows its own tools, rows and status. */
    private void bindModes() {
        LogSearch search = model.search();
        BooleanBinding searching = model.modeProperty().isEqualTo(EventsViewModel.Mode.SEARCH);
        liveMode.setSelected(!searching.get());
        searchMode.setSelected(searching.get());
        model.modeProperty().addListener((obs, was, now) -> {
            liveMode.setSelected(now == EventsViewModel.Mode.LIVE);
            searchMode.setSelected(now == EventsViewModel.Mode.SEARCH);
        });
        liveMode.setOnAction(e -> pick(liveMode, EventsViewModel.Mode.LIVE));
        searchMode.setOnAction(e -> pick(searchMode, EventsViewModel.Mode.SEARCH));
        show(liveTools, searching.not());
        show(userFilter, searching.not());
        show(searchTools, searching);
        show(searchRange, searching);
        show(actorFilter, searching);
        // Search stays enabled while a page is read: a new search replaces the one under way (LogSearch drops its answer)
        newerButton.disableProperty().bind(search.hasNewerProperty().not().or(search.busyProperty()));
        olderButton.disableProperty().bind(search.hasOlderProperty().not().or(search.busyProperty()));
        actorFilter.textProperty().bindBidirectional(search.actorProperty());
        fromTime.textProperty().bindBidirectional(search.fromProperty());
        toTime.textProperty().bindBidirectional(search.toProperty());
        fromOffset.textProperty().bindBidirectional(search.fromOffsetProperty());
        toOffset.textProperty().bindBidirectional(search.toOffsetProperty());
        for (TextField f : List.of(roomFilter, typeFilter, resourceFilter, eventIdFilter, actorFilter, fromTime, toTime,
                fromOffset, toOffset)) {
            f.setOnAction(e -> {
                if (searching.get()) {
                    model.searchLog();
                }
            });
        }
        bufferStatus.textProperty().bind(Bindings.when(searching)
                .then(search.statusProperty()).otherwise(model.bufferStatusProperty()));
    }

    /** A pill stays pressed when clicked again: the page is always in one of the two modes. */
    private void pick(ToggleButton pill, EventsViewModel.Mode mode) {
        pill.setSelected(true);
        model.modeProperty().set(mode);
    }

    private static void show(Node node, ObservableBooleanValue when) {
        node.visibleProperty().bind(when);
        node.managedProperty().bind(node.visibleProperty());
    }

    private void bindPublishForm() {
        TestEventForm form = model.publishForm();
        publishButton.visibleProperty().bind(model.readOnlyProperty().not());
        publishButton.managedProperty().bind(publishButton.visibleProperty());
        publishForm.visibleProperty().bind(form.openProperty().and(model.readOnlyProperty().not()));
        publishForm.managedProperty().bind(publishForm.visibleProperty());
        publishRooms.textProperty().bindBidirectional(form.roomsProperty());
        publishType.textProperty().bindBidirectional(form.typeProperty());
        publishResource.textProperty().bindBidirectional(form.resourceProperty());
        publishPayload.textProperty().bindBidirectional(form.payloadProperty());
        publishSend.disableProperty().bind(form.sendingProperty());
        publishError.textProperty().bind(form.errorProperty());
        publishResult.textProperty().bind(form.resultProperty());
    }

    private void bindFilters() {
        roomFilter.textProperty().bindBidirectional(model.roomFilterProperty());
        typeFilter.textProperty().bindBidirectional(model.typeFilterProperty());
        resourceFilter.textProperty().bindBidirectional(model.resourceFilterProperty());
        eventIdFilter.textProperty().bindBidirectional(model.eventIdFilterProperty());
        userFilter.textProperty().bindBidirectional(model.userFilterProperty());
        savedFilters.setItems(model.savedFilters());
        savedFilters.setConverter(converter(f -> f.applyOnOpen() ? f.name() + "  (default)" : f.name()));
        savedFilters.valueProperty().bindBidirectional(model.selectedSavedProperty());
        defaultFilter.disableProperty().bind(model.selectedSavedProperty().isNull());
        deleteFilter.disableProperty().bind(model.selectedSavedProperty().isNull());
    }

    private void bindTable() {
        SortedList<EventRow> live = new SortedList<>(model.rows());
        live.comparatorProperty().bind(eventsTable.comparatorProperty());
        SortedList<EventRow> found = new SortedList<>(model.search().rows());
        found.comparatorProperty().bind(eventsTable.comparatorProperty());
        BooleanBinding searching = model.modeProperty().isEqualTo(EventsViewModel.Mode.SEARCH);
        eventsTable.itemsProperty().bind(Bindings.when(searching).then(found).otherwise(live));
        StringBinding placeholder = Bindings.when(searching)
                .then(model.search().placeholderProperty()).otherwise(model.placeholderProperty());
        eventsTable.placeholderProperty().bind(Bindings.createObjectBinding(() -> {
            Label text = new Label(placeholder.get());
            text.setWrapText(true);
            return text;
        }, placeholder));
        column(timeColumn, EventRow::time);
        timeColumn.setComparator(Comparator.naturalOrder());
        kindColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        kindColumn.setCellFactory(EventCells.kind());
        kindColumn.setComparator(Comparator.comparing(EventRow::kind).thenComparing(EventRow::injected));
        column(eventIdColumn, EventRow::eventId);
        eventIdColumn.setCellFactory(EventCells.mono());
        column(typeColumn, EventRow::type);
        column(resourceColumn, EventRow::resourceId);
        column(roomsColumn, EventRow::roomsText);
        column(whoColumn, EventRow::who);
        column(detailColumn, EventRow::detail);
        ColumnPriority.keep(eventsTable, List.of(timeColumn, kindColumn, eventIdColumn, typeColumn),
                List.of(roomsColumn, resourceColumn, whoColumn, detailColumn));
        eventsTable.setRowFactory(table -> {
            TableRow<EventRow> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && !row.isEmpty()) {
                    model.trace(row.getItem());
                }
            });
            return row;
        });
        eventsTable.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                model.trace(eventsTable.getSelectionModel().getSelectedItem());
            }
        });
    }

    void focusSearch() {
        typeFilter.requestFocus();
    }

    // ---- actions ---------------------------------------------------------------------------------

    @FXML
    private void clear() {
        model.clear();
    }

    @FXML
    private void openPublish() {
        model.publishForm().openProperty().set(!model.publishForm().openProperty().get());
    }

    @FXML
    private void closePublish() {
        model.publishForm().openProperty().set(false);
    }

    @FXML
    private void publish() {
        model.publish();
    }

    @FXML
    private void search() {
        model.searchLog();
    }

    @FXML
    private void newer() {
        model.search().newer();
    }

    @FXML
    private void older() {
        model.search().older();
    }

    @FXML
    private void clearFilters() {
        model.clearFilters();
    }

    @FXML
    private void saveFilter() {
        SavedEventFilter selected = model.selectedSavedProperty().get();
        TextInputDialog ask = new TextInputDialog(selected == null ? "" : selected.name());
        ask.setTitle("Save filter");
        ask.setHeaderText("Save the current filters under a name");
        ask.setContentText("Name");
        if (eventsTable.getScene() != null) {
            ask.initOwner(eventsTable.getScene().getWindow());
        }
        ask.showAndWait().ifPresent(model::saveFilter);
    }

    @FXML
    private void toggleDefault() {
        model.toggleDefault(model.selectedSavedProperty().get());
    }

    @FXML
    private void deleteFilter() {
        model.deleteSaved(model.selectedSavedProperty().get());
    }

    @FXML
    private void traceSelected() {
        model.trace(eventsTable.getSelectionModel().getSelectedItem());
    }

    private static void column(TableColumn<EventRow, String> column, Function<EventRow, String> value) {
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
    }

    private static <T> StringConverter<T> converter(Function<T, String> text) {
        return new StringConverter<>() {
            @Override
            public String toString(T value) {
                return value == null ? "" : text.apply(value);
            }

            @Override
            public T fromString(String s) {
                throw new UnsupportedOperationException("not editable");
            }
        };
    }
}
