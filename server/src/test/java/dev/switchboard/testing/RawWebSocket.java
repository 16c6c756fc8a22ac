package dev.switchboard.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client that does exactly what a test tells it, RFC 6455 or not: frames with any opcode,
 * FIN bit, mask or length, fragments that never end, pings without ever reading. A well-behaved client
 * (OkHttp) cannot misbehave on purpose; this one exists for the abuse tests.
 */
public final class RawWebSocket implements AutoCloseable {
    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CONTINUATION = 0x0;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;
    /** The status line and headers of the upgrade answer. */
    public final String handshakeResponse;

    /** A frame as the server sent it. */
    public record Frame(boolean fin, int opcode, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** The close code of a close frame, or 1005 when it carries none. */
        public int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
        }
    }

    private RawWebSocket(Socket socket, String handshakeResponse) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = new DataInputStream(socket.getInputStream());
        this.handshakeResponse = handshakeResponse;
    }

    /** Opens a TCP connection and upgrades {@code pathAndQuery} with the given extra header lines. */
    public static RawWebSocket connect(int port, String pathAndQuery, String... extraHeaders) {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(15_000);
            StringBuilder request = new StringBuilder("GET " + pathAndQuery + " HTTP/1.1\r\n")
                    .append("Host: 127.0.0.1:").append(port).append("\r\n")
                    .append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
                    .append("Sec-WebSocket-Key: ").append(Base64.getEncoder().encodeToString(new byte[16])).append("\r\n")
                    .append("Sec-WebSocket-Version: 13\r\n");
            for (String h : extraHeaders) {
                request.append(h).append("\r\n");
            }
            request.append("\r\n");
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.US_ASCII));
            return new RawWebSocket(socket, readHead(socket.getInputStream()));
        } catch (IOException e) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing what failed to open
            }
            throw new UncheckedIOException(e);
        }
    }

    /** Reads an HTTP head up to the blank line. */
    static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed in the HTTP head: " + head.toString(StandardCharsets.US_ASCII));
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    public boolean upgraded() {
        return handshakeResponse.startsWith("HTTP/1.1 101");
    }

    public void sendText(String text) {
        send(true, TEXT, text.getBytes(StandardCharsets.UTF_8), true);
    }

    /** Writes one frame; {@code masked} false breaks RFC 6455 on purpose. */
    public void send(boolean fin, int opcode, byte[] payload, boolean masked) {
        try {
            out.write(frame(fin, opcode, payload, masked));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes raw bytes, for frames no encoder would make. */
    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The bytes of one client frame. */
    public static byte[] frame(boolean fin, int opcode, byte[] payload, boolean masked) {
        ByteArrayOutputStream f = new ByteArrayOutputStream(payload.length + 14);
        f.write((fin ? 0x80 : 0) | (opcode & 0x0f));
        int maskBit = masked ? 0x80 : 0;
        if (payload.length < 126) {
            f.write(maskBit | payload.length);
        } else if (payload.length <= 0xffff) {
            f.write(maskBit | 126);
            f.write(payload.length >>> 8);
            f.write(payload.length & 0xff);
        } else {
            f.write(maskBit | 127);
            long len = payload.length;
            for (int i = 7; i >= 0; i--) {
                f.write((int) (len >>> (8 * i)) & 0xff);
            }
        }
        if (masked) {
            byte[] mask = new byte[4];
            ThreadLocalRandom.current().nextBytes(mask);
            f.write(mask, 0, 4);
            byte[] body = payload.clone();
            for (int i = 0; i < body.length; i++) {
                body[i] ^= mask[i & 3];
            }
            f.write(body, 0, body.length);
        } else {
            f.write(payload, 0, payload.length);
        }
        return f.toByteArray();
    }

    /** The next frame from the server; throws on timeout or when the connection ends. */
    public Frame read() throws IOException {
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        long len = b1 & 0x7f;
        if (len == 126) {
            len = in.readUnsignedShort();
        } else if (len == 127) {
            len = in.readLong();
        }
        if (len > 16 * 1024 * 1024) {
            throw new IOException("server frame of " + len + " bytes");
        }
        byte[] payload = new byte[(int) len];
        in.readFully(payload);
        return new Frame((b0 & 0x80) != 0, b0 & 0x0f, payload);
    }

    /**
     * Reads until the server's close frame and answers its code; -1 when the connection ended without
     * one (reset or plain FIN).
     */
    public int awaitClose() {
        try {
            while (true) {
                Frame f = read();
                if (f.opcode() == CLOSE) {
                    return f.closeCode();
                }
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server neither closed nor answered within the read timeout", e);
        } catch (IOException e) {
            return -1;
        }
    }

    public void soTimeout(int millis) {
        try {
            socket.setSoTimeout(millis);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops reading on purpose: a tiny receive buffer, so the server's sends back up at once. */
    public Socket socket() {
        return socket;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }
}
