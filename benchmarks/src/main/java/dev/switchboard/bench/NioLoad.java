package dev.switchboard.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import java.util.Locale;

/**
 * Closed-loop HTTP/1.1 load over keep-alive connections driven by one selector thread: each
 * connection sends a request, waits for its whole answer, then sends the next, exactly like a
 * publisher that waits for its 201. Blocking sockets need a thread per publisher, and on two cores
 * their wake-ups cost as much CPU as the server's work; one selector keeps the generator's share small.
 *
 * <p>With a rate, requests start on a fixed schedule instead, each on any connection that is not
 * waiting for an answer: the load a latency figure "at N per second" needs. A request that finds every
 * connection busy starts as soon as one frees up and is counted as late, so a schedule the server
 * cannot keep shows in the result instead of silently lowering the rate.
 */
final class NioLoad {
    /** Builds the bytes of the n-th request of connection c; null (closed-loop only) ends that connection. */
    interface Requests {
        byte[] request(int connection, int n);
    }

    private static final class Conn {
        final SocketChannel channel;
        final int index;
        final Latencies latencies;
        ByteBuffer out;
        final ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        long sentAt;
        int n;

        Conn(SocketChannel channel, int index, Latencies latencies) {
            this.channel = channel;
            this.index = index;
            this.latencies = latencies;
        }
    }

    /** {@code late}: paced requests that started more than 5 ms after their slot (0 when closed-loop). */
    record Result(long ok, long errors, String lastError, long late) {
    }

    static Result run(String host, int port, int connections, long nanos, Requests requests, IntFunction<Latencies> latenciesOf)
            throws IOException {
        return run(host, port, connections, nanos, 0, requests, latenciesOf);
    }

