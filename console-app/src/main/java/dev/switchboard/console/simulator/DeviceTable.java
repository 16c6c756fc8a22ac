package dev.switchboard.console.simulator;

import atlantafx.base.theme.Styles;
import dev.switchboard.console.ui.Format;
import dev.switchboard.console.ui.RowState;
import dev.switchboard.console.ui.WrappingCell;
import javafx.beans.InvalidationListener;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The live device table's columns, what QA watches first on the left: who, the connection state
 * (coloured), each room with the offset applied, resources held, the SDK's counters (related ones share a
 * column so the table fits beside the scenario pane: ignored = duplicates · stale, recovered = replayed ·
 * HTTP · snapshots), the failures naming the device, and the connection id. A device with failures is a
 * red row. FX thread.
 */
final class DeviceTable {
    private static final double ROOMS_WIDTH = 125;
    private static final List<String> STATE_CLASSES = List.of("state-ok", "state-warn", "state-degraded", "state-bad");

    private DeviceTable() {
    }

    static void configure(TableView<DeviceRow> table) {
        TableColumn<DeviceRow, String> rooms = text("Rooms @ offset",
                "each room the device holds, with the last offset it applied", ROOMS_WIDTH, DeviceRow::roomsProperty);
        rooms.setCellFactory(c -> WrappingCell.inTable());
        table.getColumns().setAll(List.of(
                text("Device", "user/name: the device as the report and chaos name it", 96,
                        r -> new ReadOnlyStringWrapper(r.device())),
                text("User", "the token's subject", 55, r -> new ReadOnlyStringWrapper(r.user())),
                state(),
                rooms,
                text("Res.", "resources held over its rooms · the highest version among them", 72, DeviceRow::versionsProperty),
                number("Applied", "events applied", 66, DeviceRow::appliedProperty),
                number("Gaps", "gaps detected in a room's offsets", 48, DeviceRow::gapsProperty),
                number("Reconn.", "reconnects: connections ended or attempts failed", 70, DeviceRow::reconnectsProperty),
                number("Fail.", "assertion failures naming this device", 50, DeviceRow::failuresProperty),
                text("Ignored", "events received but not applied: duplicates ignored · stale versions ignored", 66,
                        DeviceRow::ignoredProperty),
                text("Recov.", "events replayed on a rejoin · HTTP recoveries (event pages) · snapshots loaded", 74,
                        DeviceRow::recoveredProperty),
                text("Conn. id", "the gateway's id of the current connection (empty between connections)", 128,
                        DeviceRow::connectionProperty)));
        table.getStyleClass().addAll(Styles.STRIPED, Styles.DENSE);
        // The rooms column takes the width the others leave; in a narrow window the table scrolls sideways.
        table.widthProperty().addListener((o, was, now) -> {
            double others = table.getColumns().stream().filter(c -> c != rooms).mapToDouble(TableColumn::getWidth).sum();
            rooms.setPrefWidth(Math.max(ROOMS_WIDTH, now.doubleValue() - others - 18));
        });
        table.setPlaceholder(new Label("No run yet · the devices of a run appear here, live"));
        table.setRowFactory(t -> new FailingRow());
    }

    private static <T> TableColumn<DeviceRow, T> text(String title, String tip, double width,
                                                      Function<DeviceRow, ObservableValue<T>> value) {
        TableColumn<DeviceRow, T> c = new TableColumn<>();
        header(c, title, tip);
        c.setPrefWidth(width);
        c.setCellValueFactory(f -> value.apply(f.getValue()));
        return c;
    }

    /** A count, right-aligned with thousands separators. */
    private static TableColumn<DeviceRow, Number> number(String title, String tip, double width,
                                                         Function<DeviceRow, ObservableValue<Number>> value) {
        TableColumn<DeviceRow, Number> c = text(title, tip, width, value);
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Number n, boolean empty) {
                super.updateItem(n, empty);
                setText(empty || n == null ? null : Format.count(n.longValue()));
            }
        });
        c.setStyle("-fx-alignment: center-right;");
        return c;
    }

    private static TableColumn<DeviceRow, String> state() {
        TableColumn<DeviceRow, String> c = text("State", "the SDK's connection state", 88, DeviceRow::stateProperty);
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String s, boolean empty) {
                super.updateItem(s, empty);
                getStyleClass().removeAll(STATE_CLASSES);
                if (empty || s == null) {
                    setText(null);
                    return;
                }
                setText(label(s));
                getStyleClass().add(switch (s) {
                    case "CONNECTED" -> "state-ok";
                    case "CONNECTING" -> "state-warn";
                    case "WAITING_TO_RECONNECT" -> "state-degraded";
                    default -> "state-bad";
                });
            }
        });
        return c;
    }

    /** {@code connected}, {@code reconnecting}: the SDK's state as a person says it. */
    static String label(String state) {
        return "WAITING_TO_RECONNECT".equals(state) ? "reconnecting" : state.toLowerCase(Locale.ROOT);
    }

    private static void header(TableColumn<DeviceRow, ?> c, String title, String tip) {
        Label l = new Label(title);
        l.getStyleClass().add("column-title");
        l.setTooltip(new Tooltip(tip));
        c.setGraphic(l);
        c.setId("device-" + title.toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", "-").replaceAll("-$", ""));
    }

    /** A row that turns red while its device has failures (they can appear during the run). */
    private static final class FailingRow extends TableRow<DeviceRow> {
        private final InvalidationListener restyle = o -> restyle();
        private DeviceRow watched;

        @Override
        protected void updateItem(DeviceRow row, boolean empty) {
            super.updateItem(row, empty);
            if (watched != null) {
                watched.failuresProperty().removeListener(restyle);
            }
            watched = empty ? null : row;
            if (watched != null) {
                watched.failuresProperty().addListener(restyle);
            }
            restyle();
        }

        private void restyle() {
            pseudoClassStateChanged(RowState.MISSED, watched != null && watched.failuresProperty().get() > 0);
        }
    }
}
