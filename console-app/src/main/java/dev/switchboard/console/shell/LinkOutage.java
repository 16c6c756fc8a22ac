package dev.switchboard.console.shell;

import dev.switchboard.console.link.LinkState;
import dev.switchboard.console.ui.Format;
import dev.switchboard.console.ui.UiThread;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.function.LongSupplier;

/**
 * Whether what the pages show is live. From the moment the admin link is lost (the gateway
 * unreachable) or its token is refused until a fresh snapshot arrives, every figure and row on screen
 * is from before: {@link #staleProperty()} says so and {@link #asOfProperty()} says since when, for
 * the shell's banner and greyed content and for any page that wants to say it itself. Minimising
 * (PAUSED) is not an outage: nobody looks, and restoring starts from a fresh snapshot.
 *
 * <p>Threads: {@link #changed} may be called on any thread (the link's); properties change on the UI
 * thread only.
 */
public final class LinkOutage {
    private final ReadOnlyBooleanWrapper stale = new ReadOnlyBooleanWrapper();
    private final ReadOnlyLongWrapper since = new ReadOnlyLongWrapper();
    private final ReadOnlyStringWrapper asOf = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<LinkState> state = new ReadOnlyObjectWrapper<>(LinkState.CONNECTING);
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper("");
    private final UiThread ui;
    private final LongSupplier clock;

    /** @param clock epoch milliseconds: when an outage began */
    public LinkOutage(UiThread ui, LongSupplier clock) {
        this.ui = ui;
        this.clock = clock;
    }

    // ---- properties ----------------------------------------------------------------------------

    /** True while the pages show what the gateway said before the link was lost or its token refused. */
    public ReadOnlyBooleanProperty staleProperty() {
        return stale.getReadOnlyProperty();
    }

    /** When the outage began (epoch ms), 0 while live. */
    public ReadOnlyLongProperty sinceProperty() {
        return since.getReadOnlyProperty();
    }

    /** {@code as of 10:32:05} while stale, else "". */
    public ReadOnlyStringProperty asOfProperty() {
        return asOf.getReadOnlyProperty();
    }

    /** The link's last state. */
    public ReadOnlyObjectProperty<LinkState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** Why the link was lost ("closed 1006", "HTTP 503"), "" when it did not say. */
    public ReadOnlyStringProperty detailProperty() {
        return detail.getReadOnlyProperty();
    }

    // ---- changes -------------------------------------------------------------------------------

    /** The link's state changed (a {@link dev.switchboard.console.link.AdminFeed} state listener). */
    public void changed(LinkState s, String why) {
        long now = clock.getAsLong();
        ui.run(() -> apply(s, why, now));
    }

    private void apply(LinkState s, String why, long now) {
        state.set(s);
        if (why != null && !why.isEmpty()) {
            detail.set(why);
        }
        if (s == LinkState.RECONNECTING || s == LinkState.TOKEN_REFUSED) {
            if (!stale.get()) {
                since.set(now);
                asOf.set("as of " + Format.seconds(now));
                stale.set(true);
            }
        } else if (s == LinkState.CONNECTED) {
            stale.set(false);
            since.set(0);
            asOf.set("");
            detail.set("");
        }
    }
}
