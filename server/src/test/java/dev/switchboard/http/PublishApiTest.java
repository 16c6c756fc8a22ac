package dev.switchboard.http;

import dev.switchboard.auth.Role;
import dev.switchboard.testing.RawHttp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.model.json.Json;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.TestGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static dev.switchboard.testing.Api.event;
import static org.assertj.core.api.Assertions.assertThat;

/** POST /api/events against a real gateway over real HTTP (PROTOCOL.md §3). */
class PublishApiTest {
    @RegisterExtension
    static final TestGateway.PerClass gw = TestGateway.perClass();

    private static ObjectNode payload(int x) {
        return Json.object().put("x", x).put("y", 20);
    }

    @Test
    void publishAnswers201WithSeqVersionTimeAndOffsetsPerRoom() {
        ObjectNode body = event("canvas.node.moved", "canvas:1/node:1", List.of("document:p1", "workspace:p1", "document:p1"), payload(1));
        body.put("id", "pub-1").put("actorId", "u1");
        Api.Response r = gw.service().publish(body);

        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        JsonNode a = r.json();
        assertThat(a.get("id").asText()).isEqualTo("pub-1");
        assertThat(a.get("seq").asLong()).isPositive();
        assertThat(a.get("version").asLong()).isEqualTo(1);
        assertThat(a.get("occurredAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(a.get("offsets").size()).as("duplicate rooms count once").isEqualTo(2);
        assertThat(a.at("/offsets/document:p1").asLong()).isEqualTo(1);
        assertThat(a.at("/offsets/workspace:p1").asLong()).isEqualTo(1);

        Api.Response second = gw.service().publish(event("canvas.node.moved", "canvas:1/node:1", List.of("document:p1"), payload(2)));
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.json().get("version").asLong()).isEqualTo(2);
        assertThat(second.json().at("/offsets/document:p1").asLong()).isEqualTo(2);
        assertThat(second.json().get("seq").asLong()).isGreaterThan(a.get("seq").asLong());
        assertThat(second.json().get("id").asText()).as("generated id").hasSize(26);

        JsonNode page = gw.service().get("/api/rooms/document:p1/events").json();
        JsonNode stored = page.at("/events/0/event");
        assertThat(stored.get("id").asText()).isEqualTo("pub-1");
        assertThat(stored.get("type").asText()).isEqualTo("canvas.node.moved");
        assertThat(stored.get("actorId").asText()).isEqualTo("u1");
        assertThat(stored.get("resourceId").asText()).isEqualTo("canvas:1/node:1");
        assertThat(stored.get("payload")).isEqualTo(payload(1));
        assertThat(stored.get("occurredAt").asText()).isEqualTo(a.get("occurredAt").asText());
    }

    @Test
    void repeatingAnIdWithTheSameContentAnswers200WithTheFirstAnswer() {
        ObjectNode body = event("chat.message.created", "msg:idem", List.of("chat:idem", "chat:idem2"), payload(5));
        body.put("id", "idem-1");
        Api.Response first = gw.service().publish(body);
        assertThat(first.status()).isEqualTo(201);

        // Same content, keys and rooms in another order: still the same publish.
        ObjectNode again = event("chat.message.created", "msg:idem", List.of("chat:idem2", "chat:idem"),
                Json.object().put("y", 20).put("x", 5));
        again.put("id", "idem-1");
        Api.Response repeat = gw.service().publish(again);
        assertThat(repeat.status()).isEqualTo(200);
        assertThat(repeat.json()).isEqualTo(first.json());

        JsonNode page = gw.service().get("/api/rooms/chat:idem/events").json();
        assertThat(page.get("events").size()).as("stored once").isEqualTo(1);
        assertThat(page.get("head").asLong()).isEqualTo(1);
    }

    @Test
    void aGeneratedIdCanBeRepeatedLikeAProducersOwn() {
        ObjectNode body = event("chat.message.created", "msg:gen", List.of("chat:gen"), payload(8));
        Api.Response first = gw.service().publish(body);
        assertThat(first.status()).isEqualTo(201);
        String id = first.json().get("id").asText();

        ObjectNode same = body.deepCopy();
        same.put("id", id);
        Api.Response repeat = gw.service().publish(same);
        assertThat(repeat.status()).as(repeat.toString()).isEqualTo(200);
        assertThat(repeat.json()).isEqualTo(first.json());

        ObjectNode other = event("chat.message.created", "msg:gen", List.of("chat:gen"), payload(9));
        other.put("id", id);
        assertThat(gw.service().publish(other).error()).isEqualTo("id_conflict");
        assertThat(gw.service().get("/api/rooms/chat:gen/events").json().get("head").asLong()).isEqualTo(1);
    }

    @Test
    void repeatingAnIdWithOtherContentIs409AndStoresNothing() {
        ObjectNode body = event("chat.message.created", "msg:conf", List.of("chat:conf"), payload(1));
        body.put("id", "conf-1");
        assertThat(gw.service().publish(body).status()).isEqualTo(201);

        for (ObjectNode other : List.of(
                event("chat.message.created", "msg:conf", List.of("chat:conf"), payload(2)),
                event("chat.message.edited", "msg:conf", List.of("chat:conf"), payload(1)),
                event("chat.message.created", "msg:conf", List.of("chat:conf", "chat:other"), payload(1)),
                event("chat.message.created", "msg:conf2", List.of("chat:conf"), payload(1)),
                (ObjectNode) event("chat.message.created", "msg:conf", List.of("chat:conf"), payload(1)).put("actorId", "x"))) {
            other.put("id", "conf-1");
            Api.Response r = gw.service().publish(other);
            assertThat(r.status()).as(r.toString()).isEqualTo(409);
            assertThat(r.error()).isEqualTo("id_conflict");
            assertThat(r.json().get("message").asText()).contains("conf-1");
        }
        assertThat(gw.service().get("/api/rooms/chat:conf/events").json().get("head").asLong()).isEqualTo(1);
        assertThat(gw.service().get("/api/rooms/chat:other/events").json().get("head").asLong()).isZero();
    }

    @Test
    void expectedVersionGuardsTheResource() {
        ObjectNode first = event("doc.title.changed", "doc:ver", List.of("document:ver"), payload(1));
        first.put("expectedVersion", 0);
        assertThat(gw.service().publish(first).status()).isEqualTo(201);

        ObjectNode stale = event("doc.title.changed", "doc:ver", List.of("document:ver"), payload(2));
        stale.put("expectedVersion", 0);
        Api.Response r = gw.service().publish(stale);
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.error()).isEqualTo("version_conflict");
        assertThat(r.json().get("currentVersion").asLong()).isEqualTo(1);
        assertThat(r.json().get("message").asText()).isNotBlank();

        ObjectNode right = event("doc.title.changed", "doc:ver", List.of("document:ver"), payload(3));
        right.put("expectedVersion", 1);
        Api.Response ok = gw.service().publish(right);
        assertThat(ok.status()).isEqualTo(201);
        assertThat(ok.json().get("version").asLong()).isEqualTo(2);
        assertThat(gw.service().get("/api/rooms/document:ver/events").json().get("head").asLong()).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "empty body         | ``                                                              | 400 | bad_json | empty",
            "not json           | {type: x                                                        | 400 | bad_json | not valid JSON",
            "trailing tokens    | {}{}                                                            | 400 | bad_json | not valid JSON",
            "array body         | []                                                              | 422 | invalid  | body",
            "no type            | {\"resourceId\":\"r:1\",\"rooms\":[\"room:bad\"],\"payload\":{}}               | 422 | invalid | type",
            "vague type         | {\"type\":\"update\",\"resourceId\":\"r:1\",\"rooms\":[\"room:bad\"],\"payload\":{}} | 422 | invalid | type",
            "no resource        | {\"type\":\"a.b\",\"rooms\":[\"room:bad\"],\"payload\":{}}                    | 422 | invalid | resourceId",
            "no rooms           | {\"type\":\"a.b\",\"resourceId\":\"r:1\",\"payload\":{}}                      | 422 | invalid | rooms",
            "empty rooms        | {\"type\":\"a.b\",\"resourceId\":\"r:1\",\"rooms\":[],\"payload\":{}}         | 422 | invalid | rooms",
            "bad room name      | {\"type\":\"a.b\",\"resourceId\":\"r:1\",\"rooms\":[\"room:bad\",\"Room:x\"],\"payload\":{}} | 422 | invalid | rooms[1]",
            "no payload         | {\"type\":\"a.b\",\"resourceId\":\"r:1\",\"rooms\":[\"room:bad\"]}            | 422 | invalid | payload",
            "payload not object | {\"type\":\"a.b\",\"resourceId\":\"r:1\",\"rooms\":[\"room:bad\"],\"payload\":\"x\"} | 422 | invalid | payload",
            "version not number | {\"type\":\"a.b\",\"resourceId\":\"r:1\",\"rooms\":[\"room:bad\"],\"payload\":{},\"expectedVersion\":\"1\"} | 422 | invalid | expectedVersion",
    })
    void malformedPublishesAreRefusedAndNothingIsStored(String name, String body, int status, String code, String mention) {
        Api.Response r = gw.service().post("/api/events", body == null ? "" : body);
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.error()).isEqualTo(code);
        assertThat(r.json().get("message").asText()).contains(mention);
        assertThat(gw.service().get("/api/rooms/room:bad/events").json().get("head").asLong()).isZero();
        assertThat(gw.service().get("/api/rooms/room:bad/snapshot").json().get("resources")).isEmpty();
    }

    @Test
    void payloadOver64KibIs413AndNothingIsStored() {
        ObjectNode big = Json.object().put("blob", "x".repeat(64 * 1024));
        Api.Response r = gw.service().publish(event("file.chunk.uploaded", "file:big", List.of("room:big"), big));
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.error()).isEqualTo("too_large");
        assertThat(gw.service().get("/api/rooms/room:big/events").json().get("head").asLong()).isZero();

        // Just under the limit is accepted: the limit is on the serialized payload.
        ObjectNode fits = Json.object().put("blob", "x".repeat(64 * 1024 - 11));
        assertThat(Json.write(fits).length()).isEqualTo(64 * 1024);
        assertThat(gw.service().publish(event("file.chunk.uploaded", "file:big", List.of("room:big"), fits)).status()).isEqualTo(201);
    }

    @Test
    void bodyOverTheRequestLimitIs413WithoutBufferingIt() throws Exception {
        // A 2 MB body is declared and its first bytes sent: the answer comes from the declared length, before
        // the rest (a client still sending 2 MB when the server closes could lose the answer to the reset).
        try (RawHttp raw = RawHttp.connect(gw.gateway().httpPort())) {
            raw.send("POST /api/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + gw.token("backend", Role.SERVICE)
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + (2 * 1024 * 1024 + 10)
                    + "\r\n\r\n{\"pad\":\"yyyy");
            RawHttp.Answer r = raw.read();
            assertThat(r.status()).isEqualTo(413);
            assertThat(Json.parse(r.body()).path("error").asText()).isEqualTo("too_large");
        }
        // The gateway keeps serving.
        assertThat(gw.anonymous().get("/health/live").status()).isEqualTo(200);
    }
}
