package dev.switchboard.console.shell;

import dev.switchboard.adminclient.AdminCallException;
import dev.switchboard.console.link.LinkState;
import dev.switchboard.console.testing.FakeFeed;
import dev.switchboard.console.ui.Format;
import dev.switchboard.console.ui.UiThread;
import dev.switchboard.model.admin.AdminFrame;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The banner every page shows while its data is not live, driven by a faked link; no gateway, no toolkit. */
class OutageBannerTest {
    private static final long LOST_AT = 1_764_842_000_000L;

    private final FakeFeed feed = new FakeFeed();
    private final LinkOutage outage = new LinkOutage(UiThread.direct(), () -> LOST_AT);
    private final Map<String, String> remembered = new ConcurrentHashMap<>();
    private long now = LOST_AT;
    private final OutageBanner banner;

    OutageBannerTest() {
        feed.addStateListener(outage::changed);
        banner = new OutageBanner(outage, feed, UiThread.direct(), Runnable::run, remembered::put, () -> now);
        feed.snapshot(new AdminFrame.Snapshot("gw-1", false, null, List.of(), 0, List.of()));
    }

    @Test
    void aLostLinkShowsSinceWhenTheDataIsFromAndWhenItTriesAgain() {
        assertThat(banner.shownProperty().get()).as("connected: no banner").isFalse();

        now = LOST_AT + 1_000;
        feed.lost("closed 1006", LOST_AT + 5_000);

        String since = Format.seconds(LOST_AT);
        assertThat(banner.shownProperty().get()).isTrue();
        assertThat(banner.asOfProperty().get()).isEqualTo("as of " + since);
        assertThat(banner.textProperty().get()).isEqualTo("Gateway unreachable since " + since
                + " (closed 1006) — the figures below are from before; reconnecting in 4 s");
        assertThat(banner.canRetryProperty().get()).isTrue();
        assertThat(banner.askTokenProperty().get()).isFalse();

        banner.retryNow();
        assertThat(feed.retries()).isEqualTo(1);

        feed.snapshot(new AdminFrame.Snapshot("gw-1", false, null, List.of(), 0, List.of()));
        assertThat(banner.shownProperty().get()).as("a fresh snapshot: live again").isFalse();
        assertThat(banner.asOfProperty().get()).isEmpty();
    }

    @Test
    void stillDownAfterTheNextFailedAttemptKeepsTheTimeItWasLost() {
        feed.lost("closed 1006", LOST_AT + 250);
        feed.state(LinkState.RECONNECTING, "");
        feed.lost("Failed to connect", LOST_AT + 10_000);
        assertThat(banner.asOfProperty().get()).isEqualTo("as of " + Format.seconds(LOST_AT));
    }

    @Test
    void minimisingIsNoOutage() {
        feed.state(LinkState.PAUSED, "");
        assertThat(banner.shownProperty().get()).isFalse();
    }

    @Test
    void aRefusedTokenAsksForANewOneAndANewOneThatWorksEndsTheOutage() {
        feed.state(LinkState.TOKEN_REFUSED, "");
        assertThat(banner.shownProperty().get()).isTrue();
        assertThat(banner.askTokenProperty().get()).isTrue();
        assertThat(banner.canRetryProperty().get()).as("the same token would be refused again").isFalse();
        assertThat(banner.textProperty().get()).contains("refused the admin token").contains("Paste a new admin token");

        feed.answerTokens(CompletableFuture.failedFuture(new AdminCallException(403, "forbidden", "not an admin")));
        banner.tokenProperty().set("  a-user-token  ");
        banner.submitToken();
        assertThat(feed.tokens()).containsExactly("a-user-token");
        assertThat(banner.tokenMessageProperty().get()).contains("not an admin token");
        assertThat(remembered).isEmpty();

        feed.answerTokens(CompletableFuture.completedFuture(null));
        banner.tokenProperty().set("a-fresh-admin-token");
        banner.submitToken();
        assertThat(banner.tokenMessageProperty().get()).isEmpty();
        assertThat(banner.tokenProperty().get()).as("the field is cleared").isEmpty();
        assertThat(remembered).containsEntry(feed.httpUrl(), "a-fresh-admin-token");
    }
}
