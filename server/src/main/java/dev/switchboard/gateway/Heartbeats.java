package dev.switchboard.gateway;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Every {@code heartbeat.interval} each connection gets a WebSocket ping; one that sent nothing at all
 * (no frame, no pong) for {@code heartbeat.timeout} is dead: its socket is dropped and counted, so a
 * phone that vanished without closing does not hold a slot and a buffer forever. Runs on the timer
 * thread.
 */
final class Heartbeats {
    private static final Logger log = LoggerFactory.getLogger(Heartbeats.class);
    /** An empty, final, unmasked ping frame. */
    private static final byte[] PING = {(byte) 0x89, 0};

    private final SessionRegistry sessions;
    private final GatewayMetrics metrics;
    private final long timeoutNanos;

    Heartbeats(SessionRegistry sessions, GatewayMetrics metrics, Duration timeout) {
        this.sessions = sessions;
        this.metrics = metrics;
        this.timeoutNanos = timeout.toNanos();
    }

    void start(ScheduledExecutorService timers, Duration interval) {
        long ms = interval.toMillis();
        timers.scheduleAtFixedRate(this::beat, ms, ms, TimeUnit.MILLISECONDS);
    }

    private void beat() {
        long now = System.nanoTime();
        for (Session s : sessions.all()) {
            if (now - s.lastHeardNanos > timeoutNanos) {
                ConnectionLog.about(log.atInfo(), s).log(
                        "dead connection: {} of user {} device {} sent nothing for {} ms; dropping it", s.id,
                        s.userId(), s.deviceId, (now - s.lastHeardNanos) / 1_000_000);
                metrics.dead.inc();
                metrics.deliveryFailure("dead_connection");
                s.drop("no pong within heartbeat.timeout");
            } else {
                s.sendControl(PING);
            }
        }
    }
}
