package dev.switchboard.simulator.check;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The revoke rule on a recorded stream: times are nanoseconds, the revoke at 100 with the room's head at 20. */
class RevokeCheckTest {
    private static final RevokeWindow REVOKED = new RevokeWindow("alice", "doc:1", 100, 20, 300);

    private static DeliveryRecorder.Applied applied(long offset, long at) {
        return new DeliveryRecorder.Applied("doc:1", offset, "e" + offset, "r", offset, at);
    }

    @Test
    void beforeTheRevokeInFlightAndAfterTheGrantIsAllowed() {
        List<DeliveryRecorder.Applied> stream = List.of(applied(18, 90), applied(19, 110), applied(20, 120), applied(30, 310));
        assertThat(RevokeCheck.check("alice/phone", "alice", stream, List.of(REVOKED))).isEmpty();
    }

    @Test
    void anEventCommittedAfterTheRevokeAndAppliedBeforeTheGrantFails() {
        List<DeliveryRecorder.Applied> stream = List.of(applied(20, 105), applied(21, 150), applied(22, 299));
        List<Failure> failures = RevokeCheck.check("alice/phone", "alice", stream, List.of(REVOKED));
        assertThat(failures).extracting(Failure::offset).containsExactly(21L, 22L);
        assertThat(failures.get(0).describe()).startsWith("[nothing-after-revoke] device alice/phone room doc:1 event e21 offset 21:"
                + " applied 0.000 s after the revoke of alice (room head was 20 at the revoke)");
    }

    @Test
    void aWindowStillOpenCoversTheRestOfTheRun() {
        RevokeWindow open = new RevokeWindow("alice", "doc:1", 100, 20, Long.MAX_VALUE);
        assertThat(RevokeCheck.check("alice/phone", "alice", List.of(applied(99, 1_000_000)), List.of(open))).hasSize(1);
    }

    @Test
    void otherUsersAndRoomsAreNotConcerned() {
        List<DeliveryRecorder.Applied> stream = List.of(new DeliveryRecorder.Applied("doc:2", 50, "x", "r", 1, 150));
        assertThat(RevokeCheck.check("alice/phone", "alice", stream, List.of(REVOKED))).isEmpty();
        assertThat(RevokeCheck.check("bob/phone", "bob", List.of(applied(50, 150)), List.of(REVOKED))).isEmpty();
    }
}
