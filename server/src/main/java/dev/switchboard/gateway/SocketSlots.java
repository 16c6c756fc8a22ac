package dev.switchboard.gateway;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Open TCP connections to the WebSocket port, upgraded or not, held to {@code ws.max-connections}: the
 * file descriptors of the process are shared with the HTTP API and the database, and a flood of idle
 * sockets must not take them all. A slot is taken when a socket is accepted and given back when the
 * socket is really closed (after its linger, see {@link CountingChannel#close}). Thread-safe.
 */
final class SocketSlots {
    private final int max;
    private final AtomicInteger open = new AtomicInteger();

    SocketSlots(int max) {
        this.max = max;
    }

    /** Takes a slot; false when all are taken. */
    boolean tryTake() {
        while (true) {
            int n = open.get();
            if (n >= max) {
                return false;
            }
            if (open.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    void giveBack() {
        open.decrementAndGet();
    }

    int open() {
        return open.get();
    }
}
