package dev.switchboard.console.overview;

import dev.switchboard.model.admin.AdminDelta;
import dev.switchboard.model.admin.AdminFrame;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One stats figure set of the admin stream (docs/admin-api.md; the server's
 * {@code WebSocketGateway.liveStats()}), as plain numbers. The once-a-second frames carry the gateway's
 * clock ({@code at}), totals since the gateway started and the last second's commit-to-socket latency;
 * the snapshot's stats carry only the live figures ({@link #hasTotals} false, {@code at} 0), plus the
 * node's name; both say what is degraded (empty: nothing). Built on the stream thread, then handed to the UI thread; immutable.
 */
record StatsFrame(boolean snapshot, String node, long at, long connections, long rooms, long backlogBytes,
                  long fanoutBacklog, boolean deliveryOverloaded, boolean draining, boolean hasTotals,
                  long eventsFannedOut, long deliveries, long connectionsOpened, long reconnects, long acks,
                  Map<Reason, Long> reasons, long latencyCount, double latencyP50, double latencyP99,
                  List<String> degraded) {

    /** The {@code stats} of a {@code deltas} frame. */
    static StatsFrame fromStats(AdminDelta.Stats s) {
        return of(false, "", s, Boolean.TRUE.equals(s.draining()));
    }

    /** A {@code snapshot} frame: its stats, its node and whether it is draining. */
    static StatsFrame fromSnapshot(AdminFrame.Snapshot snapshot) {
        AdminDelta.Stats s = snapshot.stats() != null ? snapshot.stats()
                : new AdminDelta.Stats("stats", 0, 0, 0, 0, 0, false, null, null, null, null, null, null, null, null,
                null, null);
        return of(true, snapshot.node() == null ? "" : snapshot.node(), s, snapshot.draining());
    }

    private static StatsFrame of(boolean snapshot, String node, AdminDelta.Stats s, boolean draining) {
        boolean totals = s.deliveries() != null;
        Map<Reason, Long> reasons = new TreeMap<>();
        putAll(reasons, Reason.FAILURE, s.failures());
        putAll(reasons, Reason.ERROR, s.errors());
        putAll(reasons, Reason.REFUSED, s.refused());
        AdminDelta.Latency lat = s.deliveryLatencyMs() != null ? s.deliveryLatencyMs() : new AdminDelta.Latency(0, 0, 0, 0);
        return new StatsFrame(snapshot, node, s.at(), s.connections(), s.rooms(), s.backlogBytes(), s.fanoutBacklog(),
                s.deliveryOverloaded(), draining, totals, orZero(s.eventsFannedOut()), orZero(s.deliveries()),
                orZero(s.connectionsOpened()), orZero(s.reconnects()), orZero(s.acks()),
                Collections.unmodifiableMap(reasons), lat.count(), lat.p50(), lat.p99(),
                s.degraded() == null ? List.of() : List.copyOf(s.degraded()));
    }

    private static long orZero(Long n) {
        return n == null ? 0 : n;
    }

    private static void putAll(Map<Reason, Long> into, String kind, Map<String, Long> totals) {
        if (totals != null) {
            totals.forEach((reason, n) -> into.put(new Reason(kind, reason), n == null ? 0 : n));
        }
    }
}
