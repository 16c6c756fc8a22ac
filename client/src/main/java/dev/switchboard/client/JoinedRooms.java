package dev.switchboard.client;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.switchboard.model.protocol.ClientFrame;
import dev.switchboard.model.protocol.ServerFrame;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * The rooms a client holds and the join protocol around them: a join after every {@code welcome},
 * its answer handed to the room, a refused join retried or the room lost, a {@code revoked} weighed
 * against a join the app made since, cumulative acks. It publishes an immutable copy of every room
 * (and of the pending changes) after each change, for any thread to read.
 *
 * <p>Threads: owned by the client's serial executor, except the two volatile copies it publishes.
 */
final class JoinedRooms {
    private final RoomSync.Context roomContext;
    private final Predicate<ClientFrame> send;
    private final BooleanSupplier connected;
    private final ClientTimers timers;
    private final ClientTally tally;
    private final Listeners listeners;

    private final Map<String, RoomSync> rooms = new LinkedHashMap<>();
    /** Joins sent and not answered yet: ref -> room. */
    private final Map<String, String> pendingJoins = new LinkedHashMap<>();
    /** Rooms the app joined again while holding them: a {@code revoked} of such a room is answered with a new join. */
    private final List<String> joinedAgain = new ArrayList<>();
    private long refs;

    private volatile Map<String, RoomView> views = Map.of();
    private volatile List<PendingChange> pendingChanges = List.of();

    /** @param send sends a frame on the current socket; false when there is none */
    JoinedRooms(RoomSync.Context roomContext, Predicate<ClientFrame> send, BooleanSupplier connected) {
        this.roomContext = roomContext;
        this.send = send;
        this.connected = connected;
        this.timers = roomContext.timers();
        this.tally = roomContext.tally();
        this.listeners = roomContext.listeners();
    }

    /** A room the app joins; a room it holds already is remembered as joined again (see {@link #revoked}). */
    void join(String room) {
        if (rooms.containsKey(room)) {
            if (!joinedAgain.contains(room)) {
                joinedAgain.add(room);
            }
            return;
        }
        RoomSync r = new RoomSync(room, roomContext);
        rooms.put(room, r);
        if (connected.getAsBoolean()) {
            sendJoin(r);
        }
    }

    void leave(String room) {
        RoomSync r = rooms.remove(room);
        if (r != null) {
            r.detach();
            joinedAgain.remove(room);
            send.test(new ClientFrame.Leave(TextNode.valueOf("l" + ++refs), room));
        }
    }

    /** A new connection: the user's own room is delivered from the start; joining it too recovers it. */
    void welcomed(ServerFrame.Welcome welcome) {
        rooms.computeIfAbsent("user:" + welcome.userId(), room -> new RoomSync(room, roomContext));
        joinedAgain.clear();
        rooms.values().forEach(this::sendJoin);
    }

    /** The connection is gone: joins in flight will never be answered. */
    void disconnected() {
        pendingJoins.clear();
    }

    void received(ServerFrame frame) {
        if (frame instanceof ServerFrame.EventFrame e) {
            RoomSync r = rooms.get(e.room());
            if (r != null) {
                r.received(e);
            }
        } else if (frame instanceof ServerFrame.Joined j) {
            joined(j);
        } else if (frame instanceof ServerFrame.Revoked rv) {
            revoked(rv.room());
        } else if (frame instanceof ServerFrame.Error err) {
            refused(err);
        } else if (frame instanceof ServerFrame.Presence p) {
            listeners.presence(p.room(), p.userId(), p.deviceId(), p.action(), p.state());
        }
    }

    private void sendJoin(RoomSync r) {
        String ref = "j" + ++refs;
        pendingJoins.put(ref, r.room);
        send.test(r.joinFrame(ref));
    }

    private void joined(ServerFrame.Joined answer) {
        String room = answer.ref() == null ? null : pendingJoins.remove(answer.ref().asText());
        RoomSync r = room == null ? null : rooms.get(room);
        if (r != null && !pendingJoins.containsValue(room)) { // else a later join's answer decides
            r.joined(answer);
        }
    }

    /**
     * Access to a room was withdrawn. If a join of it awaits its answer, that answer decides (the join
     * was handled after the revoke); if the app joined the room again since (a re-grant), join again.
     */
    private void revoked(String room) {
        if (!rooms.containsKey(room) || pendingJoins.containsValue(room)) {
            return;
        }
        if (joinedAgain.remove(room)) {
            sendJoin(rooms.get(room));
            return;
        }
        lost(room, "revoked");
    }

    private void refused(ServerFrame.Error err) {
        String room = err.ref() == null ? null : pendingJoins.remove(err.ref().asText());
        RoomSync r = room == null ? null : rooms.get(room);
        if (r == null || pendingJoins.containsValue(room)) {
            return; // not a join's answer, or a later join of the room awaits its answer: that one decides
        }
        if (err.code().equals("forbidden")) {
            lost(room, "forbidden");
        } else {
            // unavailable or rate limited: try the join again shortly
            timers.after(SwitchboardClient.ACK_EVERY_MILLIS + ThreadLocalRandom.current().nextLong(1000), () -> {
                if (rooms.get(room) == r && connected.getAsBoolean()) {
                    sendJoin(r);
                    publish();
                }
            });
        }
    }

    private void lost(String room, String reason) {
        RoomSync r = rooms.remove(room);
        if (r != null) {
            r.detach();
            joinedAgain.remove(room);
            listeners.roomLost(room, reason);
        }
    }

    /** Adds an optimistic change to its room; a change to a room not held is rolled back at once. */
    void addPending(PendingChange change) {
        RoomSync r = rooms.get(change.room());
        if (r == null) {
            change.resolve(PendingChange.Outcome.ROLLED_BACK);
            tally.resolved(PendingChange.Outcome.ROLLED_BACK);
            listeners.pendingResolved(change);
            return;
        }
        r.addPending(change);
    }

    void rollBack(PendingChange change) {
        RoomSync r = rooms.get(change.room());
        if (r != null) {
            r.rollBack(change);
        }
    }

    void sendAcks() {
        if (!connected.getAsBoolean()) {
            return;
        }
        for (RoomSync r : rooms.values()) {
            ClientFrame.Ack ack = r.ackDue();
            if (ack != null && send.test(ack)) {
                r.acked(ack.offset());
                tally.acksSent.incrementAndGet();
            }
        }
    }

    /** The client closed: every room lets go (its pending changes roll back). */
    void closeAll() {
        rooms.values().forEach(RoomSync::detach);
    }

    /** Publishes the copies other threads read; called after every task that may have changed a room. */
    void publish() {
        Map<String, RoomView> v = new LinkedHashMap<>();
        List<PendingChange> p = new ArrayList<>();
        rooms.forEach((k, r) -> {
            v.put(k, r.view());
            p.addAll(r.pending());
        });
        views = Map.copyOf(v);
        pendingChanges = List.copyOf(p);
    }

    Map<String, RoomView> views() {
        return views;
    }

    List<PendingChange> pendingChanges() {
        return pendingChanges;
    }
}
