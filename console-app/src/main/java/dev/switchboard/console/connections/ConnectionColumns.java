package dev.switchboard.console.connections;

import dev.switchboard.console.ui.BoundCell;
import dev.switchboard.console.ui.Format;
import dev.switchboard.console.ui.RowState;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;

import java.time.Instant;
import java.util.Comparator;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * How the connections table and the detail's rooms table show their values: what each column sorts
 * by (its cell value) and the text its cells show (bound to the row, see {@link BoundCell}).
 * Numbers are right-aligned and grouped; unknown offsets show as "–".
 *
 * <p>Threads: the JavaFX thread.
 */
final class ConnectionColumns {
    private ConnectionColumns() {
    }

    static void text(TableColumn<ConnectionRow, String> column, Function<ConnectionRow, String> field) {
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(field.apply(c.getValue())));
    }

    static void since(TableColumn<ConnectionRow, Instant> column) {
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().connectedAt()));
        column.setComparator(Comparator.nullsFirst(Comparator.naturalOrder()));
        column.setCellFactory(BoundCell.of(ConnectionRow::sinceProperty));
    }

    static void rooms(TableColumn<ConnectionRow, Number> column) {
        column.setCellValueFactory(c -> Bindings.createIntegerBinding(() -> c.getValue().rooms().size(),
                c.getValue().roomsProperty()));
        column.setCellFactory(BoundCell.of(ConnectionRow::roomsTextProperty));
    }

    /** Delivered or acked offset of the row's worst room. */
    static void offset(TableColumn<ConnectionRow, Number> column, ToLongFunction<RoomProgress> offset) {
        column.setCellValueFactory(c -> Bindings.createLongBinding(() -> {
            RoomProgress w = c.getValue().worstProperty().get();
            return w == null ? -1 : offset.applyAsLong(w);
        }, c.getValue().worstProperty()));
        column.setCellFactory(BoundCell.of(r -> Bindings.createStringBinding(() -> {
            RoomProgress w = r.worstProperty().get();
            return w == null ? "" : offsetText(offset.applyAsLong(w));
        }, r.worstProperty()), BoundCell.NUMBER));
    }

    /** The row's {@link ConnectionRow#figuresTextProperty figures text}, sorted by what its worst room owes. */
    static void figures(TableColumn<ConnectionRow, Number> column) {
        column.setCellValueFactory(c -> Bindings.createLongBinding(() -> {
            RoomProgress w = c.getValue().worstProperty().get();
            return w == null ? 0 : w.unsent() + w.unacked();
        }, c.getValue().worstProperty()));
        column.setCellFactory(BoundCell.of(ConnectionRow::figuresTextProperty, BoundCell.NUMBER));
    }

    static void backlog(TableColumn<ConnectionRow, Number> column) {
        column.setCellValueFactory(c -> c.getValue().backlogBytesProperty());
        column.setCellFactory(BoundCell.of(r -> Bindings.createStringBinding(
                () -> Format.bytes(r.backlogBytes()), r.backlogBytesProperty()), BoundCell.NUMBER));
    }

    // ---- the detail's rooms table --------------------------------------------------------------

    static void roomText(TableColumn<RoomProgress, String> column, Function<RoomProgress, String> field) {
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(field.apply(c.getValue())));
    }

    static void roomNumber(TableColumn<RoomProgress, Number> column, ToLongFunction<RoomProgress> field) {
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(field.applyAsLong(c.getValue())));
        column.setCellFactory(BoundCell.of(p -> constant(offsetText(field.applyAsLong(p))), BoundCell.NUMBER));
    }

    /** Rooms the connection is lagging in are drawn {@code :lagging}. */
    static void markLaggingRooms(TableView<RoomProgress> table) {
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(RoomProgress p, boolean empty) {
                super.updateItem(p, empty);
                pseudoClassStateChanged(RowState.LAGGING, !empty && p != null && p.lagging());
            }
        });
    }

    static void tip(TableColumn<?, ?> column, String text) {
        Label header = new Label(column.getText());
        header.setMinWidth(Region.USE_PREF_SIZE);
        header.setTooltip(new Tooltip(text));
        column.setGraphic(header);
        column.setText("");
    }

    static String offsetText(long offset) {
        return offset < 0 ? "–" : Format.count(offset);
    }

    private static ObservableValue<String> constant(String s) {
        return new ReadOnlyObjectWrapper<>(s);
    }
}
