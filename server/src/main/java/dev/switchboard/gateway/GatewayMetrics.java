package dev.switchboard.gateway;

import dev.switchboard.metrics.Counter;
import dev.switchboard.metrics.Histogram;
import dev.switchboard.metrics.Metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** The WebSocket gateway's instruments, registered once (docs/protocol-extensions.md lists them). */
final class GatewayMetrics {
    private final Metrics metrics;
    final Counter opened;
    final Counter deliveries;
    final Histogram fanoutLag;
    final Counter replayedEvents;
    final Counter presenceUpdates;
    final Counter acks;
    final Counter dead;
    final Counter gaps;
    final Counter fannedOut;
    /** Commit-to-socket latency of the last second, for the admin stream's charts. */
    final LatencyWindow deliveryLatency = new LatencyWindow();
    // Totals by label for the admin stream (Micrometer keeps them too, but not in a form it can list cheaply).
    private final Map<String, LongAdder> failuresByReason = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> errorsByCode = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> refusedByReason = new ConcurrentHashMap<>();

    GatewayMetrics(Metrics metrics) {
        this.metrics = metrics;
        opened = metrics.counter("switchboard_ws_connections_opened_total", "WebSocket connections accepted (welcome sent).");
        deliveries = metrics.counter("switchboard_deliveries_total", "Live event frames queued to connections.");
        fanoutLag = metrics.histogram("switchboard_fanout_lag_seconds",
                "Time from an event's commit to its hand-off to the sockets.", Histogram.LATENCY_SECONDS);
        replayedEvents = metrics.counter("switchboard_replayed_events_total", "Events sent by joins that recovered.");
        presenceUpdates = metrics.counter("switchboard_presence_updates_total", "Presence updates fanned out.");
        acks = metrics.counter("switchboard_acks_total", "Cumulative acks received.");
        dead = metrics.counter("switchboard_ws_dead_connections_total",
                "Connections closed because nothing, not even a pong, arrived within heartbeat.timeout.");
        gaps = metrics.counter("switchboard_fanout_gaps_total",
                "Live events that skipped offsets on a connection (an event never reached this node's fanout).");
        fannedOut = metrics.counter("switchboard_fanout_events_total", "Committed events handed to this node's fanout.");
        // At 0 from the start, so that the alert on slow consumers sees the first one cut (increase() does
        // not count the sample a series first appears with) and the dashboard shows 0 rather than no data.
        limitCounter("slow_consumer");
        failureCounter("slow_consumer");
        failureCounter("dead_connection");
    }

    void closed(int code) {
        metrics.counter("switchboard_ws_connections_closed_total", "WebSocket connections closed, by close code.",
                "code", Integer.toString(code)).inc();
    }

    void refused(String reason) {
        metrics.counter("switchboard_ws_handshakes_refused_total", "Upgrade requests refused, by reason.",
                "reason", reason).inc();
        refusedByReason.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    void limit(String limit) {
        limitCounter(limit).inc();
    }

    private Counter limitCounter(String limit) {
        return metrics.counter("switchboard_ws_limit_events_total",
                "Limits hit: frame errors answered and connections closed, by limit.", "limit", limit);
    }

    private Counter failureCounter(String reason) {
        return metrics.counter("switchboard_delivery_failures_total",
                "Deliveries that did not happen, by reason (slow_consumer, dead_connection, injected_drop).",
                "reason", reason);
    }

    void error(String code) {
        metrics.counter("switchboard_ws_errors_total", "error frames sent, by code.", "code", code).inc();
        errorsByCode.computeIfAbsent(code, c -> new LongAdder()).increment();
    }

    void deliveryFailure(String reason) {
        failureCounter(reason).inc();
        failuresByReason.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    void injected(String kind) {
        metrics.counter("switchboard_faults_injected_total",
                "Live events acted on by an injected fault (QA), by kind; never a real failure.", "kind", kind).inc();
    }

    void recovery(String result) {
        metrics.counter("switchboard_joins_total", "Joins answered, by recovery result.", "result", result).inc();
    }

    /** Delivery failures since start, by reason, sorted by reason. */
    Map<String, Long> failureTotals() {
        return totals(failuresByReason);
    }

    /** error frames sent since start, by code, sorted by code. */
    Map<String, Long> errorTotals() {
        return totals(errorsByCode);
    }

    /** Upgrade requests refused since start, by reason, sorted by reason. */
    Map<String, Long> refusedTotals() {
        return totals(refusedByReason);
    }

    private static Map<String, Long> totals(Map<String, LongAdder> adders) {
        Map<String, Long> out = new TreeMap<>();
        adders.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
