package dev.switchboard.console.events;

import dev.switchboard.console.ui.Format;
import dev.switchboard.model.admin.AdminDelta;
import dev.switchboard.model.admin.EventList;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of the Events page: an event the gateway published ({@code event.published} on the admin
 * stream, or a row of {@code GET /admin/events}) or a delivery that failed ({@code delivery.failed}).
 * Immutable, so it is built off the UI thread (stream reader, HTTP threads) and only read afterwards.
 *
 * @param at       epoch millis: when the stream reported it, or the commit time for history rows
 * @param rooms    room to offset: the event's rooms, or the one room of a failure (empty when it had none)
 * @param eventId  the event id; for a failure the id of the event at its room offset when the page knows it, else ""
 */
public record EventRow(Kind kind, long at, String eventId, long seq, String type, String resourceId,
                       Map<String, Long> rooms, String userId, String deviceId, String connectionId,
                       String reason, boolean injected) {

    /** What a row is: the column "Kind" shows {@link #label()}. */
    public enum Kind {
        EVENT("event"), FAILURE("failure");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public EventRow {
        rooms = Collections.unmodifiableMap(new LinkedHashMap<>(rooms));
    }

    /** A stream delta as a row, or null for the kinds this page does not show (connections, joins). */
    static EventRow fromDelta(AdminDelta d) {
        if (d instanceof AdminDelta.EventPublished e) {
            return new EventRow(Kind.EVENT, e.at(), text(e.eventId()), e.seq(), text(e.type()), text(e.resourceId()),
                    e.rooms() == null ? Map.of() : e.rooms(), "", "", "", "", false);
        }
        if (d instanceof AdminDelta.DeliveryFailed f) {
            Map<String, Long> room = new LinkedHashMap<>();
            if (f.room() != null) {
                room.put(f.room(), f.offset() == null ? 0 : f.offset());
            }
            return new EventRow(Kind.FAILURE, f.at(), "", 0, "", "", room, text(f.userId()), text(f.deviceId()),
                    text(f.connectionId()), text(f.reason()), f.injected());
        }
        return null;
    }

    /** The rows' columns show "" for what the gateway did not say. */
    private static String text(String s) {
        return s == null ? "" : s;
    }

    /** A row of {@code GET /admin/events}. */
    static EventRow fromHistory(EventList.EventSummary e) {
        Instant committed = Format.instant(e.committedAt());
        return new EventRow(Kind.EVENT, committed == null ? 0 : committed.toEpochMilli(), e.eventId(), e.seq(),
                e.type(), e.resourceId(), e.offsets() == null ? Map.of() : new LinkedHashMap<>(e.offsets()),
                "", "", "", "", false);
    }

    /** This failure, naming the event it failed to deliver. */
    EventRow withEventId(String id) {
        return new EventRow(kind, at, id, seq, type, resourceId, rooms, userId, deviceId, connectionId, reason, injected);
    }

    public boolean failure() {
        return kind == Kind.FAILURE;
    }

    // ---- what the columns show ------------------------------------------------------------------

    public String time() {
        return at == 0 ? "" : Format.clock(at);
    }

    /** {@code document:7 @ 4052, user:alice @ 12} */
    public String roomsText() {
        StringBuilder b = new StringBuilder();
        rooms.forEach((room, offset) -> {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(room).append(" @ ").append(offset);
        });
        return b.toString();
    }

    /** {@code alice / phone} for failures, "" for events. */
    public String who() {
        if (userId.isEmpty() && deviceId.isEmpty()) {
            return "";
        }
        return deviceId.isEmpty() ? userId : userId + " / " + deviceId;
    }

    /** {@code seq 1841} for events; {@code injected_drop · connection c1x9 (injected)} for failures. */
    public String detail() {
        if (!failure()) {
            return "seq " + seq;
        }
        String text = reason + (connectionId.isEmpty() ? "" : " · connection " + connectionId);
        return injected ? text + " (injected)" : text;
    }
}
