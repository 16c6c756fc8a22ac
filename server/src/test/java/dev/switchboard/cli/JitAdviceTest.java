package dev.switchboard.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The start-up note that tells an operator of a two-core machine to limit the JIT. */
class JitAdviceTest {
    @Test
    void twoCoresWithTheDefaultCompilerAreToldTheFlag() {
        assertThat(JitAdvice.of(2, List.of("-Xmx1g"))).hasValueSatisfying(note -> assertThat(note)
                .contains("2 CPUs").contains("-XX:TieredStopAtLevel=1"));
        assertThat(JitAdvice.of(1, List.of())).isPresent();
    }

    @Test
    void anOperatorWhoChoseTheCompilerOrHasMoreCoresIsLeftAlone() {
        assertThat(JitAdvice.of(2, List.of("-XX:TieredStopAtLevel=1"))).isEmpty();
        assertThat(JitAdvice.of(2, List.of("-XX:TieredStopAtLevel=4"))).isEmpty();
        assertThat(JitAdvice.of(2, List.of("-XX:-TieredCompilation"))).isEmpty();
        assertThat(JitAdvice.of(4, List.of())).isEmpty();
    }
}
