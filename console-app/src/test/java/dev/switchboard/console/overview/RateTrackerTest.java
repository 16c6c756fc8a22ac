package dev.switchboard.console.overview;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RateTrackerTest {
    private final RateTracker tracker = new RateTracker();

    @Test
    void theFirstTotalOnlySetsTheBaseline() {
        assertThat(tracker.offer(1_000, 5_000)).isEmpty();
        assertThat(tracker.offer(2_000, 5_100).orElseThrow().perSecond()).isCloseTo(100, within(1e-9));
    }

    @Test
    void ratesAreTheIncreaseOverTheTimeBetweenFrames() {
        tracker.offer(10_000, 0);
        RateTracker.Step step = tracker.offer(10_500, 600).orElseThrow();
        assertThat(step.increase()).isEqualTo(600);
        assertThat(step.millis()).isEqualTo(500);
        assertThat(step.reset()).isFalse();
        assertThat(step.perSecond()).isCloseTo(1_200, within(1e-9));
        assertThat(tracker.offer(12_500, 600).orElseThrow().perSecond()).isZero();
    }

    @Test
    void aTotalThatWentDownIsAGatewayRestartNotANegativeRate() {
        tracker.offer(1_000, 90_000);
        tracker.offer(2_000, 91_000);
        RateTracker.Step afterRestart = tracker.offer(4_000, 300).orElseThrow();
        assertThat(afterRestart.reset()).isTrue();
        assertThat(afterRestart.increase()).isEqualTo(300); // counted since the restart
        assertThat(afterRestart.perSecond()).isCloseTo(150, within(1e-9));
        // and counting goes on from the new total
        RateTracker.Step next = tracker.offer(5_000, 500).orElseThrow();
        assertThat(next.reset()).isFalse();
        assertThat(next.perSecond()).isCloseTo(200, within(1e-9));
    }

    @Test
    void aFrameNotLaterThanThePreviousIsIgnored() {
        tracker.offer(1_000, 10);
        assertThat(tracker.offer(1_000, 20)).isEmpty();
        assertThat(tracker.offer(900, 30)).isEmpty();
        assertThat(tracker.offer(2_000, 40).orElseThrow().increase()).isEqualTo(30);
    }

    @Test
    void rebaselineStartsAfresh() {
        tracker.offer(1_000, 10);
        tracker.rebaseline();
        assertThat(tracker.offer(60_000, 5_000)).isEmpty();
        assertThat(tracker.offer(61_000, 5_010).orElseThrow().perSecond()).isCloseTo(10, within(1e-9));
    }
}
