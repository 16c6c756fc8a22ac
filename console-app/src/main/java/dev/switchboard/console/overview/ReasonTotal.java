package dev.switchboard.console.overview;

/** A row of the errors table: one reason, its total since the gateway started and its rate now (NaN: unknown). */
record ReasonTotal(Reason reason, long total, double perSecond) {
}
