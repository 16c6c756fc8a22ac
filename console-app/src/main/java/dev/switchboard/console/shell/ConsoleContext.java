package dev.switchboard.console.shell;

import dev.switchboard.console.gateway.AdminApi;
import dev.switchboard.console.gateway.GatewayLink;
import dev.switchboard.console.ui.UiThread;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiConsumer;

/**
 * What every page of one connected gateway shares: the link (REST + admin stream), the UI thread,
 * a timer for refreshes and coalescing (never the UI thread), the read-only switch, a navigator, the
 * status line for short notices, and the console's home folder (saved filters).
 *
 * <p>{@code readOnly} and {@code notice} are JavaFX properties: change them on the UI thread only.
 */
public final class ConsoleContext implements AutoCloseable {
    private final GatewayLink link;
    private final UiThread ui;
    private final ScheduledExecutorService timer;
    private final BooleanProperty readOnly = new SimpleBooleanProperty();
    private final StringProperty notice = new SimpleStringProperty("");
    private final String tokenSecret;
    private final Path home;
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
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "console-timer");
            t.setDaemon(true);
            return t;
        });
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

    /** The status bar's notice: what an action just did, or why it failed. */
    public StringProperty noticeProperty() {
        return notice;
    }

    /**
     * Hands {@code answer}'s outcome to the UI thread, where {@code apply} gets the value or the failure;
     * the returned future completes once the change is posted (what {@link PageModel#prefetch} reports).
     */
    public <T> CompletableFuture<Void> onUi(CompletableFuture<T> answer, BiConsumer<T, Throwable> apply) {
        CompletableFuture<Void> posted = new CompletableFuture<>();
        answer.whenComplete((value, failure) -> {
            ui.run(() -> apply.accept(value, failure));
            posted.complete(null);
        });
        return posted;
    }

    /** Sets the notice from any thread. */
    public void notice(String text) {
        ui.run(() -> notice.set(text));
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
        return navigator;
    }

    public void navigator(Navigator n) {
        this.navigator = n;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        link.close();
    }
}
