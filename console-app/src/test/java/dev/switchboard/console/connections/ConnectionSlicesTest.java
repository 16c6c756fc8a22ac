package dev.switchboard.console.connections;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** A read of every connection reaches the table in slices that keep each UI task short. */
class ConnectionSlicesTest {
    private static List<OpenConnection> read(int n) {
        List<OpenConnection> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(new OpenConnection(SyntheticConnections.id(i), "u" + i, "d", "1.0", "10.0.0.1", "gw",
                    Instant.EPOCH, 0, List.of()));
        }
        return list;
    }

    /** The slices a whole read is cut into, as {@code [from, to)} pairs. */
    private static List<int[]> slices(List<OpenConnection> list, Predicate<OpenConnection> isNew) {
        List<int[]> out = new ArrayList<>();
        for (int from = 0; from < list.size(); ) {
            int to = ConnectionsViewModel.sliceEnd(list, from, isNew);
            out.add(new int[]{from, to});
            from = to;
        }
        return out;
    }

    @Test
    void theFirstReadOfTenThousandConnectionsAddsAtMostFourHundredRowsPerTask() {
        List<int[]> s = slices(read(10_000), i -> true);
        assertThat(s).hasSize(25).allSatisfy(r -> assertThat(r[1] - r[0]).isEqualTo(ConnectionsViewModel.NEW_ROWS_PER_SLICE));
        assertThat(s.get(s.size() - 1)[1]).isEqualTo(10_000);
    }

    @Test
    void laterReadsOfKnownRowsGoFifteenHundredAtATimeAndNewOnesStillCount() {
        List<OpenConnection> list = read(10_000);
        assertThat(slices(list, i -> false)).hasSize(7)
                .allSatisfy(r -> assertThat(r[1] - r[0]).isLessThanOrEqualTo(ConnectionsViewModel.SLICE));
        // 600 connections opened since the last read, among the first 2,000
        Set<String> fresh = new HashSet<>();
        for (int i = 0; i < 2_000; i += 3) {
            fresh.add(SyntheticConnections.id(i));
        }
        List<int[]> s = slices(list, i -> fresh.contains(i.connectionId()));
        for (int[] r : s) {
            long news = list.subList(r[0], r[1]).stream().filter(i -> fresh.contains(i.connectionId())).count();
            assertThat(news).isLessThanOrEqualTo(ConnectionsViewModel.NEW_ROWS_PER_SLICE);
        }
        assertThat(s.get(s.size() - 1)[1]).isEqualTo(10_000);
        assertThat(s.get(0)[1]).as("cut at the 400th new row").isEqualTo(1_198);
    }

    @Test
    void fullReadsComeEveryTwoSecondsOrFourTimesAsLongAsTheLastOneTook() {
        long ms = 1_000_000L;
        assertThat(ConnectionsViewModel.readDue(1_999 * ms, 10 * ms)).as("a quick read: every 2 s").isFalse();
        assertThat(ConnectionsViewModel.readDue(2_000 * ms, 10 * ms)).isTrue();
        assertThat(ConnectionsViewModel.readDue(3_000 * ms, 1_500 * ms)).as("a read of 1.5 s: not before 6 s").isFalse();
        assertThat(ConnectionsViewModel.readDue(6_000 * ms, 1_500 * ms)).isTrue();
    }
}
