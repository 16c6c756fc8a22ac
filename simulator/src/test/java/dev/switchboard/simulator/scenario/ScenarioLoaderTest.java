package dev.switchboard.simulator.scenario;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScenarioLoaderTest {
    private static final String MINIMAL = """
            { "name": "m", "users": [ { "id": "a", "rooms": ["doc:1"], "devices": [ { "name": "p" } ] } ],
              "load": { "rooms": ["doc:1"] }, "timeline": [ %s ] }""";

    @Test
    void everyBuiltInParsesAndValidates() {
        for (String name : ScenarioLoader.builtIns()) {
            Scenario s = ScenarioLoader.builtIn(name);
            assertThat(s.name()).isEqualTo(name);
            assertThat(s.description()).isNotBlank();
        }
    }

    @Test
    void defaultsFillWhatIsLeftOut() {
        Scenario s = ScenarioLoader.parse(MINIMAL.formatted(""), "x");
        assertThat(s.durationSeconds()).isEqualTo(3.0);
        assertThat(s.convergenceTimeoutSeconds()).isEqualTo(20.0);
        assertThat(s.load().eventsPerSecond()).isEqualTo(20.0);
        assertThat(s.load().publishers()).isEqualTo(2);
        assertThat(s.load().type()).isEqualTo("sim.item.set");
        DeviceSpec d = s.users().get(0).devices().get(0);
        assertThat(d.reconcile()).isTrue();
        assertThat(d.acks()).isTrue();
        assertThat(d.role()).isEqualTo("user");
        assertThat(s.needsAdmin()).isFalse();
    }

    @Test
    void aFileWithoutANameTakesTheFileName(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("my-case.json");
        Files.writeString(f, MINIMAL.formatted("").replace("\"name\": \"m\",", ""));
        assertThat(ScenarioLoader.load(f.toString()).name()).isEqualTo("my-case");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{ \"at\": 1, \"action\": \"offline\", \"device\": \"a/p\" }                       | timeline[0].durationSeconds: is required for offline",
            "{ \"at\": 1, \"action\": \"offline\", \"device\": \"a/x\", \"durationSeconds\": 1 } | timeline[0].device: no device a/x",
            "{ \"at\": 1, \"action\": \"explode\" }                                           | timeline[0].action: unknown action explode",
            "{ \"at\": 1, \"action\": \"drop\", \"user\": \"a\" }                               | timeline[0].count: is required for drop",
            "{ \"at\": 1, \"action\": \"revoke\", \"user\": \"a\", \"room\": \"doc:2\" }         | timeline[0].room: must be one of the user's rooms",
            "{ \"at\": 1, \"action\": \"cut\", \"user\": \"zed\" }                              | timeline[0].user: no user zed",
            "{ \"at\": 1, \"action\": \"cut\", \"user\": \"a\", \"colour\": 3 }                  | timeline[0].colour: unknown field",
            "{ \"at\": 1, \"action\": \"reorder\", \"user\": \"a\", \"window\": 1, \"durationSeconds\": 1 } | timeline[0].window: is required for reorder (2 or more)"
    })
    void aBrokenStepIsNamed(String step, String message) {
        assertThatThrownBy(() -> ScenarioLoader.parse(MINIMAL.formatted(step), "x"))
                .isInstanceOf(ScenarioException.class).hasMessageContaining(message);
    }

    @Test
    void brokenTopLevelFieldsAreNamed() {
        assertThatThrownBy(() -> ScenarioLoader.parse(MINIMAL.formatted("").replace("doc:1\"], \"devices", "nope\"], \"devices"), "x"))
                .hasMessageContaining("users[0].rooms[0]");
        assertThatThrownBy(() -> ScenarioLoader.parse(MINIMAL.formatted("").replace("\"rooms\": [\"doc:1\"] }", "\"rooms\": [] }"), "x"))
                .hasMessageContaining("load.rooms: at least one room");
        assertThatThrownBy(() -> ScenarioLoader.parse("{ not json", "x")).isInstanceOf(ScenarioException.class);
        // A person editing the JSON is told where: the line and column of the broken place.
        assertThatThrownBy(() -> ScenarioLoader.parse("{\n  \"name\": \"x\",\n  \"durationSeconds\": ,\n}", "x"))
                .isInstanceOf(ScenarioException.class).hasMessageStartingWith("line 3, column");
        assertThatThrownBy(() -> ScenarioLoader.load("no-such-scenario"))
                .hasMessageContaining("no built-in scenario and no file named no-such-scenario")
                .hasMessageContaining("mobile-background-and-return");
    }
}
