package dev.switchboard.console.events;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SearchTimeTest {
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-04T10:40:00Z"), ZoneId.of("Europe/Paris"));
    private final SearchTime times = new SearchTime(clock);

    private Instant at(String text) {
        return Instant.ofEpochMilli(Long.parseLong(times.epochMillis("From", text)));
    }

    @Test
    void readsWhatASupportPersonTypes() {
        assertThat(at("10:32")).isEqualTo("2026-12-04T09:32:00Z");
        assertThat(at("2026-12-03 23:05")).isEqualTo("2026-12-03T22:05:00Z");
        assertThat(at("2026-12-04T08:00:00Z")).isEqualTo("2026-12-04T08:00:00Z");
        assertThat(at("20m")).isEqualTo("2026-12-04T10:20:00Z");
        assertThat(at("2h ago")).isEqualTo("2026-12-04T08:40:00Z");
        assertThat(at("-1d")).isEqualTo("2026-12-03T10:40:00Z");
        assertThat(times.epochMillis("From", "  ")).isEmpty();
    }

    @Test
    void somethingElseIsRefusedNamingTheField() {
        assertThatThrownBy(() -> times.epochMillis("To", "soon"))
                .hasMessage("To: \"soon\" is not a time. Write 10:32, 2026-12-04 10:32, an ISO instant, or a while ago such as 20m or 2h.");
    }
}
