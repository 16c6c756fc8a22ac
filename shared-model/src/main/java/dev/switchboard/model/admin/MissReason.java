package dev.switchboard.model.admin;

/**
 * Why a device does not have an event (a {@code missed} device of a trace, a timeline's missed event),
 * as far as the per-connection records can tell. Fields that do not apply are left out.
 *
 * @param code        {@code offline} (no connection open when it was published), {@code slow_consumer} and
 *                    {@code token_expired} (offline, the last connection cut with 4009 or closed with 4001),
 *                    {@code not_joined} (connected, never in the room), {@code left} (connected, had left the
 *                    room), {@code revoked} (access revoked), {@code closed} (closed before it was sent),
 *                    {@code dropped} (dropped, then the connection closed), {@code no_connection} (no
 *                    connection within trace retention) or {@code unknown}; kept as text so a code added
 *                    later still reads
 * @param since       when that state began (disconnected, connected without joining, left, revoked), ISO-8601
 * @param connectionId the connection it concerns: the last one closed, or the one open without the room
 * @param closeCode   the WebSocket close code of that connection, when it had closed
 * @param closeReason the close reason sent with it, when it had closed
 */
public record MissReason(String code, String since, String connectionId, Integer closeCode, String closeReason) {
}
