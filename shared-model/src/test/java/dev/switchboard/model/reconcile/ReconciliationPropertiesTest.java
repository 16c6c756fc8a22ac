package dev.switchboard.model.reconcile;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client-side rules against generated deliveries: shuffled, duplicated and with holes. Each
 * repetition uses its own seed, printed in the failure message so a failure can be replayed.
 */
class ReconciliationPropertiesTest {

    @RepeatedTest(200)
    void shuffledAndDuplicatedDeliveryIsAppliedExactlyOnceInOrder(RepetitionInfo info) {
        long seed = 7_000L + info.getCurrentRepetition();
        Random random = new Random(seed);
        int n = 1 + random.nextInt(300);
        List<Long> delivery = new ArrayList<>();
        for (long o = 1; o <= n; o++) {
            delivery.add(o);
            int copies = random.nextInt(4) == 0 ? 1 + random.nextInt(3) : 0;
            for (int c = 0; c < copies; c++) {
                delivery.add(o);
            }
        }
        // Local shuffles, as a network reorders: swap within a window.
        int window = 1 + random.nextInt(20);
        for (int i = 0; i < delivery.size(); i++) {
            int j = Math.min(delivery.size() - 1, i + random.nextInt(window));
            Collections.swap(delivery, i, j);
        }

        ReorderBuffer<Long> buffer = new ReorderBuffer<>(new RoomCursor("e1"), 10_000);
        List<Long> applied = new ArrayList<>();
        for (long offset : delivery) {
            applied.addAll(buffer.offer("e1", offset, offset));
        }

        List<Long> expected = new ArrayList<>();
        for (long o = 1; o <= n; o++) {
            expected.add(o);
        }
        assertThat(applied).as("seed %d", seed).isEqualTo(expected);
        assertThat(buffer.waiting()).as("seed %d", seed).isZero();
        assertThat(buffer.duplicatesDropped()).as("seed %d", seed).isEqualTo(delivery.size() - n);
        assertThat(buffer.cursor().offset()).isEqualTo(n);
    }

    @RepeatedTest(200)
    void gappedDeliveryStopsAtTheFirstHoleAndReportsIt(RepetitionInfo info) {
        long seed = 9_000L + info.getCurrentRepetition();
        Random random = new Random(seed);
        int n = 2 + random.nextInt(200);
        Set<Long> lost = new HashSet<>();
        int holes = 1 + random.nextInt(5);
        for (int i = 0; i < holes; i++) {
            lost.add(1L + random.nextInt(n));
        }
        long firstHole = lost.stream().min(Long::compare).orElseThrow();
        List<Long> delivery = new ArrayList<>();
        for (long o = 1; o <= n; o++) {
            if (!lost.contains(o)) {
                delivery.add(o);
            }
        }
        Collections.shuffle(delivery, random);

        ReorderBuffer<Long> buffer = new ReorderBuffer<>(new RoomCursor("e1"), 10_000);
        List<Long> applied = new ArrayList<>();
        for (long offset : delivery) {
            applied.addAll(buffer.offer("e1", offset, offset));
        }

        // Everything before the first hole, in order, and nothing after it.
        assertThat(applied).as("seed %d", seed).hasSize((int) firstHole - 1);
        for (int i = 0; i < applied.size(); i++) {
            assertThat(applied.get(i)).isEqualTo(i + 1L);
        }
        long[] missing = buffer.missingRange();
        if (delivery.stream().anyMatch(o -> o > firstHole)) {
            assertThat(missing[0]).as("seed %d", seed).isEqualTo(firstHole);
            for (long o = missing[0]; o <= missing[1]; o++) {
                assertThat(lost).as("seed %d: reported missing %d", seed, o).contains(o);
            }
            assertThat(lost).doesNotContain(missing[1] + 1);
        } else {
            assertThat(missing).isEmpty();
        }
        assertThat(buffer.cursor().nextExpected()).isEqualTo(firstHole);
    }

    @Test
    void overflowingTheBufferAsksForRecovery() {
        ReorderBuffer<Long> buffer = new ReorderBuffer<>(new RoomCursor("e1"), 3);
        for (long o = 2; o <= 5; o++) {
            buffer.offer("e1", o, o);
        }
        assertThat(buffer.overflowed()).isTrue();
        assertThat(buffer.waiting()).isEqualTo(3);
        assertThat(buffer.missingRange()).containsExactly(1, 1);
    }

    @RepeatedTest(200)
    void resourceStateConvergesToTheNewestVersionWhateverTheOrder(RepetitionInfo info) {
        long seed = 11_000L + info.getCurrentRepetition();
        Random random = new Random(seed);
        int resources = 1 + random.nextInt(8);
        Map<String, Long> truth = new HashMap<>();
        List<String[]> delivery = new ArrayList<>();
        for (int r = 0; r < resources; r++) {
            String id = "res:" + r;
            long versions = 1 + random.nextInt(50);
            truth.put(id, versions);
            for (long v = 1; v <= versions; v++) {
                delivery.add(new String[] {id, Long.toString(v)});
                if (random.nextInt(5) == 0) {
                    delivery.add(new String[] {id, Long.toString(v)});
                }
            }
        }
        Collections.shuffle(delivery, random);

        ResourceVersions versions = new ResourceVersions();
        Map<String, Long> state = new HashMap<>();
        for (String[] d : delivery) {
            long v = Long.parseLong(d[1]);
            ResourceVersions.Verdict verdict = versions.observe(d[0], v);
            if (verdict == ResourceVersions.Verdict.APPLY || verdict == ResourceVersions.Verdict.APPLY_AFTER_GAP) {
                assertThat(v).as("seed %d: applied versions only rise", seed)
                        .isGreaterThan(state.getOrDefault(d[0], 0L));
                state.put(d[0], v);
            }
        }
        assertThat(state).as("seed %d", seed).isEqualTo(truth);
    }

    @Test
    void versionVerdicts() {
        ResourceVersions v = new ResourceVersions();
        assertThat(v.observe("a", 1)).isEqualTo(ResourceVersions.Verdict.APPLY);
        assertThat(v.observe("a", 1)).isEqualTo(ResourceVersions.Verdict.DUPLICATE);
        assertThat(v.observe("a", 4)).isEqualTo(ResourceVersions.Verdict.APPLY_AFTER_GAP);
        assertThat(v.observe("a", 3)).isEqualTo(ResourceVersions.Verdict.STALE);
        assertThat(v.observe("a", 5)).isEqualTo(ResourceVersions.Verdict.APPLY);
        assertThat(v.versionOf("b")).isZero();
        v.reset("a", 2);
        assertThat(v.observe("a", 3)).isEqualTo(ResourceVersions.Verdict.APPLY);
    }

    @Test
    void cursorVerdicts() {
        RoomCursor c = new RoomCursor("e1", 10);
        assertThat(c.observe("e1", 10)).isEqualTo(RoomCursor.Verdict.DUPLICATE);
        assertThat(c.observe("e1", 9)).isEqualTo(RoomCursor.Verdict.DUPLICATE);
        assertThat(c.observe("e1", 12)).isEqualTo(RoomCursor.Verdict.GAP);
        assertThat(c.offset()).isEqualTo(10);
        assertThat(c.observe("e1", 11)).isEqualTo(RoomCursor.Verdict.NEXT);
        assertThat(c.observe("e2", 12)).isEqualTo(RoomCursor.Verdict.EPOCH_CHANGED);
        assertThat(c.offset()).isEqualTo(11);
        c.reset("e2", 40);
        assertThat(c.observe("e2", 41)).isEqualTo(RoomCursor.Verdict.NEXT);
    }
}
