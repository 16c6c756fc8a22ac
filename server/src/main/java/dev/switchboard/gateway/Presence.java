package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.protocol.ServerFrame;

import java.util.ArrayList;
import java.util.List;

/**
 * Ephemeral presence (PROTOCOL.md §4): who is in a room and their last state, never stored; in a
 * cluster, with the other nodes' members of the room ({@link ClusterPresence}). All
 * changes of one room happen under that room's presence lock, so members see one order of joins,
 * updates and leaves, and a joiner's list of present connections matches the joins others were told.
 * Lock order: a room's presence lock, then a session's monitor (sending); never the other way round.
 */
final class Presence {
    private final GatewayMetrics metrics;
    /** The other nodes' members, and where this node's changes go to reach them (a cluster). */
    private final ClusterPresence cluster;

    Presence(GatewayMetrics metrics, ClusterPresence cluster) {
        this.metrics = metrics;
        this.cluster = cluster;
    }

    /**
     * Answers a join and makes the subscription visible, all under the room's presence lock: the others
     * get a {@code join} first, then the joiner its {@code answer} (its {@code joined} frame) and one
     * {@code join} per connection already present, with its last state. So by the time a joiner reads
     * its answer the others have been told of it, and no update another member sends can fall between
     * the answer and the joiner's being announced: a joiner sees every presence change made after it.
     */
    void answerAndAnnounce(LiveRoom members, Subscription joiner, Runnable answer) {
        synchronized (members.presence) {
            if (joiner.announced || !joiner.session.isLive(joiner)) {
                answer.run();
                return;
            }
            byte[] joined = frame(joiner, "join", joiner.presenceState);
            List<byte[]> present = new ArrayList<>();
            for (Subscription other : members.subscriptions) {
                if (other.announced && other.session != joiner.session) {
                    other.session.sendBytes(joined);
                    present.add(frame(other, "join", other.presenceState));
                }
            }
            for (ClusterPresence.Member other : cluster.others(joiner.room)) {
                present.add(WireFrames.encode(new ServerFrame.Presence(other.room(), other.userId(), other.deviceId(),
                        other.connectionId(), "join", other.state())));
            }
            cluster.relay(joiner, "join");
            answer.run();
            joiner.announced = true;
            for (byte[] f : present) {
                joiner.session.sendBytes(f);
            }
        }
    }

    /** A member's new state goes to every other member, not back to its sender. */
    void update(LiveRoom members, Subscription sender, JsonNode state) {
        synchronized (members.presence) {
            sender.presenceState = state;
            if (!sender.announced) {
                return;
            }
            cluster.relay(sender, "update");
            byte[] update = frame(sender, "update", state);
            for (Subscription other : members.subscriptions) {
                if (other.announced && other != sender) {
                    other.session.sendBytes(update);
                }
            }
            metrics.presenceUpdates.inc();
        }
    }

    /** A member left, was revoked or disconnected: the others get a {@code leave} with its last state. */
    void leave(LiveRoom members, Subscription leaver) {
        if (members == null) {
            return;
        }
        synchronized (members.presence) {
            if (!leaver.announced) {
                return;
            }
            leaver.announced = false;
            cluster.relay(leaver, "leave");
            byte[] left = frame(leaver, "leave", leaver.presenceState);
            for (Subscription other : members.subscriptions) {
                if (other.announced && other != leaver) {
                    other.session.sendBytes(left);
                }
            }
        }
    }

    private static byte[] frame(Subscription s, String action, JsonNode state) {
        return WireFrames.encode(new ServerFrame.Presence(s.room, s.session.userId(), s.session.deviceId,
                s.session.id, action, state));
    }
}
