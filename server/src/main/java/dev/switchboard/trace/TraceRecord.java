package dev.switchboard.trace;

/** What the gateway tells the trace store, in the order it happened. Times are epoch milliseconds. */
public sealed interface TraceRecord {
    record ConnectionOpened(String connectionId, String node, String userId, String deviceId, String appVersion,
                            String remoteIp, long at) implements TraceRecord {
    }

    record ConnectionClosed(String connectionId, long at, int code, String reason) implements TraceRecord {
    }

    /** @param recoveredFrom the client's cursor when the join replayed, else null */
    record MembershipStarted(String membershipId, String connectionId, String room, String epoch, long at,
                             long joinHead, Long recoveredFrom, boolean snapshotRequired) implements TraceRecord {
    }

    /**
     * @param firstLive the first offset sent live (0 if none yet): fixes join_head of a user room joined on connect
     * @param at when the progress was seen: becomes acked_at when {@code ackedTo} advanced
     */
    record MembershipProgress(String membershipId, long deliveredTo, long ackedTo, long firstLive, long at)
            implements TraceRecord {
    }

    record MembershipEnded(String membershipId, long at, long deliveredTo, long ackedTo, String reason)
            implements TraceRecord {
    }

    record Dropped(String connectionId, String room, long fromOffset, long toOffset, String reason, boolean injected,
                   long at) implements TraceRecord {
    }

    record HttpRead(String userId, String deviceId, String room, long afterOffset, long upTo, long at)
            implements TraceRecord {
    }

    record FanoutHandoff(String node, long firstSeq, long lastSeq, long at, long lagMicros) implements TraceRecord {
    }
}
