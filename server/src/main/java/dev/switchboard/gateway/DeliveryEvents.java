package dev.switchboard.gateway;

import dev.switchboard.model.admin.AdminDelta;
import dev.switchboard.config.WebSocketLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What happens on a connection's delivery path that others must hear of: a slow consumer cut, an
 * injected fault acting on an event, a gap in a room's offsets. Counted in the metrics, traced, and
 * offered to the admin stream's {@code failures} topic. Also gives sessions the executors they use.
 * Called from the fanout, request and timer threads; holds no state of its own.
 */
final class DeliveryEvents implements SessionHost {
    private static final Logger log = LoggerFactory.getLogger(DeliveryEvents.class);

    private final WebSocketLimits limits;
    private final Executor requestPool;
    private final ScheduledExecutorService timers;
    private final GatewayMetrics metrics;
    private final DeliveryTrace trace;
    private final AdminStream adminStream;

    DeliveryEvents(WebSocketLimits limits, Executor requestPool, ScheduledExecutorService timers, GatewayMetrics metrics,
                   DeliveryTrace trace, AdminStream adminStream) {
        this.limits = limits;
        this.requestPool = requestPool;
        this.timers = timers;
        this.metrics = metrics;
        this.trace = trace;
        this.adminStream = adminStream;
    }

    @Override
    public WebSocketLimits limits() {
        return limits;
    }

    @Override
    public Executor requestPool() {
        return requestPool;
    }

    @Override
    public ScheduledExecutorService timers() {
        return timers;
    }

    @Override
    public void slowConsumer(Session session, long backlogBytes) {
        ConnectionLog.about(log.atWarn(), session).log(
                "slow consumer: closing connection {} of user {} with {} bytes unread", session.id, session.userId(),
                backlogBytes);
        metrics.limit("slow_consumer");
        failure(session, "slow_consumer", null, 0, false);
    }

    @Override
    public void decorated(Session session, Subscription sub, long offset, String kind, boolean lost) {
        metrics.injected(kind);
        if (lost) {
            String reason = "injected_" + kind;
            trace.dropped(sub, offset, reason, true);
            failure(session, reason, sub.room, offset, true);
            ConnectionLog.about(log.atInfo(), session).addKeyValue("room", sub.room).addKeyValue("offset", offset)
                    .log("injected {}: connection {} room {} offset {} not sent", kind, session.id, sub.room, offset);
        }
    }

    @Override
    public void gapSeen(Subscription sub, long lastOffset, long offset) {
        metrics.gaps.inc();
        log.warn("fanout gap on connection {} room {}: offset {} after {}", sub.session.id, sub.room, offset, lastOffset);
    }

    /** A delivery failure for the admin stream. */
    private void failure(Session s, String reason, String room, long offset, boolean injected) {
        metrics.deliveryFailure(reason);
        adminStream.publish(() -> new AdminDelta.DeliveryFailed("failures", System.currentTimeMillis(), reason, injected,
                s.id, s.userId(), s.deviceId, room, room == null ? null : offset));
    }
}
