package dev.switchboard.http;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Request body bytes held by all requests together while they are read and handled
 * ({@code http.max-buffered-body-bytes}). A body that does not fit is refused with 503, so many slow
 * uploads at once cannot exhaust the heap. Thread-safe: reserved by the reading threads, released when
 * the request is answered.
 */
final class BodyBudget {
    private final long limit;
    private final AtomicLong held = new AtomicLong();

    BodyBudget(long limit) {
        this.limit = limit;
    }

    boolean tryReserve(long bytes) {
        while (true) {
            long now = held.get();
            if (now + bytes > limit) {
                return false;
            }
            if (held.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    void release(long bytes) {
        held.addAndGet(-bytes);
    }

    long held() {
        return held.get();
    }
}
