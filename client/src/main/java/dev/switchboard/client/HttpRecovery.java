package dev.switchboard.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.ValidationException;
import dev.switchboard.model.event.Event;
import dev.switchboard.model.json.Json;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Brings a room up to date over HTTP: the events after its cursor page by page, or a snapshot in
 * pages (docs/protocol-extensions.md, "Snapshots in pages"). A failed page is asked again after a
 * backoff. What a page holds is handed to the room ({@link RoomSync}), which applies it.
 *
 * <p>Threads: called on the client's serial executor, and every answer is handled there; OkHttp's
 * threads only read the body and post it.
 */
final class HttpRecovery {
    private final Gateways gateways;
    private final Supplier<String> token;
    private final OkHttpClient http;
    private final Executor owner;
    private final ClientTimers timers;
    private final ClientTally tally;
    private final Backoff backoff;
    private final Runnable changed;

    HttpRecovery(SwitchboardClient.Builder config, Gateways gateways, Executor owner, ClientTimers timers, ClientTally tally, Runnable changed) {
        this.gateways = gateways;
        this.token = config.token;
        this.http = config.http;
        this.owner = owner;
        this.timers = timers;
        this.tally = tally;
        this.backoff = new Backoff(config.backoffBaseMillis, config.backoffCapMillis);
        this.changed = changed;
    }

    void snapshot(RoomSync r) {
        snapshotPage(r, new SnapshotPages(), "");
    }

    /**
     * Reads the snapshot page after {@code after}, then the next, and joins them: the room takes the
     * lowest offset of the pages, and when pages were read at different offsets (events were published
     * in between) the events after it are replayed; version checks skip what a later page already holds.
     */
    private void snapshotPage(RoomSync r, SnapshotPages pages, String after) {
        String path = "/api/rooms/" + r.room + "/snapshot?after=" + URLEncoder.encode(after, StandardCharsets.UTF_8);
        get(r, path, body -> {
            if (!pages.add(body)) {
                snapshot(r); // the room was reset between pages
                return;
            }
            if (!SnapshotPages.last(body)) {
                snapshotPage(r, pages, body.path("nextAfter").asText());
                return;
            }
            r.loadSnapshot(pages.epoch(), pages.lowestOffset(), pages.resources());
            tally.snapshots.incrementAndGet();
            if (pages.readAtDifferentOffsets()) {
                replay(r, "snapshot");
                return;
            }
            r.syncDone("snapshot");
        }, () -> snapshotPage(r, pages, after));
    }

    /** Replays the room's events after its cursor page by page; {@code how} is told to listeners at the end. */
    void replay(RoomSync r, String how) {
        String path = "/api/rooms/" + r.room + "/events?after=" + r.cursor().offset() + "&epoch=" + r.cursor().epoch();
        get(r, path, body -> {
            if (body.path("snapshotRequired").asBoolean()) {
                snapshot(r);
                return;
            }
            String epoch = body.path("epoch").asText();
            for (JsonNode entry : body.path("events")) {
                try {
                    r.recovered(new RoomSync.Incoming(epoch, entry.path("offset").asLong(), Event.fromJson(entry.get("event"))));
                } catch (ValidationException e) {
                    // an event this SDK cannot read: skip it, the cursor does not move past it
                }
            }
            if (body.path("hasMore").asBoolean()) {
                replay(r, how);
                return;
            }
            if (how.equals("http")) {
                tally.httpRecoveries.incrementAndGet();
            }
            r.syncDone(how);
        }, () -> replay(r, how));
    }

    /**
     * A GET with the current token. The answer is handled on the client's executor, and only while the
     * room is still held; a failure asks again after a backoff.
     */
    private void get(RoomSync r, String path, Consumer<JsonNode> ok, Runnable again) {
        Runnable failed = () -> timers.after(backoff.next() + 100, () -> {
            if (r.attached()) {
                again.run();
                changed.run();
            }
        });
        // The node the WebSocket uses now: after a move to another node, recovery reads from it too.
        Request request = new Request.Builder().url(gateways.current().httpUrl() + path)
                .header("Authorization", "Bearer " + token.get()).build();
        http.newCall(request).enqueue(new Callback() {
            @Override
            public void onFailure(Call call, IOException e) {
                owner.execute(failed);
            }

            @Override
            public void onResponse(Call call, Response response) {
                try (response) {
                    if (response.code() != 200) {
                        owner.execute(failed);
                        return;
                    }
                    JsonNode body = Json.parse(response.body().string());
                    owner.execute(() -> {
                        backoff.reset();
                        if (r.attached()) {
                            ok.accept(body);
                            changed.run();
                        }
                    });
                } catch (IOException e) {
                    owner.execute(failed);
                }
            }
        });
    }
}
