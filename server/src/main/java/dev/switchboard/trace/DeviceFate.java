package dev.switchboard.trace;

import java.util.Locale;

/**
 * What became of one event on one device (docs/admin-api.md, "trace"), best outcome first:
 * <ul>
 *   <li>{@code acked}: sent live and the device said it applied it (a cumulative ack at or past its offset);</li>
 *   <li>{@code delivered}: sent live on one of the device's connections;</li>
 *   <li>{@code recovered}: the device missed it live and got it later, by a replay on join, over HTTP or
 *       by a snapshot it was told to reload; it
 *       stays recovered when it acks, so the path is not lost;</li>
 *   <li>{@code pending}: a connection of the device is in the room and has not been sent it yet;</li>
 *   <li>{@code dropped}: not sent on a connection that was in the room (a fault, injected or not) and
 *       that connection is still open, so the client may still notice the gap and recover;</li>
 *   <li>{@code missed}: the device does not have it and nothing open will bring it.</li>
 * </ul>
 */
public enum DeviceFate {
    ACKED, DELIVERED, RECOVERED, PENDING, DROPPED, MISSED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when the device has the event. */
    public boolean has() {
        return this == ACKED || this == DELIVERED || this == RECOVERED;
    }
}
