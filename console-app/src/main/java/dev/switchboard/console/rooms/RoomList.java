package dev.switchboard.console.rooms;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The node's rooms by name and the observable list the table shows. Each read of the whole list is
 * applied as one removeAll, one addAll and in-place updates, so the table keeps its selection.
 *
 * <p>Threads: UI thread only.
 */
final class RoomList {
    private final ObservableList<RoomRow> rows = FXCollections.observableArrayList();
    private final Map<String, RoomRow> byName = new HashMap<>();

    ObservableList<RoomRow> rows() {
        return rows;
    }

    RoomRow get(String room) {
        return byName.get(room);
    }

    void apply(List<RoomSummary> all) {
        Set<String> seen = new HashSet<>(all.size() * 2);
        List<RoomRow> added = new ArrayList<>();
        for (RoomSummary s : all) {
            seen.add(s.room());
            RoomRow row = byName.get(s.room());
            if (row == null) {
                row = new RoomRow(s.room());
                byName.put(s.room(), row);
                added.add(row);
            }
            row.update(s);
        }
        Set<RoomRow> gone = new HashSet<>();
        byName.values().removeIf(r -> !seen.contains(r.room()) && gone.add(r));
        if (!gone.isEmpty()) {
            rows.removeAll(gone);
        }
        if (!added.isEmpty()) {
            rows.addAll(added);
        }
    }
}
