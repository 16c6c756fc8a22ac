package dev.switchboard.model.room;

import dev.switchboard.model.ValidationException;
import dev.switchboard.model.event.EventType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoomNameTest {
    @ParameterizedTest
    @ValueSource(strings = {"user:42", "wallet:9", "workspace:acme", "document:d-17", "a:b", "team-x:a.b_c@d-e"})
    void acceptsContractExamples(String name) {
        assertThat(RoomName.parse(name).toString()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "user", ":42", "user:", "User:42", "9kind:x", "user:a b", "doc:a/b", "doc:a:b",
            "abcdefghijklmnopqrstuvwxyzabcdefg:x"})
    void refusesNamesOutsideTheGrammar(String name) {
        assertThatThrownBy(() -> RoomName.parse(name)).isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("room: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"chat.message.created", "canvas.node.moved", "a.b", "order_v2.paid"})
    void acceptsDottedTypes(String type) {
        assertThat(EventType.isValid(type)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"update", "Chat.message", "chat..message", "chat.", ".chat", "chat.9x", "chat-message.created"})
    void refusesVagueOrMalformedTypes(String type) {
        assertThat(EventType.isValid(type)).isFalse();
    }
}
