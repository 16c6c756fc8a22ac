package dev.switchboard.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.config.SnapshotLimits;
import dev.switchboard.eventlog.RoomReader;
import dev.switchboard.eventlog.SnapshotPage;
import dev.switchboard.eventlog.SnapshotResource;
import dev.switchboard.metrics.Metrics;
import dev.switchboard.model.json.Json;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code GET /api/rooms/{room}/snapshot}, in bounded pages (docs/protocol-extensions.md). With
 * {@code after} or {@code limit} it answers one page and says whether more follow; without either
 * (PROTOCOL.md's single request) it answers the whole snapshot when it fits one page, and otherwise
 * refuses with 413 rather than hand a client that does not know about pages a part of the room as if
 * it were all of it.
 */
final class SnapshotRoute {
    /** Resource ids are at most 256 characters; a longer cursor cannot be one. */
    private static final int MAX_CURSOR_CHARS = 256;

    private final RoomReader reader;
    private final SnapshotLimits limits;
    private final SnapshotGate gate;

    SnapshotRoute(RoomReader reader, SnapshotLimits limits, Metrics metrics) {
        this.reader = reader;
        this.limits = limits;
        this.gate = new SnapshotGate(limits.maxConcurrent(), metrics);
    }

    /** Answers the snapshot of {@code room}; the caller checked that the principal may read it. */
    void answer(HttpCall call, String room) throws ApiException {
        String afterParam = call.query("after");
        String limitParam = call.query("limit");
        boolean paged = afterParam != null || limitParam != null;
        String after = afterParam == null ? "" : afterParam;
        if (after.length() > MAX_CURSOR_CHARS) {
            throw ApiException.invalid("after: a resource id has at most " + MAX_CURSOR_CHARS + " characters");
        }
        int limit = limit(limitParam);
        byte[] answer = gate.read(() -> {
            SnapshotPage page = reader.snapshotPage(room, after, limit, limits.pageBytes());
            if (!paged && !page.complete()) {
                throw ApiException.tooLarge("the snapshot of " + room + " is larger than one page ("
                        + limits.pageResources() + " resources or " + limits.pageBytes() + " payload bytes);"
                        + " read it in pages with ?after=&limit= (see complete and nextAfter)");
            }
            return Json.write(body(page)).getBytes(StandardCharsets.UTF_8);
        });
        // Sent after the permit is given back: a client that does not read its answer holds one HTTP
        // worker (bounded by http.threads), never the snapshot reads of everyone else.
        call.send(200, "application/json", answer, Map.of());
    }

    private int limit(String text) throws ApiException {
        if (text == null || text.isEmpty()) {
            return limits.pageResources();
        }
        try {
            long n = Long.parseLong(text);
            if (n < 1) {
                throw ApiException.invalid("limit: must be 1 or more, got " + text);
            }
            return (int) Math.min(n, limits.pageResources());
        } catch (NumberFormatException e) {
            throw ApiException.invalid("limit: must be a whole number, got \"" + text + "\"");
        }
    }

    private static ObjectNode body(SnapshotPage page) {
        ObjectNode body = Json.object();
        body.put("room", page.room());
        body.put("epoch", page.epoch());
        body.put("offset", page.offset());
        ArrayNode resources = body.putArray("resources");
        for (SnapshotResource r : page.resources()) {
            ObjectNode entry = resources.addObject();
            entry.put("resourceId", r.resourceId());
            entry.put("version", r.version());
            entry.set("state", r.state());
        }
        body.put("complete", page.complete());
        if (page.nextAfter() != null) {
            body.put("nextAfter", page.nextAfter());
        }
        return body;
    }
}
