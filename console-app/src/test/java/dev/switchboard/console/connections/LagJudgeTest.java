package dev.switchboard.console.connections;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway's figures carried over unchanged, and how "lagging" is judged, on a clock the test moves. */
class LagJudgeTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final LagJudge judge = new LagJudge(now::get);

    @Test
    void aDeviceThatStopsAckingHasUnackedEventsAndIsFlaggedAfterTheGrace() {
        RoomProgress p = judge.judge("c1", new RoomState("document:7", 13, 0, 0, 3, ""));
        assertThat(p.unacked()).as("3 events since the join, none acked").isEqualTo(3);
        assertThat(p.unsent()).isZero();
        assertThat(p.lagging()).as("no older look yet").isFalse();

        now.addAndGet(LagJudge.GRACE_MILLIS + 500);
        p = judge.judge("c1", new RoomState("document:7", 13, 0, 0, 3, ""));
        assertThat(p.unacked()).isEqualTo(3);
        assertThat(p.lagging()).as("still missing what the room had a look ago").isTrue();
    }

    @Test
    void aBusyHealthyDeviceIsBehindBetweenAcksButNotLagging() {
        long head = 100;
        for (int i = 0; i < 5; i++) {
            RoomProgress p = judge.judge("c2", new RoomState("document:8", head, head - 4, 0, 4, ""));
            assertThat(p.unacked()).isEqualTo(4);
            assertThat(p.lagging()).isFalse();
            head += 50; // it acks everything the room had at the last look, and more came since
            now.addAndGet(2_000);
        }
    }

    @Test
    void aPausedConnectionHasUnsentEventsAndIsFlaggedAfterTheGrace() {
        RoomProgress p = judge.judge("c3", new RoomState("document:9", 40, 40, 7, 0, "{\"typing\":true}"));
        assertThat(p.head()).isEqualTo(47);
        assertThat(p.unsent()).isEqualTo(7);
        assertThat(p.unacked()).isZero();
        assertThat(p.presence()).isEqualTo("{\"typing\":true}");

        now.addAndGet(LagJudge.GRACE_MILLIS + 500);
        assertThat(judge.judge("c3", new RoomState("document:9", 40, 40, 7, 0, "")).lagging()).isTrue();
    }

    @Test
    void aRowNamesTheRoomItsFiguresComeFromAndHowManyMoreAreBehind() {
        ConnectionRow row = new ConnectionRow("c4", "ann", "phone", "1.0", "10.0.0.1", "gw-1", null);
        row.setRooms(List.of(
                judge.judge("c4", new RoomState("user:ann", 5, 5, 0, 0, "")),
                judge.judge("c4", new RoomState("document:1", 50, 38, 0, 12, "")),
                judge.judge("c4", new RoomState("document:2", 20, 19, 0, 1, ""))));
        assertThat(row.figuresTextProperty().get()).isEqualTo("0 · 12 in document:1 +1");
        assertThat(row.unacked()).isEqualTo(12);
        assertThat(row.unsent()).isZero();

        row.setRooms(List.of(judge.judge("c4", new RoomState("user:ann", 5, 5, 0, 0, ""))));
        assertThat(row.figuresTextProperty().get()).isEqualTo("0");
    }
}
