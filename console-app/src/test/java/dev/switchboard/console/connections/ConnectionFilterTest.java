package dev.switchboard.console.connections;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The filter language of the connections page on one row. */
class ConnectionFilterTest {
    private final LagJudge judge = new LagJudge(() -> 0);

    @Test
    void filterTerms() {
        ConnectionRow row = new ConnectionRow("c1x9", "alice", "phone", "1.4.2", "10.0.4.17", "gw-1", null);
        row.setRooms(List.of(judge.judge("c1x9", new RoomState("document:7", 9, 4, 0, 5, ""))));
        assertThat(ConnectionFilter.parse("ALICE").test(row)).isTrue();
        assertThat(ConnectionFilter.parse("user:ali device:pho").test(row)).isTrue();
        assertThat(ConnectionFilter.parse("user:phone").test(row)).isFalse();
        assertThat(ConnectionFilter.parse("document:7").test(row)).as("an unknown prefix is a plain word").isTrue();
        assertThat(ConnectionFilter.parse("room:document:7 app:1.4 ip:10.0.4").test(row)).isTrue();
        assertThat(ConnectionFilter.parse("unacked>=5").test(row)).isTrue();
        assertThat(ConnectionFilter.parse("unacked>5").test(row)).isFalse();
        assertThat(ConnectionFilter.parse("unsent>0").test(row)).isFalse();
        assertThat(ConnectionFilter.parse("lag=0").test(row)).as("lag is unsent, as in the admin API").isTrue();
        assertThat(ConnectionFilter.parse("backlog=0 id:c1x").test(row)).isTrue();
        assertThat(ConnectionFilter.parse("   ").isEmpty()).isTrue();
        assertThat(ConnectionFilter.parse("user:alice").onLiveFigures()).isFalse();
        assertThat(ConnectionFilter.parse("lag>0").onLiveFigures()).isTrue();
    }

    @Test
    void aComparisonThatDoesNotParseSaysSo() {
        assertThat(ConnectionFilter.parse("unsent>0 backlog>=1000").problem()).isEmpty();
        assertThat(ConnectionFilter.parse("alice document:7").problem()).isEmpty();
        assertThat(ConnectionFilter.parse("alice unsent>lots").problem())
                .startsWith("“unsent>lots” is not a comparison").contains("unsent>0");
        assertThat(ConnectionFilter.parse("backlog>1k").problem()).startsWith("“backlog>1k” is not a comparison");
        assertThat(ConnectionFilter.parse("lag=>3").problem()).isNotEmpty();
    }
}
