package dev.switchboard.http;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.thread.Scheduler;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Reads one request body without holding a thread while the client is slow: it takes what has
 * arrived, asks Jetty to call back when more does, and ends in exactly one of {@code done} or
 * {@code failed}. Bounded three ways: the body's size ({@code http.max-body-bytes}, refused from the
 * declared length before anything is read), the bytes all bodies hold together ({@link BodyBudget}),
 * and the time the body may take ({@code http.body-timeout}, 408).
 *
 * <p>Threads: {@link #run} runs on Jetty's pool, one call at a time (a new demand is only made at the
 * end of a run); the timeout runs on the scheduler. {@code finished} decides which one ends it.
 */
final class BodyReader implements Runnable {
    private final Request request;
    private final int limit;
    private final BodyBudget budget;
    private final Consumer<Body> done;
    private final Consumer<ApiException> failed;
    private final AtomicBoolean finished = new AtomicBoolean();
    private ByteArrayOutputStream bytes;
    /** Budget bytes this reader holds; whoever finishes the read takes them (released or handed on). */
    private final AtomicLong reserved = new AtomicLong();
    private Scheduler.Task timeout;

    /** What was read, and what it holds of the budget until the request is answered. */
    record Body(byte[] bytes, long reserved) {
    }

    private BodyReader(Request request, int limit, BodyBudget budget, Consumer<Body> done, Consumer<ApiException> failed) {
        this.request = request;
        this.limit = limit;
        this.budget = budget;
        this.done = done;
        this.failed = failed;
    }

    /** True when the request says it has a body (a length above zero, or chunked). */
    static boolean hasBody(Request request) {
        long length = request.getLength();
        return length > 0 || (length < 0 && request.getHeaders().contains("Transfer-Encoding"));
    }

    static void read(Request request, int limit, BodyBudget budget, Scheduler scheduler, Duration timeout,
                     Consumer<Body> done, Consumer<ApiException> failed) {
        BodyReader reader = new BodyReader(request, limit, budget, done, failed);
        long declared = request.getLength();
        if (declared > limit) {
            failed.accept(ApiException.tooLarge("request body is " + declared + " bytes; at most " + limit));
            return;
        }
        if (declared > 0 && !reader.reserve(declared)) {
            return;
        }
        reader.bytes = new ByteArrayOutputStream((int) Math.max(0, Math.min(declared, 64 * 1024)));
        reader.timeout = scheduler.schedule(reader::timedOut, timeout.toMillis(), TimeUnit.MILLISECONDS);
        reader.run();
    }

    @Override
    public void run() {
        while (!finished.get()) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                request.demand(this);
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                fail(new ApiException(400, "bad_request", "could not read the request body: "
                        + (chunk.getFailure() == null ? "failed" : chunk.getFailure().getMessage())));
                return;
            }
            ByteBuffer buffer = chunk.getByteBuffer();
            int n = buffer.remaining();
            if (bytes.size() + n > limit) {
                chunk.release();
                fail(ApiException.tooLarge("request body is over " + limit + " bytes"));
                return;
            }
            if (bytes.size() + n > reserved.get() && !reserve(bytes.size() + n - reserved.get())) {
                chunk.release();
                return;
            }
            byte[] copy = new byte[n];
            buffer.get(copy);
            bytes.write(copy, 0, n);
            boolean last = chunk.isLast();
            chunk.release();
            if (last) {
                if (finished.compareAndSet(false, true)) {
                    timeout.cancel();
                    done.accept(new Body(bytes.toByteArray(), reserved.getAndSet(0)));
                }
                return;
            }
        }
    }

    private boolean reserve(long more) {
        if (budget.tryReserve(more)) {
            reserved.addAndGet(more);
            if (finished.get()) {
                // The timeout ended the read meanwhile and released what it saw; give back the rest.
                budget.release(reserved.getAndSet(0));
                return false;
            }
            return true;
        }
        fail(new ApiException(503, "overloaded", "too many request bodies are being read at once"
                + " (http.max-buffered-body-bytes); retry shortly"));
        return false;
    }

    private void timedOut() {
        fail(new ApiException(408, "timeout", "the request body did not arrive within the body timeout"
                + " (http.body-timeout)"));
    }

    private void fail(ApiException e) {
        if (finished.compareAndSet(false, true)) {
            if (timeout != null) {
                timeout.cancel();
            }
            budget.release(reserved.getAndSet(0));
            failed.accept(e);
        }
    }
}
