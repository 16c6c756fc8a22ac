package dev.switchboard.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.acl.RoomAccess;
import dev.switchboard.auth.Principal;
import dev.switchboard.config.SnapshotLimits;
import dev.switchboard.eventlog.EventLogException;
import dev.switchboard.eventlog.RoomPage;
import dev.switchboard.eventlog.RoomReader;
import dev.switchboard.metrics.Metrics;
import dev.switchboard.model.ValidationException;
import dev.switchboard.model.json.Json;
import dev.switchboard.model.room.RoomName;
import dev.switchboard.trace.TraceRecord;
import dev.switchboard.trace.TraceRecorder;

/** Recovery over HTTP: a room's events after an offset, and its snapshot in pages (PROTOCOL.md §3). */
public final class RoomRoutes {
    private final Authenticator auth;
    private final RoomAccess access;
    private final RoomReader reader;
    private final int maxPage;
    private final TraceRecorder trace;
    private final SnapshotRoute snapshots;

    public RoomRoutes(Authenticator auth, RoomAccess access, RoomReader reader, int maxPage, TraceRecorder trace,
                      SnapshotLimits snapshotLimits, Metrics metrics) {
        this.trace = trace;
        this.snapshots = new SnapshotRoute(reader, snapshotLimits, metrics);
        this.auth = auth;
        this.access = access;
        this.reader = reader;
        this.maxPage = maxPage;
    }

    public void register(ApiServer server) {
        server.route("GET", "/api/rooms/{room}/events", call -> readingTheLog(call, this::events));
        server.route("GET", "/api/rooms/{room}/snapshot", call -> readingTheLog(call, this::snapshot));
    }

    /**
     * A read the store cannot serve (a lost database, a pool with no connection to give) is the
     * server's temporary trouble, not an internal error: 503 {@code unavailable} with Retry-After, as
     * a publish answers, so that clients retry instead of giving up.
     */
    private static void readingTheLog(HttpCall call, Route route) throws ApiException {
        try {
            route.handle(call);
        } catch (EventLogException e) {
            throw ApiException.unavailable(e.getMessage());
        }
    }

    private void events(HttpCall call) throws ApiException {
        Principal principal = auth.authenticate(call);
        RoomName room = readableRoom(call, principal);
        long after = longParam(call, "after", 0, 0);
        long limit = longParam(call, "limit", maxPage, 1);
        String epoch = call.query("epoch");
        if (epoch != null && epoch.isEmpty()) {
            epoch = null;
        }
        RoomPage page = reader.page(room.toString(), after, epoch, (int) Math.min(limit, maxPage));
        if (!page.events().isEmpty()) {
            // Recovery over HTTP counts in delivery traces: this user (device) now has these offsets.
            trace.record(new TraceRecord.HttpRead(principal.userId(), principal.deviceId(), page.room(), after,
                    page.nextOffset(), trace.now()));
        }
        ObjectNode body = Json.object();
        body.put("room", page.room());
        body.put("epoch", page.epoch());
        ArrayNode events = body.putArray("events");
        for (RoomPage.Entry e : page.events()) {
            ObjectNode entry = events.addObject();
            entry.put("offset", e.offset());
            entry.set("event", e.event().toJson());
        }
        body.put("nextOffset", page.nextOffset());
        body.put("hasMore", page.hasMore());
        body.put("snapshotRequired", page.snapshotRequired());
        body.put("head", page.head());
        call.json(200, body);
    }

    private void snapshot(HttpCall call) throws ApiException {
        RoomName room = readableRoom(call, auth.authenticate(call));
        snapshots.answer(call, room.toString());
    }

    private RoomName readableRoom(HttpCall call, Principal principal) throws ApiException {
        RoomName room = room(call.path("room"));
        if (!access.mayRead(principal, room)) {
            throw ApiException.forbidden(principal.userId() + " may not read " + room);
        }
        return room;
    }

    static RoomName room(String text) throws ApiException {
        try {
            return RoomName.parse(text);
        } catch (ValidationException e) {
            throw ApiException.invalid(e.getMessage());
        }
    }

    private static long longParam(HttpCall call, String name, long fallback, long min) throws ApiException {
        String v = call.query(name);
        if (v == null || v.isEmpty()) {
            return fallback;
        }
        try {
            long n = Long.parseLong(v);
            if (n < min) {
                throw ApiException.invalid(name + ": must be " + min + " or more, got " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiException.invalid(name + ": must be a whole number, got \"" + v + "\"");
        }
    }
}
