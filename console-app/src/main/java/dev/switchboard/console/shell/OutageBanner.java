package dev.switchboard.console.shell;

import dev.switchboard.console.connect.GatewayConnector;
import dev.switchboard.console.link.AdminFeed;
import dev.switchboard.console.link.LinkState;
import dev.switchboard.console.ui.Format;
import dev.switchboard.console.ui.UiThread;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/**
 * The banner across the content area while the pages' data is not live ({@link LinkOutage}): since
 * when the gateway is unreachable and when the link tries again, with "Retry now"; or, when the gateway
 * refused the admin token, a field for a new one, which reconnects to the same gateway in place.
 *
 * <p>Threads: properties and commands on the UI thread; the token check answers on the link's HTTP
 * threads and is handed back through {@code ui}; the remembered token is replaced on {@code background}.
 */
public final class OutageBanner {
    // ---- properties ----------------------------------------------------------------------------
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper("");
    private final StringProperty token = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper tokenMessage = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper checking = new ReadOnlyBooleanWrapper();
    private final BooleanBinding askToken;
    private final BooleanBinding canRetry;

    private final LinkOutage outage;
    private final AdminFeed link;
    private final UiThread ui;
    private final Executor background;
    private final BiConsumer<String, String> rememberRenewed;
    private final LongSupplier clock;

    /**
     * @param rememberRenewed given the gateway's URL and a token it accepted instead of a refused one:
     *                        keeps it where the refused one was kept (nowhere, if it was not)
     */
    public OutageBanner(LinkOutage outage, AdminFeed link, UiThread ui, Executor background,
                        BiConsumer<String, String> rememberRenewed, LongSupplier clock) {
        this.outage = outage;
        this.link = link;
        this.ui = ui;
        this.background = background;
        this.rememberRenewed = rememberRenewed;
        this.clock = clock;
        askToken = outage.stateProperty().isEqualTo(LinkState.TOKEN_REFUSED);
        canRetry = outage.stateProperty().isEqualTo(LinkState.RECONNECTING);
        outage.stateProperty().addListener((o, was, now) -> refresh());
        outage.staleProperty().addListener((o, was, now) -> refresh());
        outage.detailProperty().addListener((o, was, now) -> refresh());
        refresh();
    }

    /** True while the banner shows: the pages' data is not live. */
    public ReadOnlyBooleanProperty shownProperty() {
        return outage.staleProperty();
    }

    /** "Gateway unreachable since 10:32:05 — the figures below are from before; reconnecting in 4 s". */
    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    /** "as of 10:32:05" while the data is not live. */
    public ReadOnlyStringProperty asOfProperty() {
        return outage.asOfProperty();
    }

    /** The gateway refused the token: the banner asks for a new one. */
    public BooleanBinding askTokenProperty() {
        return askToken;
    }

    /** The link waits out its backoff: "Retry now" makes sense. */
    public BooleanBinding canRetryProperty() {
        return canRetry;
    }

    /** The new admin token the user pastes. */
    public StringProperty tokenProperty() {
        return token;
    }

    /** Why the new token was not taken, or that it is being checked; "" for nothing. */
    public ReadOnlyStringProperty tokenMessageProperty() {
        return tokenMessage.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty checkingProperty() {
        return checking.getReadOnlyProperty();
    }

    // ---- commands ------------------------------------------------------------------------------

    /** Reconnects now instead of at the end of the backoff. */
    public void retryNow() {
        link.retryNow();
    }

    /**
     * Goes on with the pasted token: the gateway checks it, the link reconnects with it (a fresh
     * snapshot for every page), and it replaces the refused token where that one was remembered.
     */
    public void submitToken() {
        String t = token.get() == null ? "" : token.get().trim();
        if (t.isEmpty() || checking.get()) {
            tokenMessage.set(t.isEmpty() ? "Paste an admin token first (switchboard token --user ops --role admin)." : "");
            return;
        }
        checking.set(true);
        tokenMessage.set("Checking the token…");
        link.useToken(t).whenComplete((ok, failure) -> {
            if (failure == null) {
                background.execute(() -> rememberRenewed.accept(link.httpUrl(), t));
            }
            ui.run(() -> {
                checking.set(false);
                if (failure == null) {
                    token.set("");
                    tokenMessage.set("");
                } else {
                    tokenMessage.set(GatewayConnector.describe(failure));
                }
            });
        });
    }

    /** Brings the text up to date ("reconnecting in 3 s"): the shell calls it every second. */
    public void refresh() {
        if (!outage.staleProperty().get()) {
            text.set("");
            return;
        }
        String since = Format.seconds(outage.sinceProperty().get());
        String why = outage.detailProperty().get().isEmpty() ? "" : " (" + outage.detailProperty().get() + ")";
        if (askToken.get()) {
            text.set("The gateway refused the admin token at " + since + " (expired or revoked?) — the figures below"
                    + " are from before. Paste a new admin token to go on.");
            return;
        }
        long due = link.nextAttemptAtMillis();
        long seconds = due == 0 ? 0 : (due - clock.getAsLong() + 999) / 1000;
        text.set("Gateway unreachable since " + since + why + " — the figures below are from before; "
                + (seconds > 0 ? "reconnecting in " + seconds + " s" : "reconnecting now…"));
    }
}
