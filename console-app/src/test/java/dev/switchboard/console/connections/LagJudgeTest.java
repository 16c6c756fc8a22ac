package dev.switchboard.console.connections;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** How lag and "lagging" are judged from the gateway's numbers, on a clock the test moves. */
class LagJudgeTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final LagJudge judge = new LagJudge(now::get);

    @Test
    void aDeviceThatStopsAckingLagsAndIsFlaggedAfterTheGrace() {
        judge.joined("c1", "document:7", 10, 0);
        RoomProgress p = judge.judge("c1", new RoomState("document:7", 13, 0, 0, ""));
        assertThat(p.lag()).as("3 events since the join, none acked").isEqualTo(3);
        assertThat(p.ackedTo()).isEqualTo(10);
        assertThat(p.lagging()).as("no older look yet").isFalse();

        now.addAndGet(LagJudge.GRACE_MILLIS + 500);
        p = judge.judge("c1", new RoomState("document:7", 13, 0, 0, ""));
        assertThat(p.lag()).isEqualTo(3);
        assertThat(p.lagging()).as("still missing what the room had a look ago").isTrue();
    }

    @Test
    void aBusyHealthyDeviceIsBehindBetweenAcksButNotLagging() {
        long head = 100;
        for (int i = 0; i < 5; i++) {
            RoomProgress p = judge.judge("c2", new RoomState("document:8", head, head - 4, 0, ""));
            assertThat(p.lag()).isEqualTo(4);
            assertThat(p.lagging()).isFalse();
            head += 50; // it acks everything the room had at the last look, and more came since
            now.addAndGet(2_000);
        }
    }

    @Test
    void theGatewaysOwnLagCountsWhenAcksSayNothing() {
        RoomProgress p = judge.judge("c3", new RoomState("document:9", 40, 0, 7, "{\"typing\":true}"));
        assertThat(p.head()).isEqualTo(47);
        assertThat(p.unsent()).isEqualTo(7);
        assertThat(p.lag()).isEqualTo(7);
        assertThat(p.ackedTo()).as("never acked, joined before the console looked: unknown").isEqualTo(-1);
        assertThat(p.presence()).isEqualTo("{\"typing\":true}");
    }

    @Test
    void aReplayedJoinOwesAcksForWhatWasReplayed() {
        judge.joined("c4", "document:1", 50, 5);
        assertThat(judge.judge("c4", new RoomState("document:1", 50, 0, 0, "")).lag()).isEqualTo(5);
        assertThat(judge.judge("c4", new RoomState("document:1", 50, 50, 0, "")).lag()).isZero();
    }
}
