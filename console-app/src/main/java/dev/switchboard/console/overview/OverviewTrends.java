package dev.switchboard.console.overview;

import dev.switchboard.console.ui.Format;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The overview's charts: connections, publishes/s, deliveries/s, delivery latency (p50, p99), fanout
 * backlog, socket backlog, failures/errors/refusals per second by reason (with a table of totals) and
 * reconnects per minute. Each stats frame with totals adds one point a line; a snapshot's stats only
 * update the current figures. A view model part: javafx-base only.
 *
 * <p>Threads: changed on the UI thread only.
 */
final class OverviewTrends {
    static final String P50 = "p50";
    static final String P99 = "p99";
    private static final String WAITING = "Waiting for the gateway's stats…";

    private final Trend connections = new Trend("Connections", WAITING, OverviewTrends::whole);
    private final Trend publishes = new Trend("Publishes/s", WAITING, OverviewTrends::rate);
    private final Trend deliveries = new Trend("Deliveries/s", WAITING, OverviewTrends::rate);
    private final Trend latency = new Trend("Delivery latency", "No deliveries yet", Format::millis);
    private final Trend fanoutBacklog = new Trend("Fanout backlog (batches)", WAITING, OverviewTrends::whole);
    private final Trend socketBacklog = new Trend("Unread by sockets", WAITING,
            v -> v == Math.rint(v) ? Format.bytes((long) v) : "");
    private final Trend problems = new Trend("Errors/s by reason",
            "No failures, errors or refusals since the gateway started", OverviewTrends::rate);
    private final Trend reconnects = new Trend("Reconnects/min", WAITING, OverviewTrends::rate);
    private final ObservableList<ReasonTotal> reasonTotals = FXCollections.observableArrayList();

    // ---- properties -----------------------------------------------------------------------------

    Trend connections() {
        return connections;
    }

    Trend publishes() {
        return publishes;
    }

    Trend deliveries() {
        return deliveries;
    }

    /** Two lines, {@link #P50} and {@link #P99}, in milliseconds; no point for a second without deliveries. */
    Trend latency() {
        return latency;
    }

    Trend fanoutBacklog() {
        return fanoutBacklog;
    }

    Trend socketBacklog() {
        return socketBacklog;
    }

    /** A line per reason ({@link Reason#label()}), added when the gateway first counts it. */
    Trend problems() {
        return problems;
    }

    Trend reconnects() {
        return reconnects;
    }

    /** Totals since the gateway started, by reason, in the reasons' order. */
    ObservableList<ReasonTotal> reasonTotals() {
        return reasonTotals;
    }

    // ---- changes --------------------------------------------------------------------------------

    /**
     * The admin stream started over (a reconnect after the link was lost, a restored window): whatever
     * happened in between is unknown, so every chart's lines break here instead of joining across it.
     */
    void streamRestarted() {
        for (Trend t : all()) {
            t.breakLines();
        }
    }

    private List<Trend> all() {
        return List.of(connections, publishes, deliveries, latency, fanoutBacklog, socketBacklog, problems, reconnects);
    }

    /** A stats frame and the rates up to it. */
    void apply(StatsFrame f, StatsRates.Rates r) {
        connections.show(f.connections());
        fanoutBacklog.show(f.fanoutBacklog());
        socketBacklog.show(f.backlogBytes());
        if (!f.hasTotals()) {
            return;
        }
        long at = f.at();
        single(connections, at, f.connections());
        single(fanoutBacklog, at, f.fanoutBacklog());
        single(socketBacklog, at, f.backlogBytes());
        single(publishes, at, r.publishesPerSecond());
        publishes.show(r.publishesPerSecond());
        single(deliveries, at, r.deliveriesPerSecond());
        deliveries.show(r.deliveriesPerSecond());
        single(reconnects, at, r.reconnectsPerMinute());
        reconnects.show(r.reconnectsPerMinute());
        if (f.latencyCount() > 0) {
            latency.add(P50, at, f.latencyP50());
            latency.add(P99, at, f.latencyP99());
            latency.show(f.latencyP99(), "p50 " + Format.millis(f.latencyP50()).replace(" ms", "")
                    + " · p99 " + Format.millis(f.latencyP99()));
        } else {
            latency.show(Double.NaN, "idle");
        }
        applyProblems(f, r, at);
        for (Trend t : all()) {
            t.advance(at);
        }
    }

    private void applyProblems(StatsFrame f, StatsRates.Rates r, long at) {
        List<ReasonTotal> rows = new ArrayList<>(f.reasons().size());
        for (Map.Entry<Reason, Long> e : f.reasons().entrySet()) {
            double rate = r.perSecondByReason().getOrDefault(e.getKey(), Double.NaN);
            problems.line(e.getKey().label());
            problems.add(e.getKey().label(), at, rate);
            rows.add(new ReasonTotal(e.getKey(), e.getValue(), rate));
        }
        problems.show(r.problemsPerSecond());
        if (!rows.equals(reasonTotals)) {
            reasonTotals.setAll(rows);
        }
    }

    private static void single(Trend t, long at, double value) {
        t.add(t.title(), at, value);
    }

    /** {@code 1,423} for a whole number; "" for a fraction (an axis tick between two counts). */
    static String whole(double v) {
        return v == Math.rint(v) ? Format.count((long) v) : "";
    }

    /** {@code 1,204}, {@code 12}, {@code 3.5}, {@code 0.25}, {@code 0}: a rate as the charts write it. */
    static String rate(double v) {
        if (v == 0) {
            return "0";
        }
        if (Math.abs(v) >= 10) {
            return Format.count(Math.round(v));
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 1 ? "%.1f" : "%.2f", v);
    }
}
