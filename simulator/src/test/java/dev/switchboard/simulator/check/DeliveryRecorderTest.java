package dev.switchboard.simulator.check;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The once-only, in-order and no-stale rules on recorded streams of applications. */
class DeliveryRecorderTest {
    private final Failures failures = new Failures();
    private final List<String> lost = new ArrayList<>();
    private final DeliveryRecorder recorder = new DeliveryRecorder("alice/phone", Set.of("doc:1"), failures, lost::add);

    private void apply(String room, long offset, String resource, long version) {
        recorder.record(room, offset, "e" + offset, resource, version, offset);
    }

    @Test
    void aCleanStreamPasses() {
        apply("doc:1", 1, "a", 1);
        apply("doc:1", 2, "b", 1);
        apply("doc:1", 4, "a", 3); // offsets may skip (another device's room), versions too (another room)
        apply("doc:2", 1, "a", 4);
        assertThat(failures.total()).isZero();
        assertThat(recorder.appliedCount()).isEqualTo(4);
        assertThat(recorder.applied()).extracting(DeliveryRecorder.Applied::room).containsOnly("doc:1");
    }

    @Test
    void anEventAppliedTwiceIsNamed() {
        apply("doc:1", 1, "a", 1);
        apply("doc:1", 2, "a", 2);
        apply("doc:1", 2, "a", 2);
        assertThat(failures.kept()).singleElement().satisfies(f -> {
            assertThat(f.assertion()).isEqualTo(Assertion.APPLIED_ONCE);
            assertThat(f.describe()).isEqualTo("[applied-once] device alice/phone room doc:1 event e2 offset 2:"
                    + " applied a second time (last applied offset 2)");
        });
    }

    @Test
    void outOfOrderAndStaleAreBothNamed() {
        apply("doc:1", 5, "a", 5);
        apply("doc:1", 4, "a", 4);
        assertThat(failures.kept()).extracting(Failure::assertion)
                .containsExactly(Assertion.APPLIED_ONCE, Assertion.NO_STALE_VERSION);
        assertThat(failures.kept().get(0).detail()).contains("applied after offset 5");
        assertThat(failures.kept().get(1).detail()).isEqualTo("resource a version 4 applied over version 5");
    }

    @Test
    void aSameVersionAtANewOffsetIsStale() {
        apply("doc:1", 1, "a", 3);
        apply("doc:1", 2, "a", 3);
        assertThat(failures.kept()).singleElement().extracting(Failure::assertion).isEqualTo(Assertion.NO_STALE_VERSION);
    }

    @Test
    void aSnapshotCoversTheOffsetsBelowIt() {
        apply("doc:1", 1, "a", 1);
        recorder.roomRecovered("doc:1", "snapshot", 10);
        apply("doc:1", 7, "b", 1);
        apply("doc:1", 11, "b", 2);
        assertThat(failures.kept()).singleElement().satisfies(f -> {
            assertThat(f.offset()).isEqualTo(7);
            assertThat(f.detail()).contains("already covered by a snapshot");
        });
    }

    @Test
    void aLostRoomIsPassedOn() {
        recorder.roomLost("doc:1", "revoked");
        assertThat(lost).containsExactly("doc:1");
    }
}
