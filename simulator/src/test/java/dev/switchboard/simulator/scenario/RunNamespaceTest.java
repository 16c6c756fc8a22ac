package dev.switchboard.simulator.scenario;

import dev.switchboard.model.room.RoomName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunNamespaceTest {
    private final RunNamespace run = new RunNamespace("4f2a");

    @Test
    void usersAndRoomsGetThePrefixAndStayValidNames() {
        assertThat(run.user("alice")).isEqualTo("sim-4f2a.alice");
        assertThat(run.room("doc:plan")).isEqualTo("doc:sim-4f2a.plan");
        assertThat(run.room("user:alice")).isEqualTo("user:" + run.user("alice"));
        assertThat(RoomName.isValid("user:" + run.user("alice"))).as("a user id must be a room id").isTrue();
    }

    @Test
    void ownsOnlyItsOwnNames() {
        assertThat(run.ownsUser("sim-4f2a.alice")).isTrue();
        assertThat(run.ownsUser("alice")).isFalse();
        assertThat(run.ownsUser("sim-4f2ab.alice")).as("another run whose id starts the same").isFalse();
        assertThat(run.ownsUser("sim-4f2a")).isFalse();
        assertThat(run.ownsUser(null)).isFalse();
        assertThat(run.ownsRoom("user:sim-4f2a.alice")).isTrue();
        assertThat(run.ownsRoom("user:alice")).isFalse();
        assertThat(run.ownsRoom("doc:shared")).isFalse();
    }

    @Test
    void plainNamesLeaveThePrefixOut() {
        assertThat(run.plain("sim-4f2a.alice")).isEqualTo("alice");
        assertThat(run.plain("doc:sim-4f2a.plan.2")).isEqualTo("doc:plan.2");
        assertThat(run.plain("user:sim-4f2a.alice")).isEqualTo("user:alice");
        assertThat(run.plain("doc:other")).isEqualTo("doc:other");
        assertThat(run.plain("misses resource doc:sim-4f2a.nc/r9 after the revoke of sim-4f2a.alice"))
                .isEqualTo("misses resource doc:nc/r9 after the revoke of alice");
        assertThat(run.plain("sim-9999.alice")).as("another run's names").isEqualTo("sim-9999.alice");
        assertThat(run.plain(null)).isNull();
    }

    @Test
    void runIdsAreShortAndChecked() {
        assertThat(RunNamespace.random().runId()).matches("[0-9a-f]{6}");
        assertThat(RunNamespace.random()).isNotEqualTo(RunNamespace.random());
        assertThatThrownBy(() -> new RunNamespace("4F2A")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RunNamespace("ab")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RunNamespace("a.b:c")).isInstanceOf(IllegalArgumentException.class);
    }
}
