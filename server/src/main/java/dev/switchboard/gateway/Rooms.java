package dev.switchboard.gateway;

import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;

/** Which connections of this node are in which room. Thread-safe; an empty room is forgotten. */
final class Rooms {
    private final ConcurrentHashMap<String, RoomMembers> rooms = new ConcurrentHashMap<>();

    RoomMembers get(String room) {
        return rooms.get(room);
    }

    RoomMembers add(Subscription s) {
        return rooms.compute(s.room, (name, members) -> {
            RoomMembers m = members == null ? new RoomMembers(name) : members;
            m.subscriptions.add(s);
            return m;
        });
    }

    void remove(Subscription s) {
        rooms.computeIfPresent(s.room, (name, members) -> {
            members.subscriptions.remove(s);
            return members.subscriptions.isEmpty() ? null : members;
        });
    }

    Collection<RoomMembers> all() {
        return rooms.values();
    }

    int count() {
        return rooms.size();
    }
}
