package dev.switchboard.gateway;

import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;

/** Which connections of this node are in which room. Thread-safe; an empty room is forgotten. */
final class Rooms {
    private final ConcurrentHashMap<String, LiveRoom> rooms = new ConcurrentHashMap<>();

    LiveRoom get(String room) {
        return rooms.get(room);
    }

    LiveRoom add(Subscription s) {
        return rooms.compute(s.room, (name, members) -> {
            LiveRoom m = members == null ? new LiveRoom(name) : members;
            m.subscriptions.add(s);
            return m;
        });
    }

    /**
     * Runs {@code change} if no connection of this node is in {@code room}, atomically with {@link #add}
     * for the room (a join that follows sees what it changed); false, without running it, otherwise.
     */
    boolean whileEmpty(String room, Runnable change) {
        boolean[] ran = {false};
        rooms.compute(room, (name, members) -> {
            if (members == null) {
                change.run();
                ran[0] = true;
            }
            return members;
        });
        return ran[0];
    }

    void remove(Subscription s) {
        rooms.computeIfPresent(s.room, (name, members) -> {
            members.subscriptions.remove(s);
            return members.subscriptions.isEmpty() ? null : members;
        });
    }

    Collection<LiveRoom> all() {
        return rooms.values();
    }

    int count() {
        return rooms.size();
    }
}
