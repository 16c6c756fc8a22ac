package dev.switchboard.simulator.run;

import dev.switchboard.auth.Role;
import dev.switchboard.auth.TokenIssuer;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TokenPlanTest {
    private static final TokenIssuer ISSUER = new TokenIssuer("0123456789abcdef0123456789abcdef", Clock.systemUTC());

    @Test
    void tokensLastAnHourWithoutExpirySteps() {
        TokenPlan plan = new TokenPlan(ISSUER, "a", Role.USER, "p", List.of(), 0);
        assertThat(plan.ttlMillis(5_000)).isEqualTo(3_600_000);
        assertThat(plan.get()).isNotBlank();
        assertThat(plan.minted()).isEqualTo(1);
    }

    @Test
    void aTokenMintedBeforeAnExpiryStepExpiresAtIt() {
        // step at +2 s, lasting 3 s, tokens of 1 s meanwhile; the load started at 10,000 ms
        TokenPlan plan = new TokenPlan(ISSUER, "a", Role.USER, "p", List.of(new TokenPlan.Window(2_000, 5_000, 1)), 10_000);
        assertThat(plan.ttlMillis(9_000)).as("before the start").isEqualTo(3_000);
        assertThat(plan.ttlMillis(11_500)).as("too close to the step: a short one").isEqualTo(1_000);
        assertThat(plan.ttlMillis(13_000)).as("during the step").isEqualTo(1_000);
        assertThat(plan.ttlMillis(15_000)).as("after it").isEqualTo(3_600_000);
    }

    @Test
    void aOneOffExpiryGivesLongTokensAfterwards() {
        TokenPlan plan = new TokenPlan(ISSUER, "a", Role.USER, "p", List.of(new TokenPlan.Window(2_000, 2_000, 2)), 0);
        assertThat(plan.ttlMillis(0)).isEqualTo(2_000);
        assertThat(plan.ttlMillis(2_100)).isEqualTo(3_600_000);
    }
}
