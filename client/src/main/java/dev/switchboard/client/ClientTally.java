package dev.switchboard.client;

import java.util.concurrent.atomic.AtomicLong;

/** The running counts behind {@link ClientCounters}: written on the client's thread, read by any. */
final class ClientTally {
    final AtomicLong applied = new AtomicLong();
    final AtomicLong duplicates = new AtomicLong();
    final AtomicLong stale = new AtomicLong();
    final AtomicLong gaps = new AtomicLong();
    final AtomicLong replayed = new AtomicLong();
    final AtomicLong httpRecoveries = new AtomicLong();
    final AtomicLong snapshots = new AtomicLong();
    final AtomicLong reconnects = new AtomicLong();
    final AtomicLong acksSent = new AtomicLong();
    final AtomicLong pendingConfirmed = new AtomicLong();
    final AtomicLong pendingSuperseded = new AtomicLong();
    final AtomicLong pendingRolledBack = new AtomicLong();

    /** Counts an optimistic change by how it ended. */
    void resolved(PendingChange.Outcome how) {
        switch (how) {
            case CONFIRMED -> pendingConfirmed.incrementAndGet();
            case SUPERSEDED -> pendingSuperseded.incrementAndGet();
            case ROLLED_BACK -> pendingRolledBack.incrementAndGet();
            case PENDING -> {
            }
        }
    }

    ClientCounters snapshot() {
        return new ClientCounters(applied.get(), duplicates.get(), stale.get(), gaps.get(), replayed.get(),
                httpRecoveries.get(), snapshots.get(), reconnects.get(), acksSent.get(), pendingConfirmed.get(),
                pendingSuperseded.get(), pendingRolledBack.get());
    }
}
