package dev.switchboard.console.shell;

import dev.switchboard.model.admin.AdminDelta;
import dev.switchboard.model.admin.AdminFrame;
import dev.switchboard.console.connect.RecentGateways;
import dev.switchboard.console.connect.TokenVault;
import dev.switchboard.console.link.LinkState;
import dev.switchboard.console.link.StreamListener;
import dev.switchboard.console.ui.Format;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The window around the pages: which page is shown, the link's state for the status bar, theme and
 * read-only switches, and what minimising does (pause the link and the shown page). Pages are built
 * once ({@link #prepare}) and kept, so a page's stream history survives switching away; the console
 * builds them all ahead while connecting, and a page that could not be is built on first visit.
 *
 * <p>Threads: properties and pages are touched on the UI thread only; the link reports its state
 * and stream activity on its own threads, which hand them over through {@code ctx.ui()}. The console
 * builds this model, with its pages, on {@code console-build} before the window is shown, and hands
 * it to the UI thread then ({@code ctx.ui()} is a {@link dev.switchboard.console.ui.Handover}).
 */
public final class MainViewModel implements AutoCloseable {
    // ---- properties ----------------------------------------------------------------------------
    private final ReadOnlyObjectWrapper<LinkState> linkState = new ReadOnlyObjectWrapper<>(LinkState.CONNECTING);
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper gatewayText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper streamText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper pageId = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Page> page = new ReadOnlyObjectWrapper<>();
    private final BooleanProperty dark = new SimpleBooleanProperty();
    private final ObjectProperty<Boolean> minimised = new SimpleObjectProperty<>(false);

    private final ConsoleContext ctx;
    private final ConsolePrefs prefs;
    private final OutageBanner banner;
    private final Map<String, PageSpec> specs = new LinkedHashMap<>();
    private final Map<String, Page> built = new LinkedHashMap<>();
    private final BiConsumer<LinkState, String> stateListener;
    private final StreamListener activity;
    private final ScheduledFuture<?> ticker;
    private volatile long lastFrameMillis;
    private volatile long coalescedTotal;
    private boolean closed;

    public MainViewModel(ConsoleContext ctx, List<PageSpec> pages, ConsolePrefs prefs) {
        this.ctx = ctx;
        this.prefs = prefs;
        pages.forEach(p -> specs.put(p.id(), p));
        dark.set(prefs.dark());
        gatewayText.set(ctx.link().nodeName() + " · " + ctx.link().httpUrl());
        dark.addListener((o, was, now) -> ctx.timer().execute(() -> prefs.dark(now)));
        ctx.navigator(this::show);
        RecentGateways recents = new RecentGateways(ctx.home(), new TokenVault(ctx.home()));
        banner = new OutageBanner(ctx.outage(), ctx.link(), ctx.ui(), ctx.timer(), recents::renewToken,
                System::currentTimeMillis);
        stateListener = (s, detail) -> ctx.ui().run(() -> {
            linkState.set(s);
            statusText.set(detail == null || detail.isEmpty() ? s.label() : s.label() + " (" + detail + ")");
            gatewayText.set(ctx.link().nodeName() + " · " + ctx.link().httpUrl());
        });
        activity = new StreamListener() {
            @Override
            public void snapshot(AdminFrame.Snapshot snapshot) {
                lastFrameMillis = System.currentTimeMillis();
            }

            @Override
            public void deltas(List<AdminDelta> items, AdminDelta.Stats stats, long coalesced) {
                lastFrameMillis = System.currentTimeMillis();
                coalescedTotal += coalesced;
            }
        };
        ctx.link().addListener(activity);
        ctx.link().addStateListener(stateListener);
        ticker = ctx.timer().scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    public ReadOnlyObjectProperty<LinkState> linkStateProperty() {
        return linkState.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusTextProperty() {
        return statusText.getReadOnlyProperty();
    }

    /** {@code gw-1 · http://10.0.0.5:8080} */
    public ReadOnlyStringProperty gatewayTextProperty() {
        return gatewayText.getReadOnlyProperty();
    }

    /** {@code last update 10:01:02} and, when the gateway had to leave deltas out, how many. */
    public ReadOnlyStringProperty streamTextProperty() {
        return streamText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty pageIdProperty() {
        return pageId.getReadOnlyProperty();
    }

    /** The page on screen. */
    public ReadOnlyObjectProperty<Page> pageProperty() {
        return page.getReadOnlyProperty();
    }

    public BooleanProperty darkProperty() {
        return dark;
    }

    public BooleanProperty readOnlyProperty() {
        return ctx.readOnlyProperty();
    }

    public List<PageSpec> pages() {
        return List.copyOf(specs.values());
    }

    public ConsoleContext context() {
        return ctx;
    }

    /** The banner across the pages while their data is not live (gateway unreachable, token refused). */
    public OutageBanner outageBanner() {
        return banner;
    }

    // ---- commands ------------------------------------------------------------------------------

    /** Shows page {@code id} (building it on first visit) and hands it {@code argument}. */
    public void show(String id, String argument) {
        PageSpec spec = specs.get(id);
        if (spec == null) {
            return;
        }
        Page next = prepare(id);
        Page previous = page.get();
        if (previous != next) {
            if (previous != null) {
                previous.deactivated();
            }
            pageId.set(id);
            page.set(next);
            if (!Boolean.TRUE.equals(minimised.get())) {
                next.activated();
            }
            ctx.timer().execute(() -> prefs.lastPage(id));
        }
        if (argument != null) {
            next.open(argument);
        }
    }

    /**
     * Builds page {@code id} without showing it (its view model starts collecting the stream), or
     * returns it if built; null for an unknown id.
     */
    public Page prepare(String id) {
        PageSpec spec = specs.get(id);
        return spec == null ? null : built.computeIfAbsent(id, k -> spec.factory().apply(ctx));
    }

    /** Page {@code id} if it is built, else null. */
    public Page built(String id) {
        return built.get(id);
    }

    /** The pages not built yet, in navigation order. */
    public List<String> unbuilt() {
        return specs.keySet().stream().filter(id -> !built.containsKey(id)).toList();
    }

    /** The page at position {@code index} of the navigation (Ctrl+1 is 0). */
    public void showIndex(int index) {
        List<PageSpec> list = pages();
        if (index >= 0 && index < list.size()) {
            show(list.get(index).id(), null);
        }
    }

    /** The first page: the last one used, or the first listed. */
    public void showFirst() {
        String last = prefs.lastPage();
        show(specs.containsKey(last) ? last : specs.keySet().iterator().next(), null);
    }

    /**
     * The global search box: {@code user:zoe} opens that user's timeline, anything else is taken as
     * an event id and traced.
     */
    public void search(String text) {
        if (text == null || text.isBlank()) {
            return;
        }
        show("trace", text.trim());
    }

    /** The window was minimised or restored: no stream, no refresh while nobody looks. */
    public void minimised(boolean now) {
        if (Boolean.valueOf(now).equals(minimised.get())) {
            return;
        }
        minimised.set(now);
        Page p = page.get();
        if (now) {
            if (p != null) {
                p.deactivated();
            }
            ctx.link().pause();
        } else {
            ctx.link().resume();
            if (p != null) {
                p.activated();
            }
        }
    }

    public void toggleTheme() {
        dark.set(!dark.get());
    }

    /** Does nothing when read-only was imposed at start ({@link ConsoleContext#lockReadOnly}). */
    public void toggleReadOnly() {
        if (!readOnlyLocked()) {
            ctx.readOnlyProperty().set(!ctx.readOnlyProperty().get());
        }
    }

    public boolean readOnlyLocked() {
        return ctx.readOnlyLocked();
    }

    private void tick() {
        ctx.ui().run(banner::refresh);
        long last = lastFrameMillis;
        long coalesced = coalescedTotal;
        if (ctx.link().paused()) {
            return;
        }
        String text = last == 0 ? "no stream data yet" : "last update " + Format.clock(last);
        if (coalesced > 0) {
            text += " · gateway coalesced " + Format.count(coalesced) + " deltas";
        }
        String t = text;
        ctx.ui().run(() -> streamText.set(t));
    }

    /** Leaves the gateway: every page disposes of its listeners and timers, then the link closes. */
    /** True once the user left this gateway. */
    public boolean closed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
        ticker.cancel(false);
        ctx.link().removeListener(activity);
        ctx.link().removeStateListener(stateListener);
        Page p = page.get();
        if (p != null) {
            p.deactivated();
        }
        built.values().forEach(Page::dispose);
        ctx.close();
    }
}
