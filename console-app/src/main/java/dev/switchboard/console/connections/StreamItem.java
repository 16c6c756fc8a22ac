package dev.switchboard.console.connections;

import dev.switchboard.model.admin.AdminDelta;
import dev.switchboard.model.admin.AdminFrame;

import java.util.List;

/**
 * What the connections page takes from the admin stream, in the order it came: a snapshot (its
 * connection list converted on the stream thread; {@code complete} when it holds every connection) or
 * one delta of the {@code connections} or {@code rooms} topic. Immutable.
 */
record StreamItem(List<OpenConnection> snapshot, boolean complete, AdminDelta delta) {

    static StreamItem snapshot(AdminFrame.Snapshot frame) {
        List<OpenConnection> list = OpenConnection.listFrom(frame.connections());
        return new StreamItem(list, frame.connectionsTotal() <= list.size(), null);
    }

    static StreamItem delta(AdminDelta item) {
        return new StreamItem(null, false, item);
    }

    boolean isSnapshot() {
        return snapshot != null;
    }

    /** Whether a delta matters to the connection list. */
    static boolean wanted(AdminDelta item) {
        return item instanceof AdminDelta.ConnectionOpened || item instanceof AdminDelta.ConnectionClosed
                || item instanceof AdminDelta.RoomJoined || item instanceof AdminDelta.RoomLeft;
    }
}
