package dev.switchboard.admin;

import dev.switchboard.gateway.WebSocketGateway;
import dev.switchboard.http.ApiException;
import dev.switchboard.http.ApiServer;
import dev.switchboard.http.HttpCall;
import dev.switchboard.model.ValidationException;
import dev.switchboard.model.admin.AdminJson;
import dev.switchboard.trace.EventTrace;
import dev.switchboard.trace.UserTimeline;

import javax.sql.DataSource;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * {@code GET /admin/events/{id}/trace} and {@code GET /admin/users/{id}/timeline} (docs/admin-api.md).
 * Both first make the trace catch up with what the sockets did until now, then read it.
 */
final class TraceRoutes {
    private final EventTrace events;
    private final UserTimeline timelines;
    private final WebSocketGateway ws;
    private final Clock clock;

    TraceRoutes(DataSource dataSource, WebSocketGateway ws, Clock clock) {
        this.events = new EventTrace(dataSource);
        this.timelines = new UserTimeline(dataSource);
        this.ws = ws;
        this.clock = clock;
    }

    void register(ApiServer server) {
        server.route("GET", "/admin/events/{id}/trace", this::trace);
        server.route("GET", "/admin/users/{id}/timeline", this::timeline);
    }

    private void trace(HttpCall call) throws ApiException {
        String id = call.path("id");
        ws.flushTrace();
        try {
            call.json(200, AdminJson.tree(events.trace(id).orElseThrow(
                    () -> new ApiException(404, "not_found", "no event with id " + id))));
        } catch (SQLException e) {
            throw new ApiException(503, "unavailable", "cannot read the trace: " + e.getMessage());
        }
    }

    private void timeline(HttpCall call) throws ApiException {
        long to = instant(call, "to", clock.millis());
        long from = instant(call, "from", to - Duration.ofHours(24).toMillis());
        if (from > to) {
            throw ApiException.invalid("from must not be after to");
        }
        ws.flushTrace();
        try {
            call.json(200, AdminJson.tree(timelines.timeline(call.path("id"), from, to)));
        } catch (ValidationException e) {
            // A user id no user room can be made of ("a b", "bob:evil"): the caller's mistake, not ours.
            throw new ApiException(400, "bad_request", "user id: " + e.getMessage());
        } catch (SQLException e) {
            throw new ApiException(503, "unavailable", "cannot read the timeline: " + e.getMessage());
        }
    }

    /** An ISO-8601 instant ({@code 2026-11-29T10:00:00Z}) or epoch milliseconds. */
    private static long instant(HttpCall call, String name, long fallback) throws ApiException {
        String v = call.query(name);
        if (v == null || v.isEmpty()) {
            return fallback;
        }
        try {
            return v.chars().allMatch(Character::isDigit) ? Long.parseLong(v) : Instant.parse(v).toEpochMilli();
        } catch (NumberFormatException | DateTimeParseException e) {
            throw ApiException.invalid(name + ": expected an ISO-8601 instant or epoch milliseconds, got " + v);
        }
    }
}
