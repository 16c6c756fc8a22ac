package dev.switchboard.gateway;

import dev.switchboard.model.admin.AdminDelta;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.acl.RoomAccess;
import dev.switchboard.eventlog.EventLogException;
import dev.switchboard.eventlog.RoomPage;
import dev.switchboard.eventlog.RoomReader;
import dev.switchboard.model.ValidationException;
import dev.switchboard.model.protocol.ClientFrame;
import dev.switchboard.model.protocol.ErrorCode;
import dev.switchboard.model.protocol.ServerFrame;
import dev.switchboard.model.room.RoomName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Joining and leaving rooms, including recovery on join (PROTOCOL.md §4). Runs on the request
 * threads (it reads the ACL and the log), one request of a connection at a time.
 *
 * <p>The hand-over from replay to live delivery is gap-free because the subscription is registered,
 * holding back live events, before the log is read: an event committed before the read is in the
 * read, one committed after it reaches the fanout after the registration and is held. Events in
 * both are sent once ({@link Session#finishRecovery}).
 */
final class Membership {
    private static final Logger log = LoggerFactory.getLogger(Membership.class);
    /** Additive error code: the event log could not be read; the client may retry the join. */
    static final String UNAVAILABLE = "unavailable";
    /** Additive error code: an ack beyond what this connection was sent in that room; it is not recorded. */
    static final String INVALID_ACK = "invalid_ack";

    private final Rooms rooms;
    private final Presence presence;
    private final RoomAccess access;
    private final RoomReader reader;
    private final int maxReplay;
    private final GatewayMetrics metrics;
    private final DeliveryTrace trace;
    private final AdminStream adminStream;

    Membership(Rooms rooms, Presence presence, RoomAccess access, RoomReader reader, int maxReplay, GatewayMetrics metrics,
               DeliveryTrace trace, AdminStream adminStream) {
        this.trace = trace;
        this.adminStream = adminStream;
        this.rooms = rooms;
        this.presence = presence;
        this.access = access;
        this.reader = reader;
        this.maxReplay = maxReplay;
        this.metrics = metrics;
    }

    /** The connection's own {@code user:} room, live from now on, without a {@code joined} frame. */
    void joinOwnRoom(Session s) {
        Subscription sub = new Subscription(s, RoomName.userRoom(s.userId()).toString(), Subscription.State.LIVE, 0);
        s.subscriptions.put(sub.room, sub);
        LiveRoom live = rooms.add(sub);
        trace.joinedOnConnect(sub);
        // Where the connection starts, for the figures only (delivery stays "every live event"). The
        // log is read on the connection's request queue, never on this socket thread (a busy pool could
        // hold it); the client's own requests queue behind it, so anything it asks sees the figures set.
        s.requests.execute(() -> {
            long head = ownRoomHead(sub.room);
            sub.startedFrom = head;
            live.advance(head);
        });
    }

    /** The log's head of a {@code user:} room; 0 when the log cannot say (the figures then start at 0). */
    private long ownRoomHead(String room) {
        try {
            return reader.head(room).head();
        } catch (EventLogException e) {
            log.warn("cannot read the head of {} on connect: {}", room, e.getMessage());
            return 0;
        }
    }

    void join(Session s, ClientFrame.Join join) {
        RoomName room;
        try {
            room = RoomName.parse(join.room());
        } catch (ValidationException e) {
            error(s, join.ref(), ErrorCode.BAD_REQUEST.wire(), e.getMessage());
            return;
        }
        String name = room.toString();
        Subscription sub = new Subscription(s, name, Subscription.State.RECOVERING, 0);
        Subscription previous = s.subscriptions.put(name, sub);
        if (previous != null) {
            // A re-join re-synchronises: the old membership stops, presence carries over unchanged.
            s.closeSubscription(previous);
            trace.left(previous, "rejoined");
            LiveRoom m = rooms.get(name);
            if (m != null) {
                synchronized (m.presence) {
                    sub.announced = previous.announced;
                    sub.presenceState = previous.presenceState;
                    previous.announced = false;
                }
            }
            rooms.remove(previous);
        }
        LiveRoom members = rooms.add(sub);
        ClientFrame.After after = join.after();
        RoomReader.Recovery recovery;
        try {
            if (!access.mayRead(s.principal, room)) {
                abandon(s, sub);
                error(s, join.ref(), ErrorCode.FORBIDDEN.wire(), s.userId() + " may not join " + name);
                ConnectionLog.about(log.atInfo(), s).addKeyValue("room", name)
                        .log("join refused: connection {} user {} room {}", s.id, s.userId(), name);
                return;
            }
            if (after == null) {
                RoomReader.StreamHead head = reader.head(name);
                recovery = new RoomReader.Recovery(head.epoch(), head.head(), List.of(), false);
            } else {
                recovery = reader.recover(name, after.epoch(), after.offset(), maxReplay);
            }
        } catch (EventLogException e) {
            abandon(s, sub);
            error(s, join.ref(), UNAVAILABLE, "cannot join " + name + " now: " + e.getMessage());
            ConnectionLog.about(log.atWarn(), s).addKeyValue("room", name)
                    .log("join failed: connection {} room {}: {}", s.id, name, e.getMessage());
            return;
        }
        members.advance(recovery.head());
        sub.startedFrom = after != null && !recovery.snapshotRequired() ? after.offset() : recovery.head();
        boolean recovered = after != null && !recovery.snapshotRequired();
        long replayed = recovered ? recovery.head() - after.offset() : 0;
        ServerFrame.Joined answer = new ServerFrame.Joined(join.ref(), name, recovery.epoch(), recovery.head(),
                recovered, replayed, recovery.snapshotRequired());
        presence.answerAndAnnounce(members, sub, () -> s.send(answer));
        List<Subscription.Held> replay = new ArrayList<>(recovery.events().size());
        for (RoomPage.Entry e : recovery.events()) {
            replay.add(new Subscription.Held(e.offset(), WireFrames.event(name, e.offset(), recovery.epoch(),
                    WireFrames.eventJson(e.event()))));
        }
        s.finishRecovery(sub, replay, recovery.head());
        if (s.isLive(sub)) {
            trace.joined(sub, recovery.epoch(), recovery.head(), recovered ? Long.valueOf(after.offset()) : null,
                    recovery.snapshotRequired());
            RoomReader.Recovery r = recovery;
            adminStream.publish(() -> new AdminDelta.RoomJoined("rooms", System.currentTimeMillis(), sub.room,
                    sub.session.id, sub.session.userId(), sub.session.deviceId, r.head(), recovered, replayed,
                    r.snapshotRequired()));
        }
        metrics.replayedEvents.add(replay.size());
        metrics.recovery(after == null ? "live" : recovery.snapshotRequired() ? "snapshot_required" : "replayed");
        ConnectionLog.about(log.atInfo(), s).addKeyValue("room", name).log(
                "joined: connection {} user {} device {} room {} epoch {} head {} after {} replayed {} snapshotRequired {}",
                s.id, s.userId(), s.deviceId, name, recovery.epoch(), recovery.head(),
                after == null ? "-" : after.epoch() + "/" + after.offset(), replay.size(), recovery.snapshotRequired());
    }

    void leave(Session s, ClientFrame.Leave leave) {
        Subscription sub = s.subscriptions.get(leave.room());
        if (sub == null || !s.subscriptions.remove(leave.room(), sub)) {
            error(s, leave.ref(), ErrorCode.NOT_JOINED.wire(), "not in room " + leave.room());
            return;
        }
        end(sub, "left");
        s.send(new ServerFrame.Left(leave.ref(), sub.room));
        ConnectionLog.about(log.atInfo(), s).addKeyValue("room", sub.room)
                .log("left: connection {} user {} room {}", s.id, s.userId(), sub.room);
    }

    void ack(Session s, ClientFrame.Ack ack) {
        Subscription sub = s.subscriptions.get(ack.room());
        if (sub == null) {
            error(s, null, ErrorCode.NOT_JOINED.wire(), "ack for room " + ack.room() + " which this connection has not joined");
            return;
        }
        // An ack is believed only up to what was sent: one beyond it would make the trace call events
        // "acked" that this device never got (published after it went away, say).
        long sent = s.sentTo(sub);
        if (ack.offset() > sent) {
            error(s, null, INVALID_ACK, "ack for offset " + ack.offset() + " of " + sub.room
                    + ", but this connection was sent up to offset " + sent + " of it; the ack is ignored");
            return;
        }
        if (ack.offset() > sub.ackedOffset) {
            sub.ackedOffset = ack.offset();
        }
        metrics.acks.inc();
    }

    void presence(Session s, ClientFrame.PresenceUpdate update) {
        Subscription sub = s.subscriptions.get(update.room());
        LiveRoom members = sub == null ? null : rooms.get(sub.room);
        if (sub == null || members == null) {
            error(s, null, ErrorCode.NOT_JOINED.wire(), "presence for room " + update.room() + " which this connection has not joined");
            return;
        }
        JsonNode state = update.state();
        presence.update(members, sub, state);
    }

    /** The ACL no longer lets this user read the room: revoke it on this connection now. */
    void revoke(Session s, String room) {
        Subscription sub = s.subscriptions.get(room);
        if (sub == null || !s.subscriptions.remove(room, sub)) {
            return;
        }
        end(sub, "revoked"); // no further event of the room from this instant
        // The frame itself queues behind a join answer that may be in flight, so "joined" never follows it.
        s.requests.execute(() -> s.send(new ServerFrame.Revoked(room, "acl_revoked")));
        ConnectionLog.about(log.atInfo(), s).addKeyValue("room", room)
                .log("revoked: connection {} user {} room {}", s.id, s.userId(), room);
    }

    /** The connection is gone: it leaves every room. */
    void disconnected(Session s, String reason) {
        s.markClosed();
        for (Subscription sub : s.subscriptions.values()) {
            trace.left(sub, reason);
            LiveRoom members = rooms.get(sub.room);
            rooms.remove(sub);
            presence.leave(members, sub);
        }
        s.subscriptions.clear();
    }

    private void end(Subscription sub, String reason) {
        sub.session.closeSubscription(sub);
        trace.left(sub, reason);
        adminStream.publish(() -> new AdminDelta.RoomLeft("rooms", System.currentTimeMillis(), sub.room, sub.session.id,
                sub.session.userId(), sub.session.deviceId, reason));
        LiveRoom members = rooms.get(sub.room);
        rooms.remove(sub);
        presence.leave(members, sub);
    }

    private void abandon(Session s, Subscription sub) {
        s.subscriptions.remove(sub.room, sub);
        s.closeSubscription(sub);
        LiveRoom members = rooms.get(sub.room);
        rooms.remove(sub);
        presence.leave(members, sub);
    }

    void error(Session s, JsonNode ref, String code, String message) {
        metrics.error(code);
        s.send(new ServerFrame.Error(ref, code, message));
    }
}
