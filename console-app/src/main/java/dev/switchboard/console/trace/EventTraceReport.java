package dev.switchboard.console.trace;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the gateway answered to {@code GET /admin/events/{id}/trace}: the event's header, its way
 * from receipt through the commit to each node's fanout, one {@link VerdictRow} per device of every
 * entitled user, and the summary. {@code receivedAt} and {@code commitMs} are null for events
 * written before tracing existed. Immutable.
 */
public record EventTraceReport(String eventId, long seq, String type, String resourceId, long version,
                               Instant occurredAt, Instant receivedAt, Long commitMs, Instant committedAt,
                               Map<String, Long> roomOffsets, List<FanoutHandoff> handoffs, List<VerdictRow> rows,
                               FateCounts summary) {
    public EventTraceReport {
        roomOffsets = Collections.unmodifiableMap(new LinkedHashMap<>(roomOffsets));
        handoffs = List.copyOf(handoffs);
        rows = List.copyOf(rows);
    }

    /** Users no device of whom has the event, in the gateway's order. */
    public List<String> missedUsers() {
        return rows.stream().filter(VerdictRow::userMissed).map(VerdictRow::userId).distinct().toList();
    }

    /** {@code doc:plan @4, user:zoe @12} */
    public String roomsText() {
        StringBuilder b = new StringBuilder();
        roomOffsets.forEach((room, offset) -> b.append(b.length() == 0 ? "" : ", ").append(room).append(" @").append(offset));
        return b.toString();
    }
}
