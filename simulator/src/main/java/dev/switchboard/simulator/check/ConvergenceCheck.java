package dev.switchboard.simulator.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.client.ConnectionState;
import dev.switchboard.client.PendingChange;
import dev.switchboard.client.ResourceState;
import dev.switchboard.client.RoomView;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares what each device holds with the server's snapshots: for every room the device should be
 * in, the same resources at the same versions with the same state, nothing held of a room it should
 * no longer be in, connected and not in the middle of a recovery. Pure: the caller fetches the
 * snapshots (and may name the server's events behind a difference with {@link EventLocator}).
 */
public final class ConvergenceCheck {
    /** Differences shown per device and room; the rest are counted. */
    static final int SHOWN_PER_ROOM = 5;

    /**
     * A device as it stands: its state, its rooms, the rooms it should hold, and the optimistic changes
     * its SDK still holds unresolved.
     */
    public record Subject(String device, ConnectionState state, Map<String, RoomView> rooms, Set<String> expectedRooms,
                          List<PendingChange> pending) {
        public Subject(String device, ConnectionState state, Map<String, RoomView> rooms, Set<String> expectedRooms) {
            this(device, state, rooms, expectedRooms, List.of());
        }
    }

    /** A difference on one resource; {@code serverVersion} is 0 when the server has no such resource. */
    public record Difference(String device, String room, String resourceId, long serverVersion, String detail) {
    }

    private ConvergenceCheck() {
    }

    /** The rooms whose snapshots {@link #check} needs. */
    public static Set<String> roomsNeeded(List<Subject> subjects) {
        Set<String> rooms = new TreeSet<>();
        subjects.forEach(s -> rooms.addAll(s.expectedRooms()));
        return rooms;
    }

    /**
     * @param snapshots room -> the server's {@code GET /api/rooms/{room}/snapshot} answer
     * @return failures that need no event (not connected, room missing or extra) and the resource differences
     */
    public static Result check(List<Subject> subjects, Map<String, JsonNode> snapshots) {
        List<Failure> failures = new ArrayList<>();
        List<Difference> differences = new ArrayList<>();
        for (Subject s : subjects) {
            if (s.state() != ConnectionState.CONNECTED) {
                failures.add(new Failure(Assertion.CONVERGED, s.device(), null, null, -1, "not connected: " + s.state()));
                continue;
            }
            for (String room : new TreeSet<>(s.rooms().keySet())) {
                if (!s.expectedRooms().contains(room)) {
                    failures.add(new Failure(Assertion.CONVERGED, s.device(), room, null, -1,
                            "still holds a room its user is not granted"));
                }
            }
            for (String room : s.expectedRooms()) {
                RoomView view = s.rooms().get(room);
                if (view == null) {
                    failures.add(new Failure(Assertion.CONVERGED, s.device(), room, null, -1, "not in the room"));
                } else if (view.syncing()) {
                    failures.add(new Failure(Assertion.CONVERGED, s.device(), room, null, -1,
                            "still recovering (at offset " + view.offset() + ")"));
                } else {
                    compare(s.device(), room, view, snapshots.get(room), differences);
                }
            }
        }
        if (failures.isEmpty() && differences.isEmpty()) {
            subjects.forEach(s -> pendingLeft(s, failures));
        }
        return new Result(failures, differences);
    }

    /** Converged, yet changes still pending: the SDK missed the event (or snapshot) that resolves them. */
    private static void pendingLeft(Subject s, List<Failure> failures) {
        for (PendingChange p : s.pending()) {
            failures.add(new Failure(Assertion.NO_PENDING_LEFT, s.device(), p.room(), p.eventId(), -1,
                    "change to " + p.resourceId() + " expecting v" + p.expectedVersion() + " still pending"));
        }
    }

    /** What {@link #check} found. */
    public record Result(List<Failure> failures, List<Difference> differences) {
        public boolean converged() {
            return failures.isEmpty() && differences.isEmpty();
        }
    }

    private static void compare(String device, String room, RoomView view, JsonNode snapshot, List<Difference> out) {
        Map<String, JsonNode> server = new TreeMap<>();
        if (snapshot != null) {
            for (JsonNode r : snapshot.path("resources")) {
                server.put(r.path("resourceId").asText(), r);
            }
        }
        Set<String> ids = new TreeSet<>(server.keySet());
        ids.addAll(view.resources().keySet());
        List<Difference> found = new ArrayList<>();
        for (String id : ids) {
            JsonNode s = server.get(id);
            ResourceState c = view.resources().get(id);
            if (s == null) {
                found.add(new Difference(device, room, id, 0, "holds resource " + id + " v" + c.version()
                        + " which the server does not have in this room"));
            } else if (c == null) {
                found.add(new Difference(device, room, id, s.path("version").asLong(), "misses resource " + id
                        + " (server: v" + s.path("version").asLong() + " " + s.path("state") + ")"));
            } else if (c.version() != s.path("version").asLong() || !c.state().equals(s.path("state"))) {
                found.add(new Difference(device, room, id, s.path("version").asLong(), "resource " + id + " is v"
                        + c.version() + " " + c.state() + ", server: v" + s.path("version").asLong() + " " + s.path("state")));
            }
        }
        for (int i = 0; i < found.size(); i++) {
            if (i < SHOWN_PER_ROOM) {
                out.add(found.get(i));
            }
        }
        if (found.size() > SHOWN_PER_ROOM) {
            out.add(new Difference(device, room, null, 0, (found.size() - SHOWN_PER_ROOM) + " more resources differ"));
        }
    }
}
