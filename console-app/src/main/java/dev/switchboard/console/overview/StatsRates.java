package dev.switchboard.console.overview;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The overview's arithmetic, free of JavaFX: the once-a-second stats frames' totals since gateway start
 * become the rates its charts draw — publishes/s (events fanned out), deliveries/s, reconnects per
 * minute (averaged over the last minute), and failures/errors/refusals per second by reason. Gateway
 * restarts (totals going down) count as resets ({@link RateTracker}); a new snapshot (the stream
 * reconnected, perhaps to a restarted gateway) starts every rate afresh.
 *
 * <p>Not thread-safe: owned by the overview's UI thread.
 */
final class StatsRates {
    static final long MINUTE = 60_000;

    /** One second's rates; NaN where there is no rate yet (the first frame after a baseline). */
    record Rates(double publishesPerSecond, double deliveriesPerSecond, double reconnectsPerMinute,
                 Map<Reason, Double> perSecondByReason) {
        static final Rates UNKNOWN = new Rates(Double.NaN, Double.NaN, Double.NaN, Map.of());

        /** Failures, errors and refusals per second together (0 when none ever happened), or NaN when unknown. */
        double problemsPerSecond() {
            if (Double.isNaN(deliveriesPerSecond)) {
                return Double.NaN;
            }
            return perSecondByReason.values().stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    private final RateTracker fannedOut = new RateTracker();
    private final RateTracker deliveries = new RateTracker();
    private final RateTracker reconnects = new RateTracker();
    private final TrailingRate reconnectsLastMinute = new TrailingRate(MINUTE);
    private final Map<Reason, RateTracker> byReason = new TreeMap<>();

    /** The rates up to {@code frame}; {@link Rates#UNKNOWN} for a frame without totals (a snapshot's). */
    Rates next(StatsFrame frame) {
        if (!frame.hasTotals()) {
            return Rates.UNKNOWN;
        }
        long at = frame.at();
        double publishes = perSecond(fannedOut.offer(at, frame.eventsFannedOut()));
        double delivered = perSecond(deliveries.offer(at, frame.deliveries()));
        reconnects.offer(at, frame.reconnects()).ifPresent(step -> reconnectsLastMinute.add(at, step));
        double reconnectsPerMinute = reconnectsLastMinute.per(MINUTE);
        frame.reasons().keySet().forEach(r -> byReason.computeIfAbsent(r, k -> new RateTracker()));
        Map<Reason, Double> problems = new TreeMap<>();
        // A reason missing from the frame counts 0 (a restarted gateway has not seen it yet): a reset.
        byReason.forEach((reason, tracker) -> tracker.offer(at, frame.reasons().getOrDefault(reason, 0L))
                .ifPresent(step -> problems.put(reason, step.perSecond())));
        return new Rates(publishes, delivered, reconnectsPerMinute, Collections.unmodifiableMap(problems));
    }

    /** The stream reconnected: the next frame only sets new baselines. */
    void rebaseline() {
        fannedOut.rebaseline();
        deliveries.rebaseline();
        reconnects.rebaseline();
        byReason.values().forEach(RateTracker::rebaseline);
    }

    private static double perSecond(Optional<RateTracker.Step> step) {
        return step.map(RateTracker.Step::perSecond).orElse(Double.NaN);
    }
}
