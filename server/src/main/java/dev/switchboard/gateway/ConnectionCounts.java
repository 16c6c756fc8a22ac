package dev.switchboard.gateway;

import dev.switchboard.metrics.Counter;
import dev.switchboard.metrics.Metrics;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Connection metrics that need memory: open connections per app version (a gauge per version seen),
 * and reconnects, a connection of a user and device that closed less than
 * {@code metrics.reconnect-window} before a new one of the same pair. Device ids are not a label:
 * there is one per phone, far too many series; the trace and the admin API answer per device.
 * Thread-safe.
 */
final class ConnectionCounts {
    /** Pairs remembered for reconnect detection; the oldest are forgotten first. */
    private static final int REMEMBERED = 100_000;

    private final Metrics metrics;
    private final long windowMillis;
    private final Counter reconnects;
    private final Map<String, AtomicInteger> byApp = new ConcurrentHashMap<>();
    private final LinkedHashMap<String, Long> lastClosed = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > REMEMBERED;
        }
    };

    ConnectionCounts(Metrics metrics, Duration window) {
        this.metrics = metrics;
        this.windowMillis = window.toMillis();
        this.reconnects = metrics.counter("switchboard_ws_reconnects_total",
                "Connections of a user and device that were connected less than metrics.reconnect-window before.");
    }

    void opened(Session s) {
        String app = s.appVersion.isEmpty() ? "unknown" : s.appVersion;
        byApp.computeIfAbsent(app, a -> {
            AtomicInteger n = new AtomicInteger();
            metrics.gauge("switchboard_ws_connections_by_app", "Open WebSocket connections by app version.", n::get,
                    "app", a);
            return n;
        }).incrementAndGet();
        Long closed;
        synchronized (lastClosed) {
            closed = lastClosed.remove(key(s));
        }
        if (closed != null && System.currentTimeMillis() - closed <= windowMillis) {
            reconnects.inc();
        }
    }

    void closed(Session s) {
        AtomicInteger n = byApp.get(s.appVersion.isEmpty() ? "unknown" : s.appVersion);
        if (n != null) {
            n.decrementAndGet();
        }
        synchronized (lastClosed) {
            lastClosed.put(key(s), System.currentTimeMillis());
        }
    }

    long reconnects() {
        return reconnects.value();
    }

    private static String key(Session s) {
        return s.userId() + "\u0000" + s.deviceId;
    }
}
