package dev.switchboard.console.connections;

import dev.switchboard.adminclient.AdminApi;
import dev.switchboard.adminclient.AdminCallException;
import dev.switchboard.console.ui.Format;
import dev.switchboard.console.ui.UiThread;
import dev.switchboard.model.admin.ConnectionInfo;
import dev.switchboard.model.admin.FaultInfo;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ChangeListener;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The detail pane's model: the selected connection, its rooms with offsets, unsent, unacked and presence (kept
 * in step with the row, which every refresh updates), and what only GET /admin/connections/{id}
 * tells: how long ago the gateway last heard from it and the fault injected on it.
 *
 * <p>It shows the connection the user selected, and only that one, until the user selects another:
 * when the connection closes it stays, marked {@link #closedProperty closed} (when and with which code,
 * as the admin stream said, or when the gateway stopped knowing it), with its last figures.
 *
 * <p>Threads: properties change on the UI thread; {@link #load} may be called from any thread.
 */
public final class ConnectionDetailModel {
    private final AdminApi api;
    private final UiThread ui;
    private final BiConsumer<ConnectionRow, OpenConnection> fresh;
    private final ChangeListener<List<RoomProgress>> roomsFollower = (o, was, now) -> rooms().setAll(now);

    // ---- properties ----------------------------------------------------------------------------
    private final ObjectProperty<ConnectionRow> row = new SimpleObjectProperty<>(this, "row");
    private final ObservableList<RoomProgress> rooms = FXCollections.observableArrayList();
    private final StringProperty heartbeat = new SimpleStringProperty(this, "heartbeat", "");
    private final StringProperty fault = new SimpleStringProperty(this, "fault", "");
    private final BooleanProperty faulted = new SimpleBooleanProperty(this, "faulted");
    private final StringProperty problem = new SimpleStringProperty(this, "problem", "");
    private final StringProperty closed = new SimpleStringProperty(this, "closed", "");
    private volatile String selectedId;
    /** The selected connection is closed: it is not read again. */
    private volatile boolean gone;

    /** @param fresh applies a connection just read to its row (UI thread) */
    ConnectionDetailModel(AdminApi api, UiThread ui, BiConsumer<ConnectionRow, OpenConnection> fresh) {
        this.api = api;
        this.ui = ui;
        this.fresh = fresh;
    }

    public ReadOnlyObjectProperty<ConnectionRow> rowProperty() {
        return row;
    }

    public ConnectionRow row() {
        return row.get();
    }

    /** The selected connection's rooms, as its row has them. */
    public ObservableList<RoomProgress> rooms() {
        return rooms;
    }

    /** {@code 3 s ago}; "" until read. */
    public ReadOnlyStringProperty heartbeatProperty() {
        return heartbeat;
    }

    /** {@code pause until 10:01:02.000, by ops (f3k9x)}, or {@code none}. */
    public ReadOnlyStringProperty faultProperty() {
        return fault;
    }

    public ReadOnlyBooleanProperty faultedProperty() {
        return faulted;
    }

    /** {@code Closed at 10:01:02 with code 4010 (disconnected by an operator)}; "" while it is open. */
    public ReadOnlyStringProperty closedProperty() {
        return closed;
    }

    /** The id of the connection shown, or null; any thread. */
    String selectedId() {
        return selectedId;
    }

    /** Why the detail could not be read ({@code 503 unavailable: …}), or "". */
    public ReadOnlyStringProperty problemProperty() {
        return problem;
    }

    // ---- commands ------------------------------------------------------------------------------

    /** Shows {@code r} (null: nothing) and reads its detail. UI thread. */
    void show(ConnectionRow r) {
        ConnectionRow before = row.get();
        if (before == r) {
            return;
        }
        if (before != null) {
            before.roomsProperty().removeListener(roomsFollower);
        }
        row.set(r);
        heartbeat.set("");
        fault.set("");
        faulted.set(false);
        problem.set("");
        closed.set("");
        gone = false;
        selectedId = r == null ? null : r.connectionId();
        if (r == null) {
            rooms.clear();
            return;
        }
        rooms.setAll(r.rooms());
        r.roomsProperty().addListener(roomsFollower);
        load();
    }

    /** The admin stream says a connection closed: if it is the one shown, it is marked so. UI thread. */
    void closed(String connectionId, long atMillis, int code, String reason) {
        if (!connectionId.equals(selectedId)) {
            return;
        }
        gone = true;
        String at = Format.clock(atMillis > 0 ? atMillis : System.currentTimeMillis());
        String why = reason == null || reason.isBlank() ? "" : " (" + reason + ")";
        closed.set("Closed at " + at + " with code " + code + why);
    }

    /** Reads the selected connection again, unless it closed; any thread. */
    void load() {
        String id = selectedId;
        if (id == null || gone) {
            return;
        }
        api.connection(id).whenComplete((json, error) -> ui.run(() -> {
            if (!id.equals(selectedId) || gone) {
                return; // the user selected another one meanwhile, or it closed
            }
            if (error != null) {
                AdminCallException e = AdminCallException.of(error);
                if (e.status() != 404) {
                    problem.set(e.describe());
                } else {
                    // closed without the stream saying so (a reconnect in between): when it was noticed
                    gone = true;
                    closed.set("Closed: the gateway no longer has it (noticed at "
                            + Format.clock(System.currentTimeMillis()) + ")");
                }
                return;
            }
            apply(json);
        }));
    }

    private void apply(ConnectionInfo answer) {
        problem.set("");
        fresh.accept(row.get(), OpenConnection.of(answer));
        long ago = answer.heartbeatAgoMs() == null ? 0 : answer.heartbeatAgoMs();
        heartbeat.set(Format.duration(Duration.ofMillis(ago)) + " ago");
        FaultInfo f = answer.fault();
        faulted.set(f != null);
        if (f == null) {
            fault.set("none");
            return;
        }
        StringBuilder text = new StringBuilder(f.kind());
        if (f.count() != null) {
            text.append(' ').append(f.count()).append(" events");
        }
        if (f.delayMs() != null) {
            text.append(' ').append(f.delayMs()).append(" ms");
        }
        if (f.window() != null) {
            text.append(", window ").append(f.window());
        }
        text.append(" until ").append(Format.clock(f.expiresAt()))
                .append(", by ").append(f.createdBy())
                .append(" (").append(f.target()).append(')');
        fault.set(text.toString());
    }
}
