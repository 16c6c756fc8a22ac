package dev.switchboard.console.trace;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the search field's text asks for. */
class TraceQueryTest {
    @Test
    void userPrefixAsksForATimelineAnythingElseForAnEvent() {
        assertThat(TraceQuery.parse("user:zoe")).isEqualTo(new TraceQuery(TraceQuery.Kind.USER, "zoe"));
        assertThat(TraceQuery.parse("  USER: zoe ")).isEqualTo(new TraceQuery(TraceQuery.Kind.USER, "zoe"));
        assertThat(TraceQuery.parse(" 01M8JS25FXMP7RH3DFMQ9J41B1 "))
                .isEqualTo(new TraceQuery(TraceQuery.Kind.EVENT, "01M8JS25FXMP7RH3DFMQ9J41B1"));
        assertThat(TraceQuery.parse("USER: zoe").text()).isEqualTo("user:zoe");
    }

    @Test
    void nothingToLookUpIsNull() {
        assertThat(TraceQuery.parse(null)).isNull();
        assertThat(TraceQuery.parse("   ")).isNull();
        assertThat(TraceQuery.parse("user:  ")).isNull();
    }
}
