package dev.switchboard.console.shell;

import dev.switchboard.adminclient.AdminApi;
import dev.switchboard.client.TrustedCa;
import dev.switchboard.console.connect.LocalGateway;
import dev.switchboard.console.link.AdminFeed;
import dev.switchboard.console.link.AdminLink;
import dev.switchboard.console.link.LinkState;
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
 * status line for short notices, whether what the pages show is live ({@link #outage()}), the console's
 * home folder (saved filters), and the local gateway when the console runs the one it is connected to.
 *
 * <p>{@code readOnly} and {@code notice} are JavaFX properties: change them on the UI thread only.
 */
public final class ConsoleContext implements AutoCloseable {
    private final AdminFeed link;
    private final AdminApi api;
    private final UiThread ui;
    private final ScheduledExecutorService timer;
    private final BooleanProperty readOnly = new SimpleBooleanProperty();
    private boolean readOnlyLocked;
    private final StringProperty notice = new SimpleStringProperty("");
    private final String tokenSecret;
    private final Path home;
    private final TrustedCa trustedCa;
    private final LocalGateway local;
    private final LinkOutage outage;
    private final BiConsumer<LinkState, String> outageListener;
    private volatile Navigator navigator = Navigator.NONE;

    /**
     * @param tokenSecret the gateway's token secret when the console knows it (its own local gateway, or
     *                    typed in by the user), else null; the simulator needs it to mint device tokens
     */
    public ConsoleContext(AdminLink link, UiThread ui, String tokenSecret, Path home) {
        this(link, ui, tokenSecret, home, null);
    }

    /** @param trustedCa the CAs the console trusts for https/wss ({@code --ca-file}), or null */
    public ConsoleContext(AdminLink link, UiThread ui, String tokenSecret, Path home, TrustedCa trustedCa) {
        this(link, link.api(), ui, tokenSecret, home, trustedCa, null);
    }

    /** @param local the console's own gateway when the link goes to it, else null */
    public ConsoleContext(AdminLink link, UiThread ui, String tokenSecret, Path home, TrustedCa trustedCa,
                          LocalGateway local) {
        this(link, link.api(), ui, tokenSecret, home, trustedCa, local);
    }

    /**
     * Without a link: the admin API only, no stream. For view models whose tests pass a fake
     * {@link AdminApi} and run without a gateway; {@link #link()} is then null.
     */
    public static ConsoleContext withoutStream(AdminApi api, UiThread ui, Path home) {
        return new ConsoleContext(null, api, ui, null, home, null, null);
    }

    /** Over any admin API and stream: for view models whose tests fake both and run without a gateway. */
    public static ConsoleContext of(AdminApi api, AdminFeed feed, UiThread ui, Path home) {
        return new ConsoleContext(feed, api, ui, null, home, null, null);
    }

    private ConsoleContext(AdminFeed link, AdminApi api, UiThread ui, String tokenSecret, Path home,
                           TrustedCa trustedCa, LocalGateway local) {
        this.trustedCa = trustedCa;
        this.local = local;
        this.outage = new LinkOutage(ui, System::currentTimeMillis);
        this.outageListener = outage::changed;
        if (link != null) {
            link.addStateListener(outageListener);
        }
        this.link = link;
        this.api = api;
        this.ui = ui;
        this.tokenSecret = tokenSecret;
        this.home = home;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "console-timer");
            t.setDaemon(true);
            return t;
        });
    }

    public AdminFeed link() {
        return link;
    }

    public AdminApi api() {
        return api;
    }

    /** The window is minimised (the link paused): pages stop their refreshes. */
    public boolean paused() {
        return link != null && link.paused();
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

    /**
     * Read-only for good ({@code --read-only}): whoever started the console so chose it for the whole
     * session, so no toggle, shortcut or page can switch it off; a change to false is undone at once.
     * Call before the pages are built.
     */
    public void lockReadOnly() {
        if (readOnlyLocked) {
            return;
        }
        readOnlyLocked = true;
        readOnly.set(true);
        readOnly.addListener((o, was, now) -> {
            if (!now) {
                readOnly.set(true);
            }
        });
    }

    /** True when read-only was imposed at start ({@link #lockReadOnly}). */
    public boolean readOnlyLocked() {
        return readOnlyLocked;
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
        return api.token();
    }

    public String tokenSecret() {
        return tokenSecret;
    }

    /** The CAs trusted for https/wss gateways, for other clients the console starts (the simulator); null for the default. */
    public TrustedCa trustedCa() {
        return trustedCa;
    }

    public Path home() {
        return home;
    }

    /** Whether the pages' data is live, and since when it is not: for the shell's banner and any page. */
    public LinkOutage outage() {
        return outage;
    }

    /** The console's own gateway when the link goes to it (the console knows its secret), else null. */
    public LocalGateway localGateway() {
        return local;
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
        if (link != null) {
            link.removeStateListener(outageListener);
            link.close();
        }
    }
}
