package dev.switchboard.gateway;

import dev.switchboard.eventlog.StoredEvent;
import dev.switchboard.trace.TraceRecord;
import dev.switchboard.trace.TraceRecorder;

import java.util.List;

/**
 * What the WebSocket side tells the delivery trace: connections, memberships with their live window
 * and progress, and fanout hand-offs. Every call only queues a record (see {@link TraceRecorder}).
 */
final class DeliveryTrace {
    private final TraceRecorder recorder;
    private final String node;
    private final String logEpoch;

    DeliveryTrace(TraceRecorder recorder, String node, String logEpoch) {
        this.recorder = recorder;
        this.node = node;
        this.logEpoch = logEpoch;
    }

    void opened(Session s) {
        recorder.record(new TraceRecord.ConnectionOpened(s.id, node, s.userId(), s.deviceId, s.appVersion, s.remoteIp,
                s.connectedAtMillis));
    }

    void closed(Session s, int code, String reason) {
        recorder.record(new TraceRecord.ConnectionClosed(s.id, recorder.now(), code, reason));
    }

    /** A join answered: live delivery after {@code head}; a replay from {@code recoveredFrom} when not null. */
    void joined(Subscription sub, String epoch, long head, Long recoveredFrom, boolean snapshotRequired) {
        recorder.record(new TraceRecord.MembershipStarted(sub.membershipId, sub.session.id, sub.room, epoch,
                recorder.now(), head, recoveredFrom, snapshotRequired));
    }

    /** The user room, joined on connect without reading its head: the first live offset fixes it later. */
    void joinedOnConnect(Subscription sub) {
        recorder.record(new TraceRecord.MembershipStarted(sub.membershipId, sub.session.id, sub.room, logEpoch,
                recorder.now(), -1, null, false));
    }

    void dropped(Subscription sub, long offset, String reason, boolean injected) {
        recorder.record(new TraceRecord.Dropped(sub.session.id, sub.room, offset, offset, reason, injected, recorder.now()));
    }

    void left(Subscription sub, String reason) {
        recorder.record(new TraceRecord.MembershipEnded(sub.membershipId, recorder.now(), sub.session.sentTo(sub),
                sub.ackedOffset, reason));
    }

    void handoff(List<StoredEvent> events, long lagNanos) {
        if (events.isEmpty()) {
            return;
        }
        recorder.record(new TraceRecord.FanoutHandoff(node, events.get(0).event().seq(),
                events.get(events.size() - 1).event().seq(), recorder.now(), lagNanos / 1_000));
    }

    /** Reports what changed since the last call; runs on the timer thread. */
    void progress(Iterable<Session> sessions) {
        if (!recorder.enabled()) {
            return;
        }
        for (Session s : sessions) {
            for (Subscription sub : s.subscriptions.values()) {
                long delivered = s.sentTo(sub);
                long acked = sub.ackedOffset;
                if (delivered != sub.tracedDelivered || acked != sub.tracedAcked) {
                    sub.tracedDelivered = delivered;
                    sub.tracedAcked = acked;
                    recorder.record(new TraceRecord.MembershipProgress(sub.membershipId, delivered, acked, s.firstLive(sub),
                            recorder.now()));
                }
            }
        }
    }

    void flush() {
        recorder.flush();
    }
}
