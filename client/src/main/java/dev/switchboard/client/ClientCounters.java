package dev.switchboard.client;

/**
 * What a client did so far. {@code duplicatesIgnored} and {@code staleIgnored} count events that were
 * received but not applied because the client already had them or something newer.
 */
public record ClientCounters(long eventsApplied, long duplicatesIgnored, long staleIgnored, long gapsDetected,
                             long replayedEvents, long httpRecoveries, long snapshots, long reconnects, long acksSent) {
}
