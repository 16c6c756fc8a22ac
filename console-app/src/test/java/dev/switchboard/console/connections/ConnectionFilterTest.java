package dev.switchboard.console.connections;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The filter language of the connections page, as the gateway's parameters. */
class ConnectionFilterTest {
    private static Map<String, String> params(String text) {
        return ConnectionFilter.parse(text).params();
    }

    @Test
    void wordsBecomeTheGatewaysParameters() {
        assertThat(params("ALICE phone")).containsExactly(Map.entry("q", "ALICE phone"));
        assertThat(params("user:alice device:phone app:1.4.2 node:gw-1")).containsOnly(Map.entry("user", "alice"),
                Map.entry("device", "phone"), Map.entry("app", "1.4.2"), Map.entry("node", "gw-1"));
        assertThat(params("room:document:7")).containsExactly(Map.entry("room", "document:7"));
        assertThat(params("document:7")).as("an unknown prefix names a room").containsExactly(Map.entry("room", "document:7"));
        assertThat(params("id:c1x ip:10.0.4")).as("searched as free text").containsExactly(Map.entry("q", "c1x 10.0.4"));
        assertThat(params("unacked>=5 unsent>0 backlog>1000")).containsOnly(Map.entry("minUnacked", "5"),
                Map.entry("minUnsent", "1"), Map.entry("minBacklog", "1001"));
        assertThat(params("lag>2 unsent>=1")).as("lag is unsent, as in the admin API; the stricter one holds")
                .containsExactly(Map.entry("minUnsent", "3"));
        assertThat(params("lagging")).containsExactly(Map.entry("lagging", "true"));
        assertThat(ConnectionFilter.parse("   ").isEmpty()).isTrue();
    }

    @Test
    void whatTheGatewayCannotAnswerSaysSo() {
        assertThat(ConnectionFilter.parse("unsent>0 backlog>=1000 user:a room:b").problem()).isEmpty();
        ConnectionFilter below = ConnectionFilter.parse("unsent<5 user:alice");
        assertThat(below.problem()).startsWith("“unsent<5” is left out").contains("sort by unsent");
        assertThat(below.params()).containsExactly(Map.entry("user", "alice"));
        assertThat(ConnectionFilter.parse("user:a user:b").problem()).startsWith("“user:b” is left out");
        assertThat(ConnectionFilter.parse("alice unsent>lots").problem())
                .startsWith("“unsent>lots” is not a comparison").contains("unsent>0");
        assertThat(ConnectionFilter.parse("backlog>1k").problem()).startsWith("“backlog>1k” is not a comparison");
        assertThat(ConnectionFilter.parse("lag=>3").problem()).isNotEmpty();
    }
}
