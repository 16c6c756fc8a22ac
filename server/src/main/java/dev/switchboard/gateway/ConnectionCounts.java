package dev.switchboard.gateway;

import dev.switchboard.metrics.Counter;
import dev.switchboard.metrics.Metrics;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Connection metrics that need memory: open connections per app version (a gauge per version seen),
 * and reconnects: a new connection of a user and device that is still connected here (a phone that
 * changed networks before this node noticed its old socket was gone), or closed less than
 * {@code metrics.reconnect-window} before. Device ids are not a label:
 * there is one per phone, far too many series; the trace and the admin API answer per device.
 *
 * <p>The app version is chosen by the client ({@code ?app=}), so its label is bounded: a value outside
 * {@link #LABEL} counts as {@code other}, at most {@code ws.max-app-labels} distinct values have a
 * series of their own at a time (later ones count as {@code other}), and a series is removed when its
 * count returns to zero, which frees its place. No {@code ?app=} counts as {@code unknown}.
 *
 * <p>Thread-safe; the per-app counts are guarded by {@link #byApp}'s monitor, the pairs by
 * {@link #lastClosed}'s (opens and closes only). A pair moves from open to closed under one monitor, so
 * a reconnect racing the close of its predecessor is counted either way.
 */
final class ConnectionCounts {
    /** Pairs remembered for reconnect detection; the oldest are forgotten first. */
    private static final int REMEMBERED = 100_000;
    private static final String BY_APP = "switchboard_ws_connections_by_app";
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9._-]{1,32}");
    static final String OTHER = "other";
    static final String UNKNOWN = "unknown";

    private final Metrics metrics;
    private final long windowMillis;
    private final int maxAppLabels;
    private final Counter reconnects;
    /** Open connections by app label; a label is here exactly while its series exists. */
    private final Map<String, AtomicInteger> byApp = new HashMap<>();
    /** Open connections per user and device pair; guarded by {@link #lastClosed}'s monitor. */
    private final Map<String, Integer> openPairs = new HashMap<>();
    private final LinkedHashMap<String, Long> lastClosed = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > REMEMBERED;
        }
    };

    ConnectionCounts(Metrics metrics, Duration window, int maxAppLabels) {
        this.metrics = metrics;
        this.windowMillis = window.toMillis();
        this.maxAppLabels = maxAppLabels;
        this.reconnects = metrics.counter("switchboard_ws_reconnects_total",
                "Connections of a user and device that were connected less than metrics.reconnect-window before.");
    }

    void opened(Session s) {
        synchronized (byApp) {
            String label = label(s.appVersion);
            AtomicInteger n = byApp.get(label);
            if (n == null) {
                AtomicInteger created = new AtomicInteger();
                metrics.gauge(BY_APP, "Open WebSocket connections by app version (?app=; bounded, see"
                        + " ws.max-app-labels).", created::get, "app", label);
                byApp.put(label, created);
                n = created;
            }
            n.incrementAndGet();
            s.appLabel = label;
        }
        String pair = key(s);
        boolean reconnect;
        synchronized (lastClosed) {
            Long closed = lastClosed.remove(pair);
            boolean stillOpen = openPairs.merge(pair, 1, Integer::sum) > 1;
            reconnect = stillOpen || closed != null && System.currentTimeMillis() - closed <= windowMillis;
        }
        if (reconnect) {
            reconnects.inc();
        }
    }

    /** The series a new connection counts under; under the monitor of {@link #byApp}. */
    private String label(String app) {
        if (app.isEmpty()) {
            return UNKNOWN;
        }
        if (!LABEL.matcher(app).matches()) {
            return OTHER;
        }
        if (byApp.containsKey(app)) {
            return app;
        }
        long own = byApp.keySet().stream().filter(l -> !l.equals(OTHER) && !l.equals(UNKNOWN)).count();
        return own < maxAppLabels ? app : OTHER;
    }

    void closed(Session s) {
        String label = s.appLabel;
        if (label != null) {
            synchronized (byApp) {
                AtomicInteger n = byApp.get(label);
                if (n != null && n.decrementAndGet() <= 0) {
                    byApp.remove(label);
                    metrics.removeGauge(BY_APP, "app", label);
                }
            }
        }
        String pair = key(s);
        synchronized (lastClosed) {
            if (openPairs.merge(pair, -1, Integer::sum) <= 0) {
                openPairs.remove(pair);
            }
            lastClosed.put(pair, System.currentTimeMillis());
        }
    }

    long reconnects() {
        return reconnects.value();
    }

    private static String key(Session s) {
        return s.userId() + "\u0000" + s.deviceId;
    }
}
