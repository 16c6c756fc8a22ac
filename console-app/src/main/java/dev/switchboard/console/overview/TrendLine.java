package dev.switchboard.console.overview;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One line of a {@link Trend} (deliveries/s; p99; one failure reason): its name for the legend and
 * its points, oldest first, at most one per stats frame, none older than the trend's window.
 *
 * <p>Threads: changed on the UI thread only (by its trend), where the chart mirrors it.
 */
final class TrendLine {
    private final String name;
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
        if (points.isEmpty() || p.at() > points.get(points.size() - 1).at()) {
            points.add(p);
        }
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
