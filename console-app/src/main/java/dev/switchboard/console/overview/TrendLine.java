package dev.switchboard.console.overview;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of a {@link Trend} (deliveries/s; p99; one failure reason): its name for the legend and
 * its points, oldest first, at most one per stats frame, none older than the trend's window. Where
 * the stream had nothing to say (the gateway unreachable, the window minimised) the line has a gap:
 * the first point after it starts a new segment ({@link TrendPoint#startsSegment()}), so no line is
 * drawn across time the console knows nothing about.
 *
 * <p>Threads: changed on the UI thread only (by its trend), where the chart mirrors it.
 */
final class TrendLine {
    /** Stats come once a second: a point this much later than the one before it follows a gap. */
    static final long MAX_STEP_MILLIS = 5_000;

    private final String name;
    /** The stream started over since the last point: the next one starts a segment. */
    private boolean broken;
    private final ObservableList<TrendPoint> points = FXCollections.observableArrayList();
    private final ObservableList<TrendPoint> readOnlyPoints = FXCollections.unmodifiableObservableList(points);

    TrendLine(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    /** Read-only to everyone but the trend: the chart mirrors its changes. */
    ObservableList<TrendPoint> points() {
        return readOnlyPoints;
    }

    /** Appends a point later than the last one (an earlier one is dropped: the chart's time only advances). */
    void add(TrendPoint p) {
        if (points.isEmpty()) {
            points.add(p);
            broken = false;
            return;
        }
        TrendPoint last = points.get(points.size() - 1);
        if (p.at() > last.at()) {
            boolean gap = broken || p.at() - last.at() > MAX_STEP_MILLIS;
            points.add(gap ? new TrendPoint(p.at(), p.value(), true) : p);
            broken = false;
        }
    }

    /** The stream was lost and started over: the next point starts a new segment. */
    void breakHere() {
        broken = !points.isEmpty();
    }

    /** The points split where the line has gaps, oldest first: what the chart draws as separate lines. */
    List<List<TrendPoint>> segments() {
        List<List<TrendPoint>> out = new ArrayList<>();
        for (TrendPoint p : points) {
            if (out.isEmpty() || p.startsSegment()) {
                out.add(new ArrayList<>());
            }
            out.get(out.size() - 1).add(p);
        }
        return out;
    }

    /** Drops the points before {@code oldest}, in one change. */
    void trimBefore(long oldest) {
        int n = 0;
        while (n < points.size() && points.get(n).at() < oldest) {
            n++;
        }
        if (n > 0) {
            points.remove(0, n);
        }
    }

    double last() {
        return points.isEmpty() ? Double.NaN : points.get(points.size() - 1).value();
    }
}
