package dev.switchboard.console.overview;

/** One point of a chart line: the gateway's clock in epoch milliseconds, and the value then. */
record TrendPoint(long at, double value) {
}
