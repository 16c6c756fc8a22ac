package dev.switchboard.console.overview;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One stats figure set of the admin stream (docs/admin-api.md; the server's
 * {@code WebSocketGateway.liveStats()}), as plain numbers. The once-a-second frames carry the gateway's
 * clock ({@code at}), totals since the gateway started and the last second's commit-to-socket latency;
 * the snapshot's stats carry only the live figures ({@link #hasTotals} false, {@code at} 0), plus the
 * node's name. Parsed on the stream thread, then handed to the UI thread; immutable.
 */
record StatsFrame(boolean snapshot, String node, long at, long connections, long rooms, long backlogBytes,
                  long fanoutBacklog, boolean deliveryOverloaded, boolean draining, boolean hasTotals,
                  long eventsFannedOut, long deliveries, long connectionsOpened, long reconnects, long acks,
                  Map<Reason, Long> reasons, long latencyCount, double latencyP50, double latencyP99) {

    /** The {@code stats} object of a {@code deltas} frame. */
    static StatsFrame fromStats(JsonNode s) {
        return parse(false, "", s, s.path("draining").asBoolean(false));
    }

    /** A {@code snapshot} frame: its stats, its node and whether it is draining. */
    static StatsFrame fromSnapshot(JsonNode snapshot) {
        return parse(true, snapshot.path("node").asText(""), snapshot.path("stats"),
                snapshot.path("draining").asBoolean(false));
    }

    private static StatsFrame parse(boolean snapshot, String node, JsonNode s, boolean draining) {
        boolean totals = s.hasNonNull("at") && s.hasNonNull("deliveries");
        Map<Reason, Long> reasons = new TreeMap<>();
        putAll(reasons, Reason.FAILURE, s.path("failures"));
        putAll(reasons, Reason.ERROR, s.path("errors"));
        putAll(reasons, Reason.REFUSED, s.path("refused"));
        JsonNode lat = s.path("deliveryLatencyMs");
        return new StatsFrame(snapshot, node, s.path("at").asLong(0), s.path("connections").asLong(),
                s.path("rooms").asLong(), s.path("backlogBytes").asLong(), s.path("fanoutBacklog").asLong(),
                s.path("deliveryOverloaded").asBoolean(false), draining, totals,
                s.path("eventsFannedOut").asLong(), s.path("deliveries").asLong(),
                s.path("connectionsOpened").asLong(), s.path("reconnects").asLong(), s.path("acks").asLong(),
                Collections.unmodifiableMap(reasons), lat.path("count").asLong(), lat.path("p50").asDouble(),
                lat.path("p99").asDouble());
    }

    private static void putAll(Map<Reason, Long> into, String kind, JsonNode totals) {
        totals.fields().forEachRemaining(e -> into.put(new Reason(kind, e.getKey()), e.getValue().asLong()));
    }
}
