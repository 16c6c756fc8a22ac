package dev.switchboard.console.ui;

import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** Counts read as people write them, whatever their size or sign. */
class FormatTest {
    @Test
    void countsGroupThousandsWithCommas() {
        assertThat(Format.count(0)).isEqualTo("0");
        assertThat(Format.count(999)).isEqualTo("999");
        assertThat(Format.count(1000)).isEqualTo("1,000");
        assertThat(Format.count(10_000)).isEqualTo("10,000");
        assertThat(Format.count(123_456)).isEqualTo("123,456");
        assertThat(Format.count(1_234_567)).isEqualTo("1,234,567");
        assertThat(Format.count(-1)).isEqualTo("-1");
        assertThat(Format.count(-1234)).isEqualTo("-1,234");
        assertThat(Format.count(-123_456)).isEqualTo("-123,456");
    }

    @Test
    void countsAgreeWithTheJdkOnEveryMagnitude() {
        for (long n : new long[] {Long.MAX_VALUE, Long.MIN_VALUE, 7, 77, 777, 7777, 77_777, 777_777, 7_777_777}) {
            assertThat(Format.count(n)).isEqualTo(String.format(Locale.ROOT, "%,d", n));
            assertThat(Format.count(-n)).isEqualTo(String.format(Locale.ROOT, "%,d", -n));
        }
    }
}
