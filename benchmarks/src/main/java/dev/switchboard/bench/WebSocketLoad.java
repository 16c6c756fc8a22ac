package dev.switchboard.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Many WebSocket client connections driven by one selector thread: the subscriber side of the
 * benchmarks. A thread per connection would cost more of the two cores than the server's own work,
 * and 19,000 of them would not fit at all.
 *
 * <p>Only what a subscriber needs from RFC 6455: the opening handshake (the accept key is checked),
 * unmasked server frames with 7, 16 and 64-bit lengths (fragments are put back together), masked
 * client frames, a pong with the same payload for every ping, and the closing handshake.
 *
 * <p>Thread ownership: every connection's state and every {@link Handler} callback belong to the
 * selector thread. Other threads hand it work with {@link #connect} and {@link #call}.
 *
 * <p>Reads go into one buffer shared by all connections; only the tail of a frame cut by a read is
 * copied aside for its connection. A buffer per connection would cost the generator 19,000 × 64 KB.
 */
final class WebSocketLoad implements AutoCloseable {
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int MAX_FRAME = 16 << 20;

    /** Callbacks, all on the selector thread. */
    interface Handler {
        /** The handshake was answered 101 with the right accept key. */
        void opened(Conn c);

        /** A whole text (or binary) message, in {@code a[off, off + len)}; valid only during the call. */
        void text(Conn c, byte[] a, int off, int len);

        /** The connection is gone: {@code code} from the server's close frame, 1006 without one, or -1 when the
         * connection or its handshake failed. */
        void closed(Conn c, int code, String reason);
    }

    /** One client connection; fields belong to the selector thread. */
    static final class Conn {
        final int id;
        final Object attachment;
        private final byte[] handshake;
        private final String acceptKey;
        private SocketChannel channel;
        private SelectionKey key;
        private boolean upgraded;
        private boolean closed;
        private byte[] pending;
        private int pendingLength;
        private ByteBuffer out;
        private byte[] fragments;
        private int fragmentsLength;
        long pingsAnswered;

        private Conn(int id, Object attachment, byte[] handshake, String acceptKey) {
            this.id = id;
            this.attachment = attachment;
            this.handshake = handshake;
            this.acceptKey = acceptKey;
        }

        boolean isOpen() {
            return upgraded && !closed;
        }

        /** Whether the handshake succeeded (the connection may have closed since). */
        boolean upgraded() {
            return upgraded;
        }
    }

    private final Handler handler;
    private final Selector selector;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private final List<Conn> conns = new ArrayList<>();
    private ByteBuffer in = ByteBuffer.allocate(256 * 1024);
    private volatile boolean running = true;

    WebSocketLoad(Handler handler) throws IOException {
        this.handler = handler;
        this.selector = Selector.open();
        this.thread = new Thread(this::loop, "ws-load");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Opens a connection from {@code source} (port chosen by the kernel; null for any address) to
     * {@code server}, asking for {@code pathAndQuery}. Any thread.
     */
    void connect(int id, InetSocketAddress server, InetSocketAddress source, String pathAndQuery, Object attachment) {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String key = Base64.getEncoder().encodeToString(nonce);
        byte[] request = ("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + server.getHostString() + ":" + server.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key
                + "\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        Conn c = new Conn(id, attachment, request, accept(key));
        execute(() -> open(c, server, source));
    }

    /** Runs {@code work} on the selector thread and waits for its result: how other threads read counters. */
    <T> T call(Supplier<T> work) {
        CompletableFuture<T> f = new CompletableFuture<>();
        execute(() -> {
            try {
                f.complete(work.get());
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        return f.join();
    }

    void execute(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    /** Every connection made so far, open or not; selector thread only. */
    List<Conn> connections() {
        return conns;
    }

    /** Sends a masked text frame; selector thread only. */
    void sendText(Conn c, String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        send(c, 0x1, b, 0, b.length);
    }

    private void open(Conn c, InetSocketAddress server, InetSocketAddress source) {
        conns.add(c);
        try {
            SocketChannel ch = SocketChannel.open();
            c.channel = ch;
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            if (source != null) {
                ch.bind(source);
            }
            if (ch.connect(server)) {
                c.key = ch.register(selector, 0, c);
                connected(c);
            } else {
                c.key = ch.register(selector, SelectionKey.OP_CONNECT, c);
            }
        } catch (IOException | RuntimeException e) {
            fail(c, -1, "connect: " + e);
        }
    }

    private void connected(Conn c) throws IOException {
        c.out = ByteBuffer.wrap(c.handshake);
        flush(c);
    }

    private void loop() {
        try {
            while (running) {
                selector.select(100);
                Runnable task;
                while ((task = tasks.poll()) != null) {
                    task.run();
                }
                Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                while (it.hasNext()) {
                    SelectionKey key = it.next();
                    it.remove();
                    Conn c = (Conn) key.attachment();
                    if (!key.isValid()) {
                        continue;
                    }
                    try {
                        if (key.isConnectable()) {
                            c.channel.finishConnect();
                            connected(c);
                            continue;
                        }
                        if (key.isWritable()) {
                            flush(c);
                        }
                        if (key.isValid() && key.isReadable()) {
                            read(c);
                        }
                    } catch (IOException e) {
                        fail(c, c.upgraded ? 1006 : -1, e.toString());
                    } catch (RuntimeException e) {
                        // A bug in a handler: loud, and only this connection pays for it.
                        e.printStackTrace();
                        fail(c, -1, e.toString());
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("ws-load selector thread died: " + e);
            e.printStackTrace();
        }
    }

    private void read(Conn c) throws IOException {
        in.clear();
        if (c.pending != null) {
            if (c.pendingLength > in.capacity() / 2) {
                in = ByteBuffer.allocate(c.pendingLength * 2 + 64 * 1024);
            }
            in.put(c.pending, 0, c.pendingLength);
            c.pending = null;
        }
        int n = c.channel.read(in);
        if (n < 0) {
            fail(c, c.upgraded ? 1006 : -1, c.upgraded ? "end of stream without a close frame" : "end of stream during the handshake");
            return;
        }
        byte[] a = in.array();
        int end = in.position();
        int at = 0;
        if (!c.upgraded) {
            at = handshakeAnswer(c, a, end);
            if (at <= 0) {
                if (at == 0 && !c.closed) {
                    keep(c, a, 0, end);
                }
                return;
            }
        }
        while (!c.closed) {
            int used = frame(c, a, at, end);
            if (used == 0) {
                break;
            }
            at += used;
        }
        if (!c.closed && at < end) {
            keep(c, a, at, end);
        }
    }

    private static void keep(Conn c, byte[] a, int from, int to) {
        c.pending = Arrays.copyOfRange(a, from, to);
        c.pendingLength = to - from;
    }

    /** Bytes used by the 101 answer, 0 while incomplete, -1 if refused (the connection is then closed). */
    private int handshakeAnswer(Conn c, byte[] a, int end) {
        int headEnd = -1;
        for (int i = 3; i < end; i++) {
            if (a[i] == '\n' && a[i - 1] == '\r' && a[i - 2] == '\n' && a[i - 3] == '\r') {
                headEnd = i + 1;
                break;
            }
        }
        if (headEnd < 0) {
            return 0;
        }
        String head = new String(a, 0, headEnd, StandardCharsets.ISO_8859_1);
        String statusLine = head.substring(0, head.indexOf('\r'));
        if (!statusLine.startsWith("HTTP/1.1 101")) {
            fail(c, -1, "handshake answered: " + statusLine);
            return -1;
        }
        String accept = null;
        for (String line : head.split("\r\n")) {
            if (line.regionMatches(true, 0, "Sec-WebSocket-Accept:", 0, 21)) {
                accept = line.substring(21).trim();
            }
        }
        if (!c.acceptKey.equals(accept)) {
            fail(c, -1, "handshake: wrong Sec-WebSocket-Accept " + accept);
            return -1;
        }
        c.upgraded = true;
        handler.opened(c);
        return headEnd;
    }

    /** Handles the frame at {@code a[at]}; returns its length, or 0 if it is not all there yet. */
    private int frame(Conn c, byte[] a, int at, int end) throws IOException {
        if (end - at < 2) {
            return 0;
        }
        int b0 = a[at] & 0xff;
        int b1 = a[at + 1] & 0xff;
        boolean fin = (b0 & 0x80) != 0;
        int opcode = b0 & 0x0f;
        long length = b1 & 0x7f;
        int header = 2;
        if (length == 126) {
            if (end - at < 4) {
                return 0;
            }
            length = ((a[at + 2] & 0xff) << 8) | (a[at + 3] & 0xff);
            header = 4;
        } else if (length == 127) {
            if (end - at < 10) {
                return 0;
            }
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = (length << 8) | (a[at + 2 + i] & 0xff);
            }
            header = 10;
        }
        if ((b1 & 0x80) != 0 || (b0 & 0x70) != 0) {
            fail(c, 1002, "server frame masked or with RSV bits: " + Integer.toHexString(b0) + " " + Integer.toHexString(b1));
            return 0;
        }
        if (length > MAX_FRAME) {
            fail(c, 1009, "server frame of " + length + " bytes");
            return 0;
        }
        if (end - at < header + length) {
            return 0;
        }
        int p = at + header;
        int len = (int) length;
        switch (opcode) {
            case 0x1, 0x2 -> {
                if (fin) {
                    handler.text(c, a, p, len);
                } else {
                    c.fragments = Arrays.copyOfRange(a, p, p + len);
                    c.fragmentsLength = len;
                }
            }
            case 0x0 -> {
                if (c.fragments == null) {
                    fail(c, 1002, "continuation frame without a first fragment");
                    return 0;
                }
                if (c.fragmentsLength + len > c.fragments.length) {
                    c.fragments = Arrays.copyOf(c.fragments, Math.max(c.fragments.length * 2, c.fragmentsLength + len));
                }
                System.arraycopy(a, p, c.fragments, c.fragmentsLength, len);
                c.fragmentsLength += len;
                if (fin) {
                    byte[] whole = c.fragments;
                    c.fragments = null;
                    handler.text(c, whole, 0, c.fragmentsLength);
                }
            }
            case 0x9 -> {
                c.pingsAnswered++;
                send(c, 0xA, a, p, len);
            }
            case 0xA -> {
                // an answer to nothing we sent: ignored, as RFC 6455 allows unsolicited pongs
            }
            case 0x8 -> {
                int code = len >= 2 ? ((a[p] & 0xff) << 8) | (a[p + 1] & 0xff) : 1005;
                String reason = len > 2 ? new String(a, p + 2, len - 2, StandardCharsets.UTF_8) : "";
                send(c, 0x8, a, p, Math.min(len, 2));
                close(c, code, reason);
            }
            default -> fail(c, 1002, "unknown opcode " + opcode);
        }
        return header + len;
    }

    private void send(Conn c, int opcode, byte[] payload, int off, int len) {
        if (c.closed) {
            return;
        }
        int header = len < 126 ? 2 : len < 65536 ? 4 : 10;
        byte[] f = new byte[header + 4 + len];
        f[0] = (byte) (0x80 | opcode);
        if (len < 126) {
            f[1] = (byte) (0x80 | len);
        } else if (len < 65536) {
            f[1] = (byte) (0x80 | 126);
            f[2] = (byte) (len >>> 8);
            f[3] = (byte) len;
        } else {
            f[1] = (byte) (0x80 | 127);
            for (int i = 0; i < 8; i++) {
                f[2 + i] = (byte) ((long) len >>> (56 - 8 * i));
            }
        }
        int mask = ThreadLocalRandom.current().nextInt();
        for (int i = 0; i < 4; i++) {
            f[header + i] = (byte) (mask >>> (24 - 8 * i));
        }
        for (int i = 0; i < len; i++) {
            f[header + 4 + i] = (byte) (payload[off + i] ^ f[header + (i & 3)]);
        }
        if (c.out != null && c.out.hasRemaining()) {
            ByteBuffer both = ByteBuffer.allocate(c.out.remaining() + f.length);
            both.put(c.out).put(f).flip();
            c.out = both;
        } else {
            c.out = ByteBuffer.wrap(f);
        }
        try {
            flush(c);
        } catch (IOException e) {
            fail(c, 1006, e.toString());
        }
    }

    private void flush(Conn c) throws IOException {
        c.channel.write(c.out);
        if (c.out.hasRemaining()) {
            c.key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        } else {
            c.out = null;
            c.key.interestOps(SelectionKey.OP_READ);
        }
    }

    private void fail(Conn c, int code, String reason) {
        close(c, code, reason);
    }

    private void close(Conn c, int code, String reason) {
        if (c.closed) {
            return;
        }
        c.closed = true;
        if (c.key != null) {
            c.key.cancel();
        }
        try {
            if (c.channel != null) {
                c.channel.close();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
        c.pending = null;
        handler.closed(c, code, reason);
    }

    private static String accept(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Closes every connection without a closing handshake and stops the selector thread. */
    @Override
    public void close() throws InterruptedException {
        execute(() -> {
            for (Conn c : conns) {
                if (!c.closed) {
                    c.closed = true;
                    try {
                        if (c.channel != null) {
                            c.channel.close();
                        }
                    } catch (IOException ignored) {
                        // closing anyway
                    }
                }
            }
            running = false;
        });
        thread.join(30_000);
        try {
            selector.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
