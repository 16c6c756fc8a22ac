package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.protocol.ServerFrame;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Presence across the nodes of a cluster (docs/cluster.md, "Presence"): this node's presence changes
 * go out through a {@link Relay}, and the other nodes' members of a room are kept here so that this
 * node's members of the room see them as they see their own: in a joiner's list of who is present,
 * and as {@code join}, {@code update} and {@code leave} frames. Never stored, as presence on one node.
 *
 * <p>A node that loses its link to the others asks them, once the link is back, for everything they
 * hold ({@link #beginSync}, {@link #synced}, {@link #endSync}): what a node no longer reports then
 * leaves. A node that dies says nothing; {@link #dropNode} (from the node registry's heartbeats)
 * makes its members leave.
 *
 * <p>Threads: other nodes' changes come in order on one thread (the Redis subscriber's), a dead
 * node's removal on the heartbeat thread; one at a time (this object's lock), each changes a room's
 * entries and sends its frames under the room's presence lock while this node has members there (so
 * it falls between, never inside, a local join's answer and its list of who is present), and
 * otherwise atomically with the room's next join.
 * The relay is called under the room's presence lock, in the order the room's members see changes.
 */
public final class ClusterPresence {
    /** A member of a room on some node, with its last state (a JSON object, or null before any). */
    public record Member(String node, String room, String userId, String deviceId, String connectionId, JsonNode state) {
    }

    /** Where this node's own presence changes go (to the other nodes); called under the room's presence lock. */
    public interface Relay {
        void changed(Member member, String action);
    }

    private static final Relay NOWHERE = (m, a) -> {
    };

    private final Rooms rooms;
    private final String node;
    private final GatewayMetrics metrics;
    private volatile Relay relay = NOWHERE;
    /** room → connection id → another node's member. */
    private final Map<String, Map<String, Entry>> byRoom = new ConcurrentHashMap<>();
    /** Per other node: the sync under way (its entries confirmed by it are marked with it). */
    private final Map<String, Long> syncs = new ConcurrentHashMap<>();
    private final Object lock = new Object();

    private static final class Entry {
        final Member member;
        final long sync;

        Entry(Member member, long sync) {
            this.member = member;
            this.sync = sync;
        }
    }

    ClusterPresence(Rooms rooms, String node, GatewayMetrics metrics) {
        this.rooms = rooms;
        this.node = node;
        this.metrics = metrics;
    }

    public String node() {
        return node;
    }

    /** Sends this node's presence changes to {@code relay} from now on. */
    public void relayTo(Relay relay) {
        this.relay = relay == null ? NOWHERE : relay;
    }

    /** This node's member changed: to the other nodes, if there are any; under the room's presence lock. */
    void relay(Subscription s, String action) {
        Relay r = relay;
        if (r != NOWHERE) {
            r.changed(local(s), action);
        }
    }

    /** Other nodes' members of {@code room}, for a joiner's list; under the room's presence lock. */
    List<Member> others(String room) {
        Map<String, Entry> entries = byRoom.get(room);
        if (entries == null) {
            return List.of();
        }
        List<Member> out = new ArrayList<>(entries.size());
        for (Entry e : entries.values()) {
            out.add(e.member);
        }
        return out;
    }

    /** Another node's change: {@code join}, {@code update} or {@code leave}. */
    public void apply(Member m, String action) {
        inRoom(m.room(), () -> {
            if ("leave".equals(action)) {
                remove(m.room(), m.connectionId(), m.state());
            } else {
                put(m, syncs.getOrDefault(m.node(), 0L));
            }
        });
    }

    /** Node {@code from} starts telling everything it holds; what it does not tell before {@link #endSync} leaves. */
    public void beginSync(String from, long sync) {
        syncs.put(from, sync);
    }

    /** Part of what node {@code from} holds, in sync {@code sync}. */
    public void synced(String from, long sync, List<Member> members) {
        if (!Long.valueOf(sync).equals(syncs.get(from))) {
            return; // a sync this node did not see begin: a later one will come
        }
        for (Member m : members) {
            inRoom(m.room(), () -> put(m, sync));
        }
    }

    /** Node {@code from} has told everything: its members it did not confirm in this sync leave. */
    public void endSync(String from, long sync) {
        if (!syncs.remove(from, sync)) {
            return;
        }
        removeWhere(e -> e.member.node().equals(from) && e.sync != sync);
    }

    /** Node {@code gone} died or stopped: its members leave. */
    public void dropNode(String gone) {
        syncs.remove(gone);
        removeWhere(e -> e.member.node().equals(gone));
    }

    /** Other nodes' members held (for metrics and tests). */
    public int remoteMembers() {
        int n = 0;
        for (Map<String, Entry> entries : byRoom.values()) {
            n += entries.size();
        }
        return n;
    }

    /** This node's announced members, each read under its room's presence lock: what a sync tells. */
    public List<Member> localMembers() {
        List<Member> out = new ArrayList<>();
        for (LiveRoom live : rooms.all()) {
            synchronized (live.presence) {
                for (Subscription s : live.subscriptions) {
                    if (s.announced) {
                        out.add(local(s));
                    }
                }
            }
        }
        return out;
    }

    Member local(Subscription s) {
        return new Member(node, s.room, s.session.userId(), s.session.deviceId, s.session.id, s.presenceState);
    }

    private interface Test {
        boolean matches(Entry e);
    }

    private void removeWhere(Test test) {
        for (Map.Entry<String, Map<String, Entry>> room : byRoom.entrySet()) {
            for (Entry e : room.getValue().values()) {
                if (test.matches(e)) {
                    inRoom(room.getKey(), () -> {
                        Entry now = room.getValue().get(e.member.connectionId());
                        if (now != null && test.matches(now)) {
                            remove(room.getKey(), now.member.connectionId(), now.member.state());
                        }
                    });
                }
            }
        }
    }

    /**
     * Runs {@code change} under the room's presence lock if this node has members there; otherwise
     * atomically with joins of the room ({@link Rooms#whileEmpty}), so a join that follows sees it.
     */
    private void inRoom(String room, Runnable change) {
        synchronized (lock) {
            while (!rooms.whileEmpty(room, change)) {
                LiveRoom live = rooms.get(room);
                if (live == null) {
                    continue; // emptied meanwhile
                }
                synchronized (live.presence) {
                    if (rooms.get(room) == live) {
                        change.run();
                        return;
                    }
                }
            }
        }
    }

    private void put(Member m, long sync) {
        Map<String, Entry> entries = byRoom.computeIfAbsent(m.room(), r -> new ConcurrentHashMap<>());
        Entry was = entries.put(m.connectionId(), new Entry(m, sync));
        if (was == null) {
            tell(m, "join", m.state());
        } else if (!Objects.equals(was.member.state(), m.state())) {
            tell(m, "update", m.state());
        }
    }

    private void remove(String room, String connectionId, JsonNode lastState) {
        Map<String, Entry> entries = byRoom.get(room);
        Entry was = entries == null ? null : entries.remove(connectionId);
        if (entries != null && entries.isEmpty()) {
            byRoom.remove(room, entries);
        }
        if (was != null) {
            tell(was.member, "leave", lastState != null ? lastState : was.member.state());
        }
    }

    /** Sends the change to this node's announced members of the room; under its presence lock. */
    private void tell(Member m, String action, JsonNode state) {
        LiveRoom live = rooms.get(m.room());
        if (live == null) {
            return;
        }
        byte[] frame = WireFrames.encode(new ServerFrame.Presence(m.room(), m.userId(), m.deviceId(), m.connectionId(),
                action, state));
        for (Subscription s : live.subscriptions) {
            if (s.announced) {
                s.session.sendBytes(frame);
            }
        }
        if (!"leave".equals(action)) {
            metrics.presenceUpdates.inc();
        }
    }
}
