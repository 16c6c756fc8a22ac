package dev.switchboard.bench;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The publish path of the broadcasters that take events over WebSocket (the bare Java-WebSocket and
 * Node ws broadcasters, socket.io): {@code inFlight} publisher connections on a selector thread of their
 * own, each sending its next publish when the previous one is acknowledged.
 */
final class WebSocketPublishPath implements PublishPath, WebSocketLoad.Handler, PeerDialect.Events {
    private final PeerDialect dialect;
    private final int resources;
    private final WebSocketLoad ws;
    private final List<WebSocketLoad.Conn> conns = new ArrayList<>();
    private final CompletableFuture<Void> allReady = new CompletableFuture<>();
    private final int publishers;
    private int ready;
    // The batch under way; selector thread only.
    private RoomPlan plan;
    private long next;
    private long end;
    private long acked;
    private long errors;
    private String lastError;
    private long ackId;
    private CompletableFuture<Published> done;

    WebSocketPublishPath(InetSocketAddress server, PeerDialect dialect, int inFlight, int resources) throws Exception {
        this.dialect = dialect;
        this.resources = resources;
        this.publishers = inFlight;
        this.ws = new WebSocketLoad(this);
        for (int i = 0; i < inFlight; i++) {
            ws.connect(i, server, null, dialect.path(i, List.of()), new PeerLink(i, List.of()));
        }
        allReady.get(30, TimeUnit.SECONDS);
    }

    @Override
    public Published publish(RoomPlan plan, long from, long count) throws Exception {
        CompletableFuture<Published> f = new CompletableFuture<>();
        ws.call(() -> {
            this.plan = plan;
            this.next = from;
            this.end = from + count;
            this.acked = 0;
            this.errors = 0;
            this.done = f;
            for (WebSocketLoad.Conn c : conns) {
                sendNext(c);
            }
            finishIfDone();
            return null;
        });
        return f.get(600, TimeUnit.SECONDS);
    }

    private void sendNext(WebSocketLoad.Conn c) {
        PeerLink link = (PeerLink) c.attachment;
        if (next >= end || !c.isOpen()) {
            return;
        }
        long seq = next++;
        link.awaitingAck = true;
        ws.sendText(c, dialect.publish(plan.roomsOf(seq), BenchEvent.payload(seq, resources), ackId++));
    }

    private void finishIfDone() {
        if (done != null && noneAwaiting()) {
            done.complete(new Published(acked, acked, errors, lastError));
            done = null;
        }
    }

    private boolean noneAwaiting() {
        if (next < end && conns.stream().anyMatch(WebSocketLoad.Conn::isOpen)) {
            return false;
        }
        for (WebSocketLoad.Conn c : conns) {
            if (((PeerLink) c.attachment).awaitingAck) {
                return false;
            }
        }
        return true;
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
        PeerLink link = (PeerLink) c.attachment;
        if (link.awaitingAck) {
            link.awaitingAck = false;
            errors++;
            lastError = "publisher closed: " + code + " " + reason;
        }
        if (!link.ready) {
            allReady.completeExceptionally(new IllegalStateException("publisher closed before ready: " + code + " " + reason));
        }
        finishIfDone();
    }

    @Override
    public void ready(WebSocketLoad.Conn c) {
        PeerLink link = (PeerLink) c.attachment;
        if (!link.ready) {
            link.ready = true;
            conns.add(c);
            if (++ready == publishers) {
                allReady.complete(null);
            }
        }
    }

    @Override
    public void event(WebSocketLoad.Conn c, long seq) {
        problem("a publisher got event " + seq);
    }

    @Override
    public void ack(WebSocketLoad.Conn c) {
        ((PeerLink) c.attachment).awaitingAck = false;
        acked++;
        sendNext(c);
        finishIfDone();
    }

    @Override
    public void problem(String what) {
        lastError = what;
    }

    @Override
    public void close() throws InterruptedException {
        ws.close();
    }
}
