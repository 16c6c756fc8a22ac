package dev.switchboard.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The subscriber side of the side-by-side benchmark: every connection's deliveries, counted by
 * benchmark number so that the end check can tell a lost event from a duplicate. Callbacks and
 * counters belong to the {@link WebSocketLoad} selector thread; other threads read through its call.
 */
final class PeerSubscribers implements WebSocketLoad.Handler, PeerDialect.Events {
    final AtomicInteger settled = new AtomicInteger();
    final AtomicInteger ready = new AtomicInteger();
    private final PeerDialect dialect;
    private final Map<String, Integer> closes = new TreeMap<>();
    private final List<String> problems = new ArrayList<>();
    WebSocketLoad ws;
    private long received;
    private long windowDeliveries;
    private long lastDeliveryNanos;
    private boolean measuring;

    /** What the window saw. */
    record Window(long deliveries, long lastDeliveryNanos) {
    }

    /** The end check: connections lacking events, the events they lack, duplicates, connections closed. */
    record Check(int lacking, long missing, long duplicates, int closed, List<String> problems, Map<String, Integer> closes) {
        boolean clean() {
            return lacking == 0 && duplicates == 0 && closed == 0;
        }
    }

    PeerSubscribers(PeerDialect dialect) {
        this.dialect = dialect;
    }

    @Override
    public void opened(WebSocketLoad.Conn c) {
        dialect.opened(ws, c, (PeerLink) c.attachment);
    }

    @Override
    public void text(WebSocketLoad.Conn c, byte[] a, int off, int len) {
        dialect.text(ws, c, (PeerLink) c.attachment, a, off, len, this);
    }

    @Override
    public void closed(WebSocketLoad.Conn c, int code, String reason) {
        closes.merge(code + (reason.isEmpty() ? "" : " " + reason), 1, Integer::sum);
        if (!((PeerLink) c.attachment).ready) {
            settled.incrementAndGet();
        }
    }

    @Override
    public void ready(WebSocketLoad.Conn c) {
        PeerLink link = (PeerLink) c.attachment;
        if (!link.ready) {
            link.ready = true;
            ready.incrementAndGet();
            settled.incrementAndGet();
        }
    }

    @Override
    public void event(WebSocketLoad.Conn c, long seq) {
        PeerLink link = (PeerLink) c.attachment;
        if (link.got.get((int) seq)) {
            link.duplicates++;
            return;
        }
        link.got.set((int) seq);
        received++;
        if (measuring) {
            windowDeliveries++;
            lastDeliveryNanos = System.nanoTime();
        }
    }

    @Override
    public void ack(WebSocketLoad.Conn c) {
        problem("a subscriber got an acknowledgement");
    }

    @Override
    public void problem(String what) {
        if (problems.size() < 10) {
            problems.add(what);
        }
    }

    /** Distinct deliveries so far. */
    long received() {
        return received;
    }

    Void startWindow() {
        measuring = true;
        windowDeliveries = 0;
        lastDeliveryNanos = System.nanoTime();
        return null;
    }

    Window endWindow() {
        measuring = false;
        return new Window(windowDeliveries, lastDeliveryNanos);
    }

    /** Compares what each connection got with what it is owed for events [0, published). */
    Check check(RoomPlan plan, long published) {
        long[] owed = plan.owed(published);
        int lacking = 0;
        long missing = 0;
        long duplicates = 0;
        int closed = 0;
        for (WebSocketLoad.Conn c : ws.connections()) {
            PeerLink link = (PeerLink) c.attachment;
            long got = link.got.cardinality();
            if (got < owed[link.index]) {
                lacking++;
                missing += owed[link.index] - got;
            }
            duplicates += link.duplicates;
            if (!c.isOpen()) {
                closed++;
            }
        }
        return new Check(lacking, missing, duplicates, closed, List.copyOf(problems), new TreeMap<>(closes));
    }
}
