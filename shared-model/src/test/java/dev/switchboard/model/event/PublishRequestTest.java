package dev.switchboard.model.event;

import dev.switchboard.model.ValidationException;
import dev.switchboard.model.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PublishRequestTest {
    private static final String VALID = "{\"id\":\"e-1\",\"type\":\"canvas.node.moved\",\"resourceId\":\"canvas:7/node:3\","
            + "\"rooms\":[\"document:7\",\"document:7\",\"workspace:acme\"],\"actorId\":\"u1\","
            + "\"payload\":{\"x\":10,\"y\":20},\"expectedVersion\":41}";

    @Test
    void validBodyKeepsRoomOrderWithoutDuplicates() throws Exception {
        PublishRequest r = PublishRequest.fromJson(Json.parse(VALID));
        assertThat(r.rooms()).containsExactly("document:7", "workspace:acme");
        assertThat(r.expectedVersion()).isEqualTo(41);
        assertThat(r.actorId()).isEqualTo("u1");
    }

    @Test
    void contentHashIgnoresKeyOrderAndRoomOrderButNotValues() throws Exception {
        PublishRequest a = PublishRequest.fromJson(Json.parse(VALID));
        PublishRequest b = PublishRequest.fromJson(Json.parse("{\"payload\":{\"y\":20,\"x\":10},\"id\":\"e-1\","
                + "\"rooms\":[\"workspace:acme\",\"document:7\"],\"resourceId\":\"canvas:7/node:3\","
                + "\"type\":\"canvas.node.moved\",\"actorId\":\"u1\"}"));
        PublishRequest c = PublishRequest.fromJson(Json.parse(VALID.replace("\"x\":10", "\"x\":11")));
        assertThat(a.contentHash()).isEqualTo(b.contentHash());
        assertThat(a.contentHash()).isNotEqualTo(c.contentHash());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no type           | \"type\":\"canvas.node.moved\",     |                        | type",
            "one-word type     | canvas.node.moved                   | update                 | type",
            "upper-case type   | canvas.node.moved                   | Canvas.Moved           | type",
            "no resource       | \"resourceId\":\"canvas:7/node:3\", |                        | resourceId",
            "resource number   | \"canvas:7/node:3\"                 | 7                      | resourceId",
            "rooms empty       | [\"document:7\",\"document:7\",\"workspace:acme\"] | []      | rooms",
            "rooms not array   | [\"document:7\",\"document:7\",\"workspace:acme\"] | \"x:1\" | rooms",
            "bad room          | workspace:acme                      | workspace acme         | rooms[2]",
            "room bad kind     | workspace:acme                      | Workspace:acme         | rooms[2]",
            "payload array     | {\"x\":10,\"y\":20}                 | [1]                    | payload",
            "payload missing   | \"payload\":{\"x\":10,\"y\":20},    |                        | payload",
            "negative version  | 41                                  | -1                     | expectedVersion",
            "version text      | 41                                  | \"41\"                 | expectedVersion",
            "id with space     | \"e-1\"                             | \"e 1\"                | id",
            "actor number      | \"u1\"                              | 5                      | actorId",
    })
    void invalidBodiesNameTheField(String name, String from, String to, String field) throws Exception {
        String body = VALID.replace(from.strip(), to == null ? "" : to.strip());
        assertThatThrownBy(() -> PublishRequest.fromJson(Json.parse(body)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo(field));
    }
}
