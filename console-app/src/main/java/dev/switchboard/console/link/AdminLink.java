package dev.switchboard.console.link;

import dev.switchboard.adminclient.AdminApi;
import dev.switchboard.adminclient.AdminHttpClient;
import dev.switchboard.adminclient.AdminStreamSocket;
import dev.switchboard.model.admin.AdminDelta;
import dev.switchboard.model.admin.AdminFrame;
import dev.switchboard.model.admin.NodeStatus;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The console's connection to one gateway: the admin REST API and the admin stream, which it keeps
 * open by itself. When the stream drops (gateway restart, network), the link says RECONNECTING and
 * tries again with backoff from 250 ms up to 10 s; every reconnect starts with a fresh snapshot, so
 * views resynchronise instead of guessing what they missed.
 *
 * <p>A 401, to any admin call or to the stream's upgrade, means the admin token expired or was revoked:
 * the link closes the stream, stops retrying (the same token would be refused again) and says
 * TOKEN_REFUSED until {@link #useToken} brings a new one, with which it reconnects.
 *
 * <p>While the window is minimised ({@link #pause}) the stream is asked for no topics at all and
 * views stop their refreshes, so a hidden console costs the gateway nothing; {@link #resume}
 * reconnects for a fresh snapshot.
 *
 * <p>Threads: the stream's callbacks run on OkHttp's reader thread and go straight to the
 * {@link StreamListener}s; reconnect timing runs on the link's own scheduler ({@code console-link}).
 * State changes are reported to the state listener from those threads.
 */
public final class AdminLink implements AdminFeed {
    private static final Logger log = LoggerFactory.getLogger(AdminLink.class);
    private static final long FIRST_BACKOFF_MS = 250;
    private static final long MAX_BACKOFF_MS = 10_000;

    private final AdminHttpClient api;
    private final String adminWsUrl;
    private final List<StreamListener> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "console-link");
        t.setDaemon(true);
        return t;
    });
    private final Object lock = new Object();
    // guarded by lock
    private Attempt attempt;
    private long nextRef = 1;
    private long backoffMs = FIRST_BACKOFF_MS;
    private ScheduledFuture<?> retry;
    private boolean paused;
    private boolean closed;
    /** The gateway refused the token: no reconnect until {@link #useToken}. */
    private boolean tokenRefused;
    private volatile long nextAttemptAtMillis;
    private final LinkStates states = new LinkStates(LinkState.DISCONNECTED);
    /**
     * The last snapshot and the connection and room deltas since, replayed to a listener added later
     * (a page built after the link connected), so it starts from the node's state rather than from
     * nothing. Events are not kept: they are history, and pages read recent history over REST.
     * Guarded by {@code dispatch}, which also orders replay before live frames for a new listener.
     */
    private final Object dispatch = new Object();
    private AdminFrame.Snapshot lastSnapshot;
    private final List<AdminDelta> sinceSnapshot = new ArrayList<>();
    private boolean replayOverflowed;
    private static final int REPLAY_LIMIT = 50_000;
    private volatile String nodeName = "";

    private AdminLink(AdminHttpClient api, String adminWsUrl, BiConsumer<LinkState, String> stateListener) {
        this.api = api;
        this.adminWsUrl = adminWsUrl;
        this.states.addQuietly(stateListener);
    }

    /**
     * The OkHttp client every link shares: the admin client's default, pinging every 3 s, so a gateway
     * whose machine vanished (no TCP reset) is noticed within about 6 s, not 20: until then every page
     * would show its last state as live.
     */
    public static OkHttpClient defaultHttp() {
        return AdminHttpClient.defaultHttp().newBuilder().pingInterval(Duration.ofSeconds(3)).build();
    }

    /**
     * Checks the URL and token ({@code GET /admin/node}), learns the WebSocket port ({@code /api/info}),
     * then opens the stream. Completes with the link, or exceptionally with the reason (bad token,
     * unreachable, not an admin token).
     */
    public static CompletableFuture<AdminLink> open(String httpUrl, String adminToken, OkHttpClient http,
                                                      BiConsumer<LinkState, String> stateListener) {
        AdminHttpClient api = new AdminHttpClient(httpUrl, adminToken, http);
        // both asked at once: on a busy gateway each answer takes a while
        CompletableFuture<NodeStatus> nodeAnswer = api.node();
        return api.info().thenCombine(nodeAnswer, (info, node) -> {
            // the pages read connections and rooms a page at a time over HTTP: the snapshot need not list them
            String adminWs = AdminStreamSocket.adminStreamUrlStatsOnly(info.wsUrl());
            AdminLink link = new AdminLink(api, adminWs, stateListener);
            api.onTokenRefused(link::tokenRefused);
            link.nodeName = node.node() == null ? "" : node.node();
            link.connect();
            return link;
        });
    }

    public AdminApi api() {
        return api;
    }

    @Override
    public LinkState state() {
        return states.get();
    }

    @Override
    public String nodeName() {
        return nodeName;
    }

    @Override
    public String httpUrl() {
        return api.baseUrl();
    }

    /** Tells {@code l} the current state now, then every change (on the link's threads). */
    @Override
    public void addStateListener(BiConsumer<LinkState, String> l) {
        states.add(l);
    }

    @Override
    public void removeStateListener(BiConsumer<LinkState, String> l) {
        states.remove(l);
    }

    /**
     * Adds a listener and replays the node's state to it (see {@code lastSnapshot}) before live
     * frames. The replay runs on the link's own thread, never the caller's: pages add their listener
     * on the JavaFX thread, and a snapshot of a busy node is thousands of connections to go through.
     * Adding and removing go through that one thread in order, so a listener removed right after it
     * was added never receives anything.
     */
    @Override
    public void addListener(StreamListener l) {
        onLinkThread(() -> {
            synchronized (dispatch) {
                listeners.add(l);
                if (lastSnapshot != null && !replayOverflowed) {
                    l.snapshot(lastSnapshot);
                    if (!sinceSnapshot.isEmpty()) {
                        l.deltas(List.copyOf(sinceSnapshot), null, 0);
                    }
                }
            }
        });
    }

    @Override
    public void removeListener(StreamListener l) {
        listeners.remove(l);
        onLinkThread(() -> listeners.remove(l)); // in case its add is still queued
    }

    private void onLinkThread(Runnable task) {
        try {
            scheduler.execute(task);
        } catch (RejectedExecutionException closed) {
            // the link is closed: nothing will be dispatched to anyone
        }
    }

    /** The window was minimised: ask the stream for nothing. */
    @Override
    public void pause() {
        synchronized (lock) {
            if (paused || closed) {
                return;
            }
            paused = true;
            if (tokenRefused) {
                return; // nothing flows, and the refusal stays what the status bar says
            }
            if (attempt != null && attempt.socket != null) {
                attempt.socket.subscribe(nextRef++, List.of(), null, null);
            }
        }
        setState(LinkState.PAUSED, "");
    }

    /** The window is back: reconnect for a fresh snapshot and every topic. */
    @Override
    public void resume() {
        synchronized (lock) {
            if (!paused || closed) {
                return;
            }
            paused = false;
            if (tokenRefused) {
                return;
            }
            closeAttempt();
        }
        connect();
    }

    @Override
    public long nextAttemptAtMillis() {
        return nextAttemptAtMillis;
    }

    @Override
    public void retryNow() {
        synchronized (lock) {
            if (closed || tokenRefused || paused || attempt != null) {
                return; // connected, trying already, or waiting for a token
            }
            cancelRetry();
        }
        connect();
    }

    @Override
    public CompletableFuture<Void> useToken(String adminToken) {
        AdminHttpClient check = new AdminHttpClient(api.baseUrl(), adminToken, api.http());
        return check.node().thenAccept(node -> {
            synchronized (lock) {
                if (closed) {
                    return;
                }
                api.useToken(adminToken);
                tokenRefused = false;
                backoffMs = FIRST_BACKOFF_MS;
                cancelRetry();
                closeAttempt();
            }
            log.info("admin link to {} goes on with a new token", api.baseUrl());
            connect();
        });
    }

    /**
     * A call or the stream's upgrade was answered 401 with {@code token}. A late answer to a call made
     * with a token replaced since is not about the current one, and is ignored.
     */
    private void tokenRefused(String token) {
        synchronized (lock) {
            if (closed || tokenRefused || !token.equals(api.token())) {
                return;
            }
            tokenRefused = true;
            cancelRetry();
            closeAttempt();
        }
        log.info("the gateway {} refused the admin token (401); waiting for a new one", api.baseUrl());
        setState(LinkState.TOKEN_REFUSED, "");
    }

    /** Under {@code lock}. */
    private void cancelRetry() {
        if (retry != null) {
            retry.cancel(false);
            retry = null;
        }
        nextAttemptAtMillis = 0;
    }

    @Override
    public boolean paused() {
        synchronized (lock) {
            return paused;
        }
    }

    private void connect() {
        synchronized (lock) {
            if (closed || tokenRefused) {
                return;
            }
            retry = null;
            nextAttemptAtMillis = 0;
            // RECONNECTING only after a loss: a first connect, a restored window or a new token is none
            LinkState was = states.get();
            setState(was == LinkState.RECONNECTING ? LinkState.RECONNECTING : LinkState.CONNECTING, "");
            Attempt next = new Attempt(api.token());
            attempt = next;
            // Assigned under the lock, which the snapshot handler takes before it uses the socket; an
            // early failure is matched by attempt, not by socket, so it counts even before this line.
            next.socket = AdminStreamSocket.open(api, adminWsUrl, next);
        }
    }

    /** Closes the current attempt on purpose; its end is then ignored. Under {@code lock}. */
    private void closeAttempt() {
        Attempt current = attempt;
        attempt = null;
        if (current != null && current.socket != null) {
            current.socket.close();
        }
    }

    private void lost(Attempt ended, String why) {
        synchronized (lock) {
            if (ended != attempt || closed) {
                return; // an old stream we replaced on purpose
            }
            attempt = null;
            long wait = backoffMs;
            backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
            log.info("admin stream to {} lost ({}); reconnecting in {} ms", adminWsUrl, why, wait);
            nextAttemptAtMillis = System.currentTimeMillis() + wait;
            setState(LinkState.RECONNECTING, why);
            try {
                retry = scheduler.schedule(this::connect, wait, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException shutDown) {
                // closed meanwhile
            }
        }
    }

    private void setState(LinkState s, String detail) {
        states.set(s, detail);
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            closeAttempt();
        }
        scheduler.shutdownNow();
        setState(LinkState.DISCONNECTED, "");
    }

    /** One attempt's stream: frames and the end of an attempt the link has since replaced are ignored. */
    private final class Attempt implements AdminStreamSocket.Listener {
        private volatile AdminStreamSocket socket;
        /** The token this attempt's upgrade carried. */
        private final String token;

        Attempt(String token) {
            this.token = token;
        }

        @Override
        public void frame(AdminFrame frame) {
            if (frame instanceof AdminFrame.Snapshot snapshot) {
                snapshot(snapshot);
            } else if (frame instanceof AdminFrame.Deltas deltas) {
                deltas(deltas);
            }
        }

        private void snapshot(AdminFrame.Snapshot snapshot) {
            synchronized (lock) {
                if (attempt != this) {
                    return;
                }
                backoffMs = FIRST_BACKOFF_MS;
                if (paused) {
                    socket.subscribe(nextRef++, List.of(), null, null);
                }
            }
            if (snapshot.node() != null) {
                nodeName = snapshot.node();
            }
            if (!paused()) {
                setState(LinkState.CONNECTED, "");
            }
            synchronized (dispatch) {
                lastSnapshot = snapshot;
                sinceSnapshot.clear();
                replayOverflowed = false;
                for (StreamListener l : listeners) {
                    l.snapshot(snapshot);
                }
            }
        }

        private void deltas(AdminFrame.Deltas frame) {
            synchronized (dispatch) {
                keepForReplay(frame.items(), frame.coalesced());
                for (StreamListener l : listeners) {
                    l.deltas(frame.items(), frame.stats(), frame.coalesced());
                    if (!frame.more().isEmpty()) {
                        l.leftOut(frame.more());
                    }
                }
            }
        }

        @Override
        public void ended(String why, int refusedStatus) {
            if (refusedStatus == 401) {
                tokenRefused(token);
            } else {
                lost(this, why);
            }
        }
    }

    /** Keeps the connection and room deltas since the snapshot for listeners added later; under {@code dispatch}. */
    private void keepForReplay(List<AdminDelta> items, long coalesced) {
        if (coalesced > 0) {
            replayOverflowed = true; // the gateway left deltas out: a replay could not be whole
        }
        for (AdminDelta i : items) {
            if ((i.topic().equals("connections") || i.topic().equals("rooms")) && !replayOverflowed) {
                sinceSnapshot.add(i);
                if (sinceSnapshot.size() > REPLAY_LIMIT) {
                    replayOverflowed = true;
                    sinceSnapshot.clear();
                }
            }
        }
    }
}
