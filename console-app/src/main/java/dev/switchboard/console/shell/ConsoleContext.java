package dev.switchboard.console.shell;

import dev.switchboard.console.gateway.AdminApi;
import dev.switchboard.console.gateway.GatewayLink;
import dev.switchboard.console.ui.UiThread;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every page of one connected gateway shares: the link (REST + admin stream), the UI thread,
 * a timer for refreshes and coalescing (never the UI thread), the read-only switch, a navigator, the
 * status line for short notices, and the console's home folder (saved filters).
 *
 * <p>{@code readOnly} and {@code notice} are JavaFX properties: change them on the UI thread only. A
 * page built off the UI thread gets its own context ({@link #forPage}) whose properties the builder
 * may touch until the page is handed over.
 */
public final class ConsoleContext implements AutoCloseable {
    private final GatewayLink link;
    private final UiThread ui;
    private final ScheduledExecutorService timer;
    private final BooleanProperty readOnly = new SimpleBooleanProperty();
    private final StringProperty notice;
    private final String tokenSecret;
    private final Path home;
    /** The window's context this page's context was made from ({@link #forPage}), else null. */
    private final ConsoleContext window;
    private volatile Navigator navigator = Navigator.NONE;

    /**
     * @param tokenSecret the gateway's token secret when the console knows it (its own local gateway, or
     *                    typed in by the user), else null; the simulator needs it to mint device tokens
     */
    public ConsoleContext(GatewayLink link, UiThread ui, String tokenSecret, Path home) {
        this.link = link;
        this.ui = ui;
        this.tokenSecret = tokenSecret;
        this.home = home;
        this.window = null;
        this.notice = new SimpleStringProperty("");
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "console-timer");
            t.setDaemon(true);
            return t;
        });
    }

    private ConsoleContext(ConsoleContext window, UiThread ui) {
        this.link = window.link;
        this.ui = ui;
        this.tokenSecret = window.tokenSecret;
        this.home = window.home;
        this.timer = window.timer;
        this.window = window;
        this.notice = null;
        this.readOnly.set(window.readOnly.get());
    }

    /**
     * The context for a page built off the UI thread ({@link PageBuilder}): the same link, timer and
     * home, changes posted to {@code pageUi} (a {@link dev.switchboard.console.ui.Handover}), and a
     * read-only switch of its own, so the builder never touches the window's properties. Call on the
     * UI thread; once the page is handed over, {@link #followWindow()} ties the switch to the window's.
     */
    public ConsoleContext forPage(UiThread pageUi) {
        return new ConsoleContext(window == null ? this : window, pageUi);
    }

    /** On the UI thread, after a page's hand-over: its read-only switch follows the window's from now on. */
    public void followWindow() {
        if (window != null && !readOnly.isBound()) {
            readOnly.bind(window.readOnly);
        }
    }

    public GatewayLink link() {
        return link;
    }

    public AdminApi api() {
        return link.api();
    }

    public UiThread ui() {
        return ui;
    }

    public ScheduledExecutorService timer() {
        return timer;
    }

    public BooleanProperty readOnlyProperty() {
        return readOnly;
    }

    public boolean readOnly() {
        return readOnly.get();
    }

    /** The status bar's notice: what an action just did, or why it failed (the window's, for a page's context). */
    public StringProperty noticeProperty() {
        return window == null ? notice : window.noticeProperty();
    }

    /** Sets the notice from any thread. */
    public void notice(String text) {
        ui.run(() -> noticeProperty().set(text));
    }

    /**
     * The admin token the console is connected with. An admin token may also publish and manage the ACL,
     * so the Simulator uses it as its backend's token too.
     */
    public String adminToken() {
        return link.api().token();
    }

    public String tokenSecret() {
        return tokenSecret;
    }

    public Path home() {
        return home;
    }

    public Navigator navigator() {
        return window == null ? navigator : window.navigator();
    }

    public void navigator(Navigator n) {
        if (window != null) {
            throw new IllegalStateException("the navigator is the window's");
        }
        this.navigator = n;
    }

    /** Ends the link and the timer; a page's context leaves them to the window's. */
    @Override
    public void close() {
        if (window == null) {
            timer.shutdownNow();
            link.close();
        }
    }
}
