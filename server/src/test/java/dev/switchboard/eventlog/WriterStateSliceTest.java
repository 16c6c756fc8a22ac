package dev.switchboard.eventlog;

import org.junit.jupiter.api.Test;



import static org.assertj.core.api.Assertions.assertThat;

/** How the writer cuts its tail into slices: whole rooms, and a watermark a restart can trust. */
class WriterStateSliceTest {
    @Test
    void slicesTakeWholeRoomsAndKeepTheWatermarkBelowWhatIsLeft() {
        WriterState s = new WriterState();
        // seq 1..6: room a gets resources x,y; room b gets x,z; room c gets y.
        add(s, 1, "a", "x", 1, 1);
        add(s, 2, "b", "x", 2, 1);
        add(s, 3, "a", "y", 1, 2);
        add(s, 4, "b", "z", 1, 2);
        add(s, 5, "c", "y", 2, 1);
        add(s, 6, "a", "x", 3, 3);
        assertThat(s.tailEvents).isEqualTo(6);

        WriterState.Slice first = s.nextSlice(2);
        assertThat(first.roomOffsets()).containsOnlyKeys("a").containsEntry("a", 3L);
        assertThat(first.roomResources()).extracting(WriterState.RoomResourceTip::resourceId).containsExactlyInAnyOrder("x", "y");
        assertThat(first.resources()).hasSize(2);
        // Left after it: room b (seqs 2, 4), room c (seq 5), one resource tip (the third): oldest is 2.
        assertThat(first.materializedSeqAfter()).isEqualTo(1);
        s.sliceMaterialized(first);
        assertThat(s.tailEvents).isEqualTo(3);
        assertThat(s.materializedSeq).isEqualTo(1);

        WriterState.Slice second = s.nextSlice(10);
        assertThat(second.roomOffsets()).containsOnlyKeys("b", "c");
        s.sliceMaterialized(second);
        assertThat(s.tailEmpty()).isTrue();
        assertThat(s.tailEvents).isZero();
        assertThat(s.materializedSeq).as("nothing left: everything up to the last seq is folded").isEqualTo(6);
    }

    @Test
    void aRoomLargerThanASliceStillGoesWhole() {
        WriterState s = new WriterState();
        for (int i = 1; i <= 5; i++) {
            add(s, i, "big", "r" + i, 1, i);
        }
        WriterState.Slice slice = s.nextSlice(2);
        assertThat(slice.roomResources()).hasSize(5);
        assertThat(slice.resources()).hasSize(2);
        assertThat(slice.materializedSeqAfter()).as("resource tips r3..r5 are left").isEqualTo(2);
    }

    private static void add(WriterState s, long seq, String room, String resource, long version, long offset) {
        s.seq = seq;
        s.addToTail(room, resource, version, offset, seq);
        s.tailResources.put(resource, new WriterState.ResourceTip(version, seq));
    }

}
