package dev.switchboard.console.rooms;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;

/**
 * One row of the rooms table: the room and its live figures, updated in place by each refresh so the
 * selection stays put. Threads: created and changed on the UI thread only.
 */
public final class RoomRow {
    private final String room;
    private final IntegerProperty connections = new SimpleIntegerProperty(this, "connections");
    private final IntegerProperty users = new SimpleIntegerProperty(this, "users");
    private final LongProperty head = new SimpleLongProperty(this, "head");

    RoomRow(String room) {
        this.room = room;
    }

    public String room() {
        return room;
    }

    public ReadOnlyIntegerProperty connectionsProperty() {
        return connections;
    }

    public ReadOnlyIntegerProperty usersProperty() {
        return users;
    }

    public ReadOnlyLongProperty headProperty() {
        return head;
    }

    public int connections() {
        return connections.get();
    }

    public int users() {
        return users.get();
    }

    public long head() {
        return head.get();
    }

    void update(RoomSummary s) {
        connections.set(s.connections());
        users.set(s.users());
        head.set(s.head());
    }

    @Override
    public String toString() {
        return room;
    }
}
