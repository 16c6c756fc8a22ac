package dev.switchboard.simulator.scenario;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CastTest {
    private final Scenario scenario = ScenarioLoader.builtIn("two-devices-one-account");
    private final RunNamespace run = new RunNamespace("4f2a");

    @Test
    void oneCopyPrefixesEveryUserAndRoomWithTheRun() {
        Cast cast = new Cast(scenario, 1, run);
        assertThat(cast.devices()).extracting(Cast.Device::key).containsExactly("alice/phone", "alice/laptop", "bob/desktop");
        assertThat(cast.devices()).extracting(Cast.Device::userId)
                .containsExactly("sim-4f2a.alice", "sim-4f2a.alice", "sim-4f2a.bob");
        assertThat(cast.loadRooms()).containsExactly("doc:sim-4f2a.shared", "user:sim-4f2a.alice");
        assertThat(cast.users("alice")).singleElement().satisfies(u -> {
            assertThat(u.id()).isEqualTo("sim-4f2a.alice");
            assertThat(u.label()).isEqualTo("alice");
            assertThat(u.rooms()).containsExactly("doc:sim-4f2a.shared");
        });
    }

    @Test
    void copiesShareNothing() {
        Cast cast = new Cast(scenario, 3, run);
        assertThat(cast.devices()).hasSize(9);
        assertThat(cast.devices("alice/phone")).extracting(Cast.Device::key)
                .containsExactly("alice.1/phone", "alice.2/phone", "alice.3/phone");
        assertThat(cast.devices("alice/phone").get(1).userId()).isEqualTo("sim-4f2a.alice.2");
        assertThat(cast.devices("alice/phone").get(1).rooms()).containsExactly("doc:sim-4f2a.shared.2");
        assertThat(cast.loadRooms()).containsExactly("doc:sim-4f2a.shared.1", "user:sim-4f2a.alice.1",
                "doc:sim-4f2a.shared.2", "user:sim-4f2a.alice.2", "doc:sim-4f2a.shared.3", "user:sim-4f2a.alice.3");
        assertThat(cast.room("doc:shared", 2)).isEqualTo("doc:sim-4f2a.shared.2");
    }

    @Test
    void noUserOrRoomOfTheCastIsOutsideTheRun() {
        Cast cast = new Cast(scenario, 2, run);
        assertThat(cast.users()).allSatisfy(u -> {
            assertThat(run.ownsUser(u.id())).as(u.id()).isTrue();
            assertThat(u.rooms()).allSatisfy(r -> assertThat(run.ownsRoom(r)).as(r).isTrue());
        });
        assertThat(cast.loadRooms()).allSatisfy(r -> assertThat(run.ownsRoom(r)).as(r).isTrue());
    }

    @Test
    void aUserTooLongWithThePrefixIsRefused() {
        String id = "u".repeat(125);
        Scenario tooLong = ScenarioLoader.parse("""
                { "name": "long", "users": [ { "id": "%s", "devices": [ { "name": "phone" } ] } ],
                  "load": { "rooms": ["user:%s"] } }""".formatted(id, id), "long");
        assertThatThrownBy(() -> new Cast(tooLong, 1, run)).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("too long with the run's prefix");
    }

    @Test
    void copiesAreCountedInDevices() {
        assertThat(Cast.replicasFor(scenario, 1)).isEqualTo(1);
        assertThat(Cast.replicasFor(scenario, 1000)).isEqualTo(334);
    }
}
