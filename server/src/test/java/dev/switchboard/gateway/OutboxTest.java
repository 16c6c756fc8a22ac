package dev.switchboard.gateway;

import dev.switchboard.model.protocol.CloseCodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox without sockets: a plain queue stands for the library's, a counter for the bytes the
 * kernel took, and the test plays the selector thread.
 */
class OutboxTest {
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final FakeSocket socket = new FakeSocket();
    private final List<Long> cuts = new ArrayList<>();

    @AfterEach
    void stop() {
        timers.shutdownNow();
    }

    private Outbox outbox(long maxBytes) {
        return new Outbox(socket, 0, maxBytes, 200, timers, cuts::add);
    }

    private static byte[] frame(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * What the library's selector would do with the queue, against a kernel that takes at most
     * {@code kernelRoom} more bytes: write buffers from the head, the outbox's marker through the
     * outbox; stop at a buffer left unfinished. Answers the strings written, one per system call.
     */
    private List<String> selectorWrites(Outbox box, long kernelRoom) throws IOException {
        List<String> writes = new ArrayList<>();
        long[] room = {kernelRoom};
        Outbox.Writer kernel = src -> {
            int n = (int) Math.min(src.remaining(), room[0]);
            byte[] taken = new byte[n];
            src.get(taken);
            room[0] -= n;
            socket.written.addAndGet(n);
            writes.add(new String(taken, StandardCharsets.UTF_8));
            return n;
        };
        ByteBuffer head;
        while ((head = socket.queue.peek()) != null) {
            if (Outbox.mayBeMarker(head)) {
                box.writePending(head, kernel);
            } else {
                kernel.write(head);
            }
            if (head.hasRemaining()) {
                break; // the kernel is full: the library keeps write interest and comes back
            }
            socket.queue.poll();
        }
        return writes;
    }

    private List<String> selectorWrites(Outbox box) throws IOException {
        return selectorWrites(box, Long.MAX_VALUE);
    }

    @Test
    void framesOfABatchGoOutInOneWriteAfterOneSignal() throws IOException {
        Outbox box = outbox(1 << 20);
        synchronized (box) {
            assertThat(box.offer(frame("a1"))).isTrue();
            assertThat(box.offer(frame("b22"))).isTrue();
            assertThat(box.offer(frame("c333"))).isTrue();
        }
        assertThat(socket.queue).as("offering alone asks nothing of the selector").isEmpty();
        assertThat(socket.writeInterest.get()).isZero();

        assertThat(box.signal()).as("the first signal asks for write interest").isTrue();
        assertThat(box.signal()).as("a marker is already queued: nothing more to ask").isFalse();
        assertThat(socket.queue).hasSize(1);
        assertThat(socket.writeInterest.get()).isEqualTo(1);

        assertThat(selectorWrites(box)).as("one system call for the batch").containsExactly("a1b22c333");
        assertThat(socket.queue).isEmpty();
        assertThat(box.backlogBytes()).isZero();
    }

    @Test
    void whatTheKernelDidNotTakeWaitsAndNothingOvertakesAHalfWrittenFrame() throws IOException {
        Outbox box = outbox(1 << 20);
        synchronized (box) {
            box.offer(frame("first-frame"));
            box.offer(frame("second"));
        }
        box.signal();
        assertThat(selectorWrites(box, 5)).containsExactly("first");
        assertThat(box.backlogBytes()).isEqualTo(12);
        box.sendControl(frame("PING"));
        synchronized (box) {
            box.offer(frame("third"));
        }
        assertThat(box.signal()).as("the unfinished marker still stands for every pending frame").isFalse();
        assertThat(String.join("", selectorWrites(box))).as("the control frame waits for the frame it would cut")
                .isEqualTo("-framesecondthirdPING");
        assertThat(box.backlogBytes()).isZero();
    }

    @Test
    void aLongBacklogGivesControlFramesATurnEveryTurnBytes() throws IOException {
        Outbox box = outbox(10L << 20);
        byte[] frame = new byte[1000];
        synchronized (box) {
            for (int i = 0; i < 400; i++) {
                box.offer(frame);
            }
        }
        box.signal();
        box.sendControl(frame("PING"));
        List<String> writes = selectorWrites(box);
        int ping = writes.indexOf("PING");
        long before = writes.subList(0, ping).stream().mapToLong(String::length).sum();
        assertThat(before).as("the ping went out after one turn, not after the whole backlog")
                .isGreaterThanOrEqualTo(Outbox.TURN_BYTES).isLessThan(Outbox.TURN_BYTES + 64 * 1024);
        assertThat(writes.stream().mapToLong(String::length).sum()).isEqualTo(400_000 + 4);
    }

    @Test
    void backlogCountsQueuedMinusWrittenPlusHeld() {
        Outbox box = outbox(1 << 20);
        synchronized (box) {
            box.offer(new byte[100]);
            box.offer(new byte[50]);
            box.hold(30);
        }
        assertThat(box.backlogBytes()).isEqualTo(180);
        box.sendControl(new byte[2]);
        assertThat(box.backlogBytes()).as("control frames count too").isEqualTo(182);
        socket.written.addAndGet(120);
        assertThat(box.backlogBytes()).isEqualTo(62);
        synchronized (box) {
            box.unhold(30);
        }
        assertThat(box.backlogBytes()).isEqualTo(32);
    }

    @Test
    void aFrameOverTheLimitIsRefusedAndTheConnectionIsCutAfterWhatWasQueued() throws Exception {
        Outbox box = outbox(1000);
        synchronized (box) {
            assertThat(box.offer(new byte[600])).isTrue();
            assertThat(box.offer(new byte[600])).as("over ws.max-outgoing-bytes").isFalse();
            assertThat(box.offer(new byte[10])).as("nothing more once cut").isFalse();
        }
        box.cutIfOverflowed();
        box.cutIfOverflowed();
        assertThat(cuts).as("told once, with the unread bytes").containsExactly(600L);
        assertThat(box.closeCodeSent()).isEqualTo(CloseCodes.SLOW_CONSUMER);

        assertThat(socket.closed.await(2, TimeUnit.SECONDS)).isTrue();
        assertThat(socket.closedWith).as("4009").isEqualTo(CloseCodes.SLOW_CONSUMER);
        assertThat(socket.queueAtClose).as("the close frame is queued behind the marker of the pending frame")
                .hasSize(1).allMatch(Outbox::mayBeMarker);
        assertThat(selectorWrites(box)).as("the pending frame is still written before the close").hasSize(1);
    }

    @Test
    void aCutConnectionThatNeverReadsIsDroppedAfterTheTimeout() throws Exception {
        Outbox box = outbox(100);
        box.sendControl(new byte[90]);
        box.sendControl(new byte[20]);
        assertThat(cuts).hasSize(1);
        assertThat(socket.closed.await(2, TimeUnit.SECONDS)).as("nothing pending: the close frame goes at once").isTrue();
        assertThat(socket.aborted.await(2, TimeUnit.SECONDS)).as("the reader never took it: dropped").isTrue();
    }

    @Test
    void anOrdinaryCloseGoesBehindEverythingPending() {
        Outbox box = outbox(1 << 20);
        synchronized (box) {
            box.offer(frame("last words"));
        }
        box.close(1000, "bye");
        assertThat(socket.closedWith).isEqualTo(1000);
        assertThat(socket.queueAtClose).as("the frame's marker was queued before the close frame")
                .hasSize(1).allMatch(Outbox::mayBeMarker);
        synchronized (box) {
            assertThat(box.offer(frame("after"))).isFalse();
        }
    }

    /** The library's side: a queue, a byte counter, and what was asked of it. */
    private static final class FakeSocket implements Outbox.Socket {
        final Queue<ByteBuffer> queue = new LinkedBlockingQueue<>();
        final AtomicLong written = new AtomicLong();
        final AtomicInteger writeInterest = new AtomicInteger();
        final CountDownLatch closed = new CountDownLatch(1);
        final CountDownLatch aborted = new CountDownLatch(1);
        volatile int closedWith;
        volatile List<ByteBuffer> queueAtClose;

        @Override
        public Queue<ByteBuffer> queue() {
            return queue;
        }

        @Override
        public long written() {
            return written.get();
        }

        @Override
        public boolean isOpen() {
            return closedWith == 0;
        }

        @Override
        public boolean isClosed() {
            return false;
        }

        @Override
        public boolean wantWrite() {
            writeInterest.incrementAndGet();
            return true;
        }

        @Override
        public void wake() {
        }

        @Override
        public void close(int code, String reason) {
            queueAtClose = List.copyOf(queue);
            closedWith = code;
            closed.countDown();
        }

        @Override
        public void abort(String reason) {
            aborted.countDown();
        }

        @Override
        public void kickIfStalled() {
        }
    }
}
