package dev.switchboard.console.overview;

import dev.switchboard.model.admin.AdminDelta;
import dev.switchboard.model.admin.AdminFrame;
import dev.switchboard.adminclient.AdminCallException;
import dev.switchboard.console.link.StreamListener;
import dev.switchboard.console.shell.ConsoleContext;
import dev.switchboard.console.shell.PageModel;
import dev.switchboard.console.ui.Coalescer;
import dev.switchboard.console.ui.Format;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Overview page's view model: node health ({@link NodeHealth}) and live charts
 * ({@link OverviewTrends}) for the connected gateway, and the drain command.
 *
 * <p>Where the data comes from: the admin stream's stats frame (once a second) feeds the charts and
 * the live figures from the moment the page is built, shown or not, so the charts are full when the
 * user comes back (a few hundred small points: cheap). {@code GET /admin/node} and
 * {@code GET /admin/nodes} (the cluster card, {@link ClusterNodes}) are asked on
 * {@link #activate} and every 5 s until {@link #deactivate}, never while the window is minimised.
 *
 * <p>Threads: properties change on the {@link dev.switchboard.console.ui.UiThread} only. Stream frames
 * are parsed on the stream thread and handed over in batches by a {@link Coalescer}; REST answers
 * complete on OkHttp threads and are applied via the UiThread. {@link #rates} and {@link #polling}
 * belong to the UI thread.
 */
final class OverviewViewModel implements PageModel {
    static final long REFRESH_SECONDS = 5;

    private final ConsoleContext ctx;
    private final NodeHealth health;
    private final OverviewTrends trends = new OverviewTrends();
    private final StatsRates rates = new StatsRates();
    private final StringProperty drainStatus = new SimpleStringProperty("");
    /** Null unless the console runs the connected gateway itself. */
    private final LocalGatewayCard localGateway;
    private final ClusterNodes cluster = new ClusterNodes();
    private final AtomicBoolean asking = new AtomicBoolean();
    private final AtomicBoolean askingNodes = new AtomicBoolean();
    private final StreamListener listener;
    private ScheduledFuture<?> polling;

    OverviewViewModel(ConsoleContext ctx) {
        this.ctx = ctx;
        this.health = new NodeHealth(ctx.link().nodeName());
        this.localGateway = ctx.localGateway() == null ? null : new LocalGatewayCard(ctx.localGateway());
        Coalescer<StatsFrame> frames = new Coalescer<>(ctx.ui(), ctx.timer(), 250, 600, this::apply);
        this.listener = new StreamListener() {
            @Override
            public void snapshot(AdminFrame.Snapshot snapshot) {
                frames.offer(StatsFrame.fromSnapshot(snapshot));
            }

            @Override
            public void deltas(List<AdminDelta> items, AdminDelta.Stats stats, long coalesced) {
                if (stats != null) {
                    frames.offer(StatsFrame.fromStats(stats));
                }
            }
        };
        ctx.link().addListener(listener);
    }

    // ---- properties -----------------------------------------------------------------------------

    NodeHealth health() {
        return health;
    }

    /** The cluster's nodes (the card shows when there is more than one). */
    ClusterNodes cluster() {
        return cluster;
    }

    OverviewTrends trends() {
        return trends;
    }

    /** How to reach the console's own gateway and tokens for it; null for any other gateway. */
    LocalGatewayCard localGateway() {
        return localGateway;
    }

    /** What the last drain did, for the node card ("" before any). */
    ReadOnlyStringProperty drainStatusProperty() {
        return drainStatus;
    }

    ReadOnlyBooleanProperty readOnlyProperty() {
        return ctx.readOnlyProperty();
    }

    /** {@code http://host:port}: the gateway this page watches. */
    String gatewayUrl() {
        return ctx.api().baseUrl();
    }

    // ---- commands -------------------------------------------------------------------------------

    /** The page is shown: node details now and every 5 s (skipped while the window is minimised). */
    @Override
    public void activate() {
        refreshNode();
        if (polling == null) {
            polling = ctx.timer().scheduleWithFixedDelay(this::refreshNode, REFRESH_SECONDS, REFRESH_SECONDS,
                    TimeUnit.SECONDS);
        }
    }

    /** The page is hidden (another page, or the window minimised): no more polling. */
    @Override
    public void deactivate() {
        if (polling != null) {
            polling.cancel(false);
            polling = null;
        }
    }

    /**
     * Asks {@code GET /admin/node} and {@code GET /admin/nodes} unless the window is minimised or an
     * answer is still awaited.
     */
    void refreshNode() {
        if (ctx.paused()) {
            return;
        }
        refreshNodes();
        if (!asking.compareAndSet(false, true)) {
            return;
        }
        ctx.api().node().whenComplete((node, error) -> {
            asking.set(false);
            long now = System.currentTimeMillis();
            ctx.ui().run(() -> {
                if (error == null) {
                    health.applyNode(node, now);
                } else {
                    health.failed(AdminCallException.of(error).describe());
                }
            });
        });
    }

    private void refreshNodes() {
        if (!askingNodes.compareAndSet(false, true)) {
            return;
        }
        ctx.api().nodes().whenComplete((list, error) -> {
            askingNodes.set(false);
            long now = System.currentTimeMillis();
            ctx.ui().run(() -> {
                if (error == null) {
                    cluster.apply(list, now);
                } else {
                    cluster.failed(AdminCallException.of(error).describe());
                }
            });
        });
    }

    /** {@code POST /admin/drain}; refused without a request in read-only mode. The page confirms first. */
    void drain() {
        if (ctx.readOnly()) {
            ctx.notice("Read-only mode: the node was not drained");
            return;
        }
        String node = health.nodeProperty().get();
        drainStatus.set("Asking " + node + " to drain…");
        ctx.api().drain().whenComplete((answer, error) -> ctx.ui().run(() -> {
            if (error == null) {
                health.drainStarted();
                Duration grace = Duration.ofMillis(answer.graceMs());
                drainStatus.set("Draining since " + Format.clock(System.currentTimeMillis())
                        + ": new connections refused, clients told to move, the rest closed after "
                        + Format.duration(grace) + ".");
                ctx.notice("Node " + node + " is draining");
                refreshNode();
            } else {
                drainStatus.set("Drain failed: " + AdminCallException.of(error).describe());
                ctx.notice("Drain of " + node + " failed: " + AdminCallException.of(error).describe());
            }
        }));
    }

    /** The link is gone for good. */
    @Override
    public void dispose() {
        deactivate();
        ctx.link().removeListener(listener);
    }

    // ---- stream ---------------------------------------------------------------------------------

    private void apply(List<StatsFrame> batch) {
        for (StatsFrame f : batch) {
            health.applyStats(f);
            if (f.snapshot()) {
                rates.rebaseline();
                trends.streamRestarted();
            }
            trends.apply(f, rates.next(f));
        }
    }

}
