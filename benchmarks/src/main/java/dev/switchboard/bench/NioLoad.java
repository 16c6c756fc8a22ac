package dev.switchboard.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;

/**
 * Closed-loop HTTP/1.1 load over keep-alive connections driven by one selector thread: each
 * connection sends a request, waits for its whole answer, then sends the next, exactly like a
 * publisher that waits for its 201. Blocking sockets need a thread per publisher, and on two cores
 * their wake-ups cost as much CPU as the server's work; one selector keeps the generator's share small.
 */
final class NioLoad {
    /** Builds the bytes of the n-th request of connection c. */
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

    record Result(long ok, long errors, String lastError) {
    }

    static Result run(String host, int port, int connections, long nanos, Requests requests, IntFunction<Latencies> latenciesOf)
            throws IOException {
        Selector selector = Selector.open();
        List<Conn> conns = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            SocketChannel ch = SocketChannel.open(new InetSocketAddress(host, port));
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ch.configureBlocking(false);
            Conn c = new Conn(ch, i, latenciesOf.apply(i));
            conns.add(c);
            ch.register(selector, SelectionKey.OP_WRITE, c);
            c.out = ByteBuffer.wrap(requests.request(i, c.n++));
            c.sentAt = System.nanoTime();
        }
        long ok = 0;
        long errors = 0;
        String lastError = null;
        long end = System.nanoTime() + nanos;
        AtomicBoolean stopping = new AtomicBoolean();
        int open = connections;
        while (open > 0) {
            selector.select(100);
            if (System.nanoTime() >= end) {
                stopping.set(true);
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
                    c.out = ByteBuffer.wrap(requests.request(c.index, c.n++));
                    c.sentAt = System.nanoTime();
                    c.channel.write(c.out);
                    key.interestOps(c.out.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
                }
            }
        }
        selector.close();
        return new Result(ok, errors, lastError);
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
        return s.toLowerCase(java.util.Locale.ROOT).indexOf(what);
    }
}
