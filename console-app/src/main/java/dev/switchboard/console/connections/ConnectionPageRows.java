package dev.switchboard.console.connections;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of the page of connections the table shows, in the gateway's order. A connection that stays
 * on the page keeps its row object, updated in place, so the table keeps its selection and scroll
 * position; the list itself is replaced only when the page holds other connections or another order.
 *
 * <p>Threads: UI thread only.
 */
final class ConnectionPageRows {
    private final ObservableList<ConnectionRow> rows = FXCollections.observableArrayList();
    private final LagJudge judge;
    private Map<String, ConnectionRow> byId = new HashMap<>();

    ConnectionPageRows(LagJudge judge) {
        this.judge = judge;
    }

    ObservableList<ConnectionRow> rows() {
        return rows;
    }

    ConnectionRow get(String connectionId) {
        return byId.get(connectionId);
    }

    /**
     * Shows {@code page}: known connections update their rows, new ones get rows, the rest leave.
     * {@code pinned} (the detail's row, or null) is reused when its connection comes back to the page.
     */
    void show(List<OpenConnection> page, ConnectionRow pinned, Instant now) {
        Map<String, ConnectionRow> next = new HashMap<>(page.size() * 2);
        List<ConnectionRow> order = new ArrayList<>(page.size());
        for (OpenConnection info : page) {
            ConnectionRow row = byId.get(info.connectionId());
            if (row == null && pinned != null && pinned.connectionId().equals(info.connectionId())) {
                row = pinned;
            }
            if (row == null) {
                row = new ConnectionRow(info.connectionId(), info.userId(), info.deviceId(), info.appVersion(),
                        info.remoteIp(), info.node(), info.connectedAt());
            }
            update(row, info, now);
            next.put(row.connectionId(), row);
            order.add(row);
        }
        byId = next;
        if (!sameRows(order)) {
            rows.setAll(order);
        }
    }

    /** Brings {@code row} to what the gateway just said of its connection (also a row no longer on the page). */
    void update(ConnectionRow row, OpenConnection info, Instant now) {
        List<RoomProgress> rooms = new ArrayList<>(info.rooms().size());
        for (RoomState s : info.rooms()) {
            rooms.add(judge.judge(row.connectionId(), s));
        }
        row.setRooms(rooms);
        row.setBacklogBytes(info.backlogBytes());
        row.tick(now);
    }

    private boolean sameRows(List<ConnectionRow> order) {
        if (order.size() != rows.size()) {
            return false;
        }
        for (int i = 0; i < order.size(); i++) {
            if (order.get(i) != rows.get(i)) {
                return false;
            }
        }
        return true;
    }
}
