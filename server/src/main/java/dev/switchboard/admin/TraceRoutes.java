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
        Long toParam = QueryParams.instant(call, "to");
        long to = toParam == null ? clock.millis() : toParam;
        Long fromParam = QueryParams.instant(call, "from");
        long from = fromParam == null ? to - Duration.ofHours(24).toMillis() : fromParam;
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
}
