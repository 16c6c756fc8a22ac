package dev.switchboard.console.testing;

import dev.switchboard.console.link.AdminFeed;
import dev.switchboard.console.link.LinkState;
import dev.switchboard.console.link.LinkStates;
import dev.switchboard.console.link.StreamListener;
import dev.switchboard.model.admin.AdminDelta;
import dev.switchboard.model.admin.AdminFrame;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * An admin stream without a gateway, for view-model tests: the test sends the records a gateway would
 * and they reach the listeners on the test's thread, as the real stream's reader thread would call
 * them. Like the real link, a listener added late first gets the last snapshot.
 */
public final class FakeFeed implements AdminFeed {
    private final List<StreamListener> listeners = new CopyOnWriteArrayList<>();
    private volatile AdminFrame.Snapshot last;
    private final LinkStates states = new LinkStates(LinkState.CONNECTING);
    private volatile boolean paused;
    private volatile long nextAttemptAt;
    private volatile int retries;
    private volatile CompletableFuture<Void> tokenAnswer = new CompletableFuture<>();
    private final List<String> tokens = new CopyOnWriteArrayList<>();

    /** A fresh stream's first frame: the listeners start over from it. */
    public void snapshot(AdminFrame.Snapshot snapshot) {
        last = snapshot;
        state(LinkState.CONNECTED, "");
        listeners.forEach(l -> l.snapshot(snapshot));
    }

    public void deltas(List<AdminDelta> items, AdminDelta.Stats stats) {
        listeners.forEach(l -> l.deltas(items, stats, 0));
    }

    /** A frame of deltas whose rest the gateway left out for the rate cap ({@code more}). */
    public void cappedDeltas(List<AdminDelta> items, Map<String, Long> more) {
        listeners.forEach(l -> {
            l.deltas(items, null, 0);
            l.leftOut(more);
        });
    }

    public void state(LinkState s, String detail) {
        states.set(s, detail);
    }

    /** The link lost the stream and tries again at {@code atMillis}. */
    public void lost(String why, long atMillis) {
        nextAttemptAt = atMillis;
        state(LinkState.RECONNECTING, why);
    }

    /** How often the user asked to retry now. */
    public int retries() {
        return retries;
    }

    /** What {@link #useToken} answers from now on. */
    public void answerTokens(CompletableFuture<Void> answer) {
        tokenAnswer = answer;
    }

    /** The tokens the console asked to go on with. */
    public List<String> tokens() {
        return List.copyOf(tokens);
    }

    public int listeners() {
        return listeners.size();
    }

    @Override
    public void addListener(StreamListener l) {
        listeners.add(l);
        if (last != null) {
            l.snapshot(last);
        }
    }

    @Override
    public void removeListener(StreamListener l) {
        listeners.remove(l);
    }

    @Override
    public void addStateListener(BiConsumer<LinkState, String> l) {
        states.add(l);
    }

    @Override
    public void removeStateListener(BiConsumer<LinkState, String> l) {
        states.remove(l);
    }

    @Override
    public LinkState state() {
        return states.get();
    }

    @Override
    public String nodeName() {
        AdminFrame.Snapshot s = last;
        return s == null || s.node() == null ? "" : s.node();
    }

    @Override
    public String httpUrl() {
        return "http://gateway.invalid:8080";
    }

    @Override
    public void pause() {
        paused = true;
    }

    @Override
    public void resume() {
        paused = false;
    }

    @Override
    public boolean paused() {
        return paused;
    }

    @Override
    public long nextAttemptAtMillis() {
        return nextAttemptAt;
    }

    @Override
    public void retryNow() {
        retries++;
    }

    @Override
    public CompletableFuture<Void> useToken(String adminToken) {
        tokens.add(adminToken);
        return tokenAnswer;
    }

    @Override
    public void close() {
        listeners.clear();
        states.clear();
    }
}
