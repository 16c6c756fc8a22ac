package dev.switchboard.console.connections;

import dev.switchboard.model.admin.AdminDelta;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The node's open connections by id, and the observable list the table shows, kept in step with the
 * admin stream (snapshot, then {@code connection.opened/closed} and {@code room.joined/left}) and with
 * the periodic REST read of every connection (offsets, unsent, unacked, backlog). Every apply changes the list at
 * most twice (one removeAll, one addAll) and updates existing rows in place, so a batch of thousands of
 * changes is one table update and the selection survives.
 *
 * <p>Races between the two sources: a REST read that started before a connection opened does not
 * remove it, and a connection the stream reported closed is not brought back by a REST page read
 * before it closed (closed ids are remembered for a minute).
 *
 * <p>Threads: UI thread only.
 */
final class ConnectionIndex {
    private static final long TOMBSTONE_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final ObservableList<ConnectionRow> rows = FXCollections.observableArrayList();
    private final Map<String, ConnectionRow> byId = new HashMap<>();
    private final Map<String, Long> closedAt = new HashMap<>();
    private final LagJudge judge;
    private final Supplier<String> nodeName;
    // the batch being applied
    private final List<ConnectionRow> added = new ArrayList<>();
    private final Set<ConnectionRow> removed = new HashSet<>();

    ConnectionIndex(LagJudge judge, Supplier<String> nodeName) {
        this.judge = judge;
        this.nodeName = nodeName;
    }

    ObservableList<ConnectionRow> rows() {
        return rows;
    }

    ConnectionRow get(String connectionId) {
        return byId.get(connectionId);
    }

    /** The stream's snapshot; when it lists every connection, rows not in it are gone. */
    void snapshot(List<OpenConnection> list, boolean complete, Instant now) {
        merge(list, complete, System.nanoTime(), now);
    }

    /**
     * One slice of a read (started at {@code startedNanos}) of every open connection; {@code whole} is the entire read on the last
     * slice (rows not in it are gone), null before.
     */
    void all(List<OpenConnection> slice, List<OpenConnection> whole, long startedNanos, Instant now) {
        merge(slice, false, startedNanos, now);
        if (whole != null) {
            Set<String> seen = new HashSet<>(whole.size() * 2);
            whole.forEach(i -> seen.add(i.connectionId()));
            removeUnseen(seen, startedNanos);
            flush();
        }
    }

    /** Deltas of the admin stream, in order; other topics are ignored. */
    void deltas(List<AdminDelta> items, Instant now) {
        for (AdminDelta d : items) {
            delta(d, now);
        }
        flush();
    }

    /** The node's list as the REST detail of one connection has it, applied to that row only. */
    void one(OpenConnection info, Instant now) {
        ConnectionRow row = byId.get(info.connectionId());
        if (row != null) {
            update(row, info, now);
        }
    }

    // ---- applying ------------------------------------------------------------------------------

    /** Adds and updates the rows of {@code list}; with {@code complete}, removes the others made before {@code readNanos}. */
    private void merge(List<OpenConnection> list, boolean complete, long readNanos, Instant now) {
        pruneTombstones();
        Set<String> seen = new HashSet<>(list.size() * 2);
        for (OpenConnection info : list) {
            if (closedAt.containsKey(info.connectionId())) {
                continue;
            }
            seen.add(info.connectionId());
            ConnectionRow row = byId.get(info.connectionId());
            if (row == null) {
                row = new ConnectionRow(info.connectionId(), info.userId(), info.deviceId(), info.appVersion(),
                        info.remoteIp(), info.node(), info.connectedAt());
                add(row);
            }
            update(row, info, now);
        }
        if (complete) {
            removeUnseen(seen, readNanos);
        }
        flush();
    }

    /** Rows not in a complete read are gone, unless made after the read started. */
    private void removeUnseen(Set<String> seen, long readNanos) {
        for (ConnectionRow row : new ArrayList<>(byId.values())) {
            if (!seen.contains(row.connectionId()) && row.createdNanos() - readNanos < 0) {
                remove(row.connectionId());
            }
        }
    }

    private void update(ConnectionRow row, OpenConnection info, Instant now) {
        List<RoomProgress> rooms = new ArrayList<>(info.rooms().size());
        for (RoomState s : info.rooms()) {
            rooms.add(judge.judge(row.connectionId(), s));
        }
        row.setRooms(rooms);
        row.setBacklogBytes(info.backlogBytes());
        row.tick(now);
    }

    private void delta(AdminDelta d, Instant now) {
        if (d instanceof AdminDelta.ConnectionOpened o) {
            String id = o.connectionId();
            if (byId.containsKey(id) || closedAt.containsKey(id)) {
                return;
            }
            ConnectionRow row = new ConnectionRow(id, o.userId(), o.deviceId(), o.appVersion(), o.remoteIp(),
                    nodeName.get(), o.at() > 0 ? Instant.ofEpochMilli(o.at()) : now);
            // The gateway puts every connection in its user's room without a room.joined delta.
            row.setRooms(List.of(judge.judge(id, new RoomState("user:" + row.userId(), 0, 0, 0, 0, ""))));
            row.tick(now);
            add(row);
        } else if (d instanceof AdminDelta.ConnectionClosed c) {
            closedAt.put(c.connectionId(), System.nanoTime());
            remove(c.connectionId());
        } else if (d instanceof AdminDelta.RoomJoined j) {
            ConnectionRow row = byId.get(j.connectionId());
            if (row == null) {
                return;
            }
            List<RoomProgress> rooms = without(row.rooms(), j.room());
            rooms.add(judge.judge(j.connectionId(), new RoomState(j.room(), j.head(), 0, 0, 0, "")));
            row.setRooms(rooms);
        } else if (d instanceof AdminDelta.RoomLeft l) {
            ConnectionRow row = byId.get(l.connectionId());
            judge.left(l.connectionId(), l.room());
            if (row != null) {
                row.setRooms(without(row.rooms(), l.room()));
            }
        }
    }

    private static List<RoomProgress> without(List<RoomProgress> rooms, String room) {
        List<RoomProgress> out = new ArrayList<>(rooms.size() + 1);
        for (RoomProgress p : rooms) {
            if (!p.room().equals(room)) {
                out.add(p);
            }
        }
        return out;
    }

    private void add(ConnectionRow row) {
        byId.put(row.connectionId(), row);
        added.add(row);
    }

    private void remove(String id) {
        ConnectionRow row = byId.remove(id);
        judge.forget(id);
        if (row != null && !added.remove(row)) {
            removed.add(row);
        }
    }

    private void flush() {
        if (!removed.isEmpty()) {
            rows.removeAll(removed);
            removed.clear();
        }
        if (!added.isEmpty()) {
            rows.addAll(added);
            added.clear();
        }
    }

    private void pruneTombstones() {
        long now = System.nanoTime();
        for (Iterator<Long> it = closedAt.values().iterator(); it.hasNext(); ) {
            if (now - it.next() > TOMBSTONE_NANOS) {
                it.remove();
            }
        }
    }
}