    /** An HTTP request: {@code head} ends with "Content-Length: ", the body's length and a blank line follow. */
    static byte[] request(String head, byte[] body) {
        byte[] h = (head + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[h.length + body.length];
        System.arraycopy(h, 0, request, 0, h.length);
        System.arraycopy(body, 0, request, h.length, body.length);
        return request;
    }

    /** {@code ratePerSecond} 0 is closed-loop; above 0, requests start on that schedule. */
    static Result run(String host, int port, int connections, long nanos, double ratePerSecond, Requests requests,
                      IntFunction<Latencies> latenciesOf) throws IOException {
        return run(host, port, connections, nanos, ratePerSecond, requests, latenciesOf, () -> false);
    }

    /** As above, ending early once {@code stop} says so (checked at least every 100 ms). */
    static Result run(String host, int port, int connections, long nanos, double ratePerSecond, Requests requests,
                      IntFunction<Latencies> latenciesOf, BooleanSupplier stop) throws IOException {
        boolean paced = ratePerSecond > 0;
        Selector selector = Selector.open();
        List<Conn> conns = new ArrayList<>();
        ArrayDeque<SelectionKey> idle = new ArrayDeque<>();
        for (int i = 0; i < connections; i++) {
            SocketChannel ch = SocketChannel.open(new InetSocketAddress(host, port));
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ch.configureBlocking(false);
            Conn c = new Conn(ch, i, latenciesOf.apply(i));
            conns.add(c);
            if (paced) {
                idle.add(ch.register(selector, 0, c));
                continue;
            }
            ch.register(selector, SelectionKey.OP_WRITE, c);
            c.out = ByteBuffer.wrap(requests.request(i, c.n++));
            c.sentAt = System.nanoTime();
        }
        long ok = 0;
        long errors = 0;
        long late = 0;
        long issued = 0;
        String lastError = null;
        long start = System.nanoTime();
        long end = start + nanos;
        AtomicBoolean stopping = new AtomicBoolean();
        int open = connections;
        while (open > 0) {
            long timeoutMs = 100;
            if (paced && !stopping.get()) {
                long now = System.nanoTime();
                // Slot k is due at start + k / rate; start every slot that is due on an idle connection.
                while (idle.peek() != null && slot(issued, ratePerSecond, start) <= now) {
                    if (now - slot(issued, ratePerSecond, start) > 5_000_000) {
                        late++;
                    }
                    SelectionKey key = idle.poll();
                    Conn c = (Conn) key.attachment();
                    c.out = ByteBuffer.wrap(requests.request(c.index, c.n++));
                    c.sentAt = System.nanoTime();
                    c.channel.write(c.out);
                    key.interestOps(c.out.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
                    issued++;
                }
                long wait = slot(issued, ratePerSecond, start) - System.nanoTime();
                timeoutMs = Math.max(1, Math.min(100, wait / 1_000_000));
            }
            selector.select(timeoutMs);
            if ((System.nanoTime() >= end || stop.getAsBoolean()) && !stopping.get()) {
                stopping.set(true);
                for (SelectionKey key : idle) {
                    key.cancel();
                    ((Conn) key.attachment()).channel.close();
                    open--;
                }
                idle.clear();
            }
            Iterator<SelectionKey> it = selector.selectedKeys().iterator();
            while (it.hasNext()) {
                SelectionKey key = it.next();
                it.remove();
                Conn c = (Conn) key.attachment();
                if (key.isWritable()) {
                    c.channel.write(c.out);
                    if (!c.out.hasRemaining()) {
                        key.interestOps(SelectionKey.OP_READ);
                    }
                } else if (key.isReadable()) {
                    int read = c.channel.read(c.in);
                    if (read < 0) {
                        errors++;
                        lastError = "connection closed by the server";
                        key.cancel();
                        open--;
                        continue;
                    }
                    int status = complete(c.in);
                    if (status == 0) {
                        continue;
                    }
                    if (status == 201) {
                        ok++;
                        c.latencies.add(System.nanoTime() - c.sentAt);
                    } else {
                        errors++;
                        lastError = "HTTP " + status;
                    }
                    if (stopping.get()) {
                        key.cancel();
                        c.channel.close();
                        open--;
                        continue;
                    }
                    if (paced) {
                        key.interestOps(0);
                        idle.add(key);
                        continue;
                    }
                    byte[] next = requests.request(c.index, c.n++);
                    if (next == null) {
                        // the caller's count is reached: this connection is done
                        key.cancel();
                        c.channel.close();
                        open--;
                        continue;
                    }
                    c.out = ByteBuffer.wrap(next);
                    c.sentAt = System.nanoTime();
                    c.channel.write(c.out);
                    key.interestOps(c.out.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
                }
            }
        }
        selector.close();
        return new Result(ok, errors, lastError, late);
    }

    private static long slot(long k, double ratePerSecond, long start) {
        return start + (long) (k * 1e9 / ratePerSecond);
    }

    /**
     * The status of a whole answer at the start of {@code in}, consuming it; 0 while incomplete.
     * Only Content-Length bodies, which is all the gateway sends.
     */
    private static int complete(ByteBuffer in) {
        byte[] a = in.array();
        int len = in.position();
        int headEnd = -1;
        for (int i = 3; i < len; i++) {
            if (a[i] == '\n' && a[i - 1] == '\r' && a[i - 2] == '\n' && a[i - 3] == '\r') {
                headEnd = i + 1;
                break;
            }
        }
        if (headEnd < 0) {
            return 0;
        }
        String head = new String(a, 0, headEnd, StandardCharsets.US_ASCII);
        int status = Integer.parseInt(head.substring(9, 12));
        int cl = 0;
        int at = indexOfIgnoreCase(head, "content-length:");
        if (at >= 0) {
            int eol = head.indexOf('\r', at);
            cl = Integer.parseInt(head.substring(at + 15, eol).trim());
        }
        if (len < headEnd + cl) {
            return 0;
        }
        int rest = len - headEnd - cl;
        System.arraycopy(a, headEnd + cl, a, 0, rest);
        in.position(rest);
        return status;
    }

    private static int indexOfIgnoreCase(String s, String what) {
        return s.toLowerCase(Locale.ROOT).indexOf(what);
    }
}
