package dev.switchboard.console.overview;

/**
 * One point of a chart line: the gateway's clock in epoch milliseconds, and the value then.
 * {@code startsSegment}: the line had no data just before it (the admin link was down, the window
 * minimised), so the chart draws no line from the previous point to this one.
 */
record TrendPoint(long at, double value, boolean startsSegment) {
    TrendPoint(long at, double value) {
        this(at, value, false);
    }
}
