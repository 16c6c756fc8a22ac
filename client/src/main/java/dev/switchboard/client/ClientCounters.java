package dev.switchboard.client;

/**
 * What a client did so far. {@code duplicatesIgnored} and {@code staleIgnored} count events that were
 * received but not applied because the client already had them or something newer. {@code reconnects}
 * counts successful re-connections: every {@code welcome} after the first one of the client (a gateway
 * down for a while counts once when the client is back, however many attempts failed in between).
 * The {@code pending*} counters count optimistic changes ({@link PendingChange}) by how they ended.
 */
public record ClientCounters(long eventsApplied, long duplicatesIgnored, long staleIgnored, long gapsDetected,
                             long replayedEvents, long httpRecoveries, long snapshots, long reconnects, long acksSent,
                             long pendingConfirmed, long pendingSuperseded, long pendingRolledBack) {
    /** Optimistic changes resolved so far, whichever way ({@link PendingChange.Outcome}). */
    public long pendingResolved() {
        return pendingConfirmed + pendingSuperseded + pendingRolledBack;
    }
}
