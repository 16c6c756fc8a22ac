package dev.switchboard.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.auth.Role;
import dev.switchboard.model.admin.EventList;
import dev.switchboard.model.json.Json;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.TestGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /admin/events} searches the whole log a page at a time, not only what was published lately. */
class EventSearchTest {
    @RegisterExtension
    static final TestGateway.PerClass gw = TestGateway.perClass();

    private static Api admin() {
        return gw.api(gw.token("ops", Role.ADMIN));
    }

    private static String publish(String room, String type, String resource, String actor) {
        ObjectNode event = Api.event(type, resource, List.of(room), Json.object().put("r", resource));
        if (actor != null) {
            event.put("actorId", actor);
        }
        Api.Response r = gw.service().publish(event);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().path("id").asText();
    }

    private static List<String> ids(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.path("events").forEach(e -> out.add(e.path("eventId").asText()));
        return out;
    }

    @Test
    void aResourceFromHundredsOfEventsAgoIsFoundAndTheActorIsShown() {
        String old = publish("doc:search-old", "doc.changed", "canvas:7/node:3", "zoe");
        for (int i = 0; i < 300; i++) {
            publish("doc:search-old", "doc.changed", "other-" + i, null);
        }
        JsonNode page = admin().get("/admin/events?resource=canvas:7/node:3").json();
        assertThat(ids(page)).containsExactly(old);
        assertThat(page.path("events").get(0).path("actorId").asText()).isEqualTo("zoe");
        assertThat(page.path("next").isNull()).as(page.toString()).isTrue();
        assertThat(ids(admin().get("/admin/events?actor=zoe").json())).contains(old);
    }

    @Test
    void aRoomIsReadPageByPageNewestFirstUntilItsStart() {
        List<String> published = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            published.add(publish("doc:search-pages", "page.tick", "p" + i, null));
        }
        JsonNode first = admin().get("/admin/events?room=doc:search-pages&limit=3").json();
        assertThat(ids(first)).containsExactly(published.get(6), published.get(5), published.get(4));
        assertThat(first.path("by").asText()).isEqualTo("offset");
        JsonNode second = admin().get("/admin/events?room=doc:search-pages&limit=3&before=" + first.path("next").asLong()).json();
        assertThat(ids(second)).containsExactly(published.get(3), published.get(2), published.get(1));
        JsonNode last = admin().get("/admin/events?room=doc:search-pages&limit=3&before=" + second.path("next").asLong()).json();
        assertThat(ids(last)).containsExactly(published.get(0));
        assertThat(last.path("next").isNull()).isTrue();
    }

    @Test
    void offsetsTimesAndTypePrefixesNarrowTheSearch() throws Exception {
        List<String> published = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            published.add(publish("doc:search-range", i % 2 == 0 ? "shape.moved" : "comment.added", "r" + i, null));
        }
        assertThat(ids(admin().get("/admin/events?room=doc:search-range&fromOffset=2&toOffset=3").json()))
                .containsExactly(published.get(2), published.get(1));
        assertThat(ids(admin().get("/admin/events?room=doc:search-range&type=shape.*").json()))
                .containsExactly(published.get(2), published.get(0));
        Thread.sleep(5);
        Instant between = Instant.now();
        Thread.sleep(5);
        String later = publish("doc:search-range", "shape.moved", "r4", null);
        assertThat(ids(admin().get("/admin/events?room=doc:search-range&from=" + between).json())).containsExactly(later);
        assertThat(ids(admin().get("/admin/events?room=doc:search-range&to=" + between.toEpochMilli()).json()))
                .containsExactly(published.get(3), published.get(2), published.get(1), published.get(0));
        // a prefix is a prefix, not a pattern: "_" and "%" in it are plain characters
        assertThat(ids(admin().get("/admin/events?room=doc:search-range&type=shape_*").json())).isEmpty();
    }

    @Test
    void aPageStopsAtItsScanBoundAndSaysWhereToGoOn() throws Exception {
        String wanted = publish("doc:search-window", "rare.kind", "needle", null);
        for (int i = 0; i < 12; i++) {
            publish("doc:search-window", "common.kind", "hay-" + i, null);
        }
        EventSearch search = new EventSearch(gw.gateway().eventLog().database().dataSource(), 5);
        EventSearch.Query rare = new EventSearch.Query("doc:search-window", "rare.kind", null, null, null,
                null, null, null, null, null, 50);
        EventList first = search.search(rare);
        assertThat(first.events()).isEmpty();
        assertThat(first.next()).isEqualTo(9L);
        assertThat(first.searchedTo()).isEqualTo(9L);
        List<String> found = new ArrayList<>();
        Long before = first.next();
        int pages = 1;
        while (before != null) {
            EventList page = search.search(new EventSearch.Query("doc:search-window", "rare.kind", null, null, null,
                    null, null, null, null, before, 50));
            page.events().forEach(e -> found.add(e.eventId()));
            before = page.next();
            pages++;
        }
        assertThat(found).containsExactly(wanted);
        assertThat(pages).isEqualTo(3);
        // an id goes straight to its index, whatever the bound
        assertThat(search.search(new EventSearch.Query(null, null, null, wanted, null, null, null, null, null, null, 50))
                .events()).extracting(EventList.EventSummary::eventId).containsExactly(wanted);
    }

    @Test
    void malformedSearchesAreRefusedWithTheirReason() {
        for (String[] bad : new String[][]{
                {"fromOffset=3", "give the room"}, {"room=doc:x&fromOffset=5&toOffset=2", "fromOffset must not be after"},
                {"from=yesterday", "ISO-8601"}, {"before=-1", "before"}, {"before=abc", "before"},
                {"from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z", "from must not be after to"}}) {
            Api.Response r = admin().get("/admin/events?" + bad[0]);
            assertThat(r.status()).as(bad[0]).isEqualTo(422);
            assertThat(r.body()).as(bad[0]).contains(bad[1]);
        }
        JsonNode unknown = admin().get("/admin/events?room=doc:never-used").json();
        assertThat(unknown.path("events")).isEmpty();
        assertThat(unknown.path("next").isNull()).isTrue();
    }
}
