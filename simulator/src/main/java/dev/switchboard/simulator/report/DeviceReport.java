package dev.switchboard.simulator.report;

import dev.switchboard.client.ClientCounters;

/**
 * One device at the end of a run: its connection state, the SDK's counters (gaps found, events
 * replayed, HTTP recoveries, snapshots, duplicates and stale versions ignored, reconnects) and how
 * many assertion failures name it.
 */
public record DeviceReport(String device, String user, String state, ClientCounters counters, int tokensMinted,
                           int failures) {
}
