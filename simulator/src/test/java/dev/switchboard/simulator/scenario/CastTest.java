package dev.switchboard.simulator.scenario;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CastTest {
    private final Scenario scenario = ScenarioLoader.builtIn("two-devices-one-account");

    @Test
    void oneCopyKeepsTheNamesAsWritten() {
        Cast cast = new Cast(scenario, 1);
        assertThat(cast.devices()).extracting(Cast.Device::key).containsExactly("alice/phone", "alice/laptop", "bob/desktop");
        assertThat(cast.loadRooms()).containsExactly("doc:shared", "user:alice");
        assertThat(cast.users("alice")).singleElement().satisfies(u -> assertThat(u.rooms()).containsExactly("doc:shared"));
    }

    @Test
    void copiesShareNothing() {
        Cast cast = new Cast(scenario, 3);
        assertThat(cast.devices()).hasSize(9);
        assertThat(cast.devices("alice/phone")).extracting(Cast.Device::key)
                .containsExactly("alice.1/phone", "alice.2/phone", "alice.3/phone");
        assertThat(cast.devices("alice/phone").get(1).rooms()).containsExactly("doc:shared.2");
        assertThat(cast.loadRooms()).containsExactly("doc:shared.1", "user:alice.1", "doc:shared.2", "user:alice.2",
                "doc:shared.3", "user:alice.3");
        assertThat(cast.room("doc:shared", 2)).isEqualTo("doc:shared.2");
    }

    @Test
    void copiesAreCountedInDevices() {
        assertThat(Cast.replicasFor(scenario, 1)).isEqualTo(1);
        assertThat(Cast.replicasFor(scenario, 1000)).isEqualTo(334);
    }
}
