package dev.switchboard.gateway;

import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.exceptions.LimitExceededException;
import org.java_websocket.framing.CloseFrame;

import java.nio.ByteBuffer;

/**
 * Reads the header of every client frame as its bytes arrive, before the library buffers the payload,
 * and refuses two things the library lets through:
 * <ul>
 *   <li>an unmasked frame: RFC 6455 §5.1 says a server must close the connection (1002);</li>
 *   <li>a message whose fragments add up to more than the message limit. The library checks a single
 *       frame against the limit, but the sum of a fragmented message only at its final fragment, so a
 *       message that never ends was buffered without bound. Here the running sum is checked at each
 *       fragment's header, before its payload is read (1009).</li>
 * </ul>
 * It only reads the bytes (absolute reads, the buffer's position is untouched) and remembers where the
 * next header starts, across reads.
 *
 * <p>Threads: one per connection, used by that connection's decoder thread only.
 */
final class ClientFrameCheck {
    private static final int OP_CONTINUATION = 0x0;
    private static final int OP_TEXT = 0x1;
    private static final int OP_BINARY = 0x2;

    private final int maxMessageBytes;
    /** The header being read: 2 bytes, up to 8 of extended length, 4 of mask key. */
    private final byte[] header = new byte[14];
    private int headerLength;
    /** Payload bytes of the current frame still to skip before the next header. */
    private long payloadLeft;
    /** Payload bytes of the data message being received so far, over all its fragments. */
    private long messageBytes;

    ClientFrameCheck(int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }

    /** Looks at the bytes from the buffer's position to its limit; throws when a frame breaks a rule. */
    void check(ByteBuffer bytes) throws InvalidDataException {
        int at = bytes.position();
        int end = bytes.limit();
        while (at < end) {
            if (payloadLeft > 0) {
                int skip = (int) Math.min(payloadLeft, end - at);
                at += skip;
                payloadLeft -= skip;
                continue;
            }
            header[headerLength++] = bytes.get(at++);
            if (headerLength == 2 && (header[1] & 0x80) == 0) {
                throw new InvalidDataException(CloseFrame.PROTOCOL_ERROR, "client frames must be masked (RFC 6455 5.1)");
            }
            if (headerLength >= 2 && headerLength == headerSize()) {
                headerRead();
                headerLength = 0;
            }
        }
    }

    private int headerSize() {
        int length7 = header[1] & 0x7f;
        int extended = length7 == 126 ? 2 : length7 == 127 ? 8 : 0;
        return 2 + extended + 4;
    }

    private void headerRead() throws LimitExceededException {
        int length7 = header[1] & 0x7f;
        long length;
        if (length7 == 126) {
            length = ((header[2] & 0xffL) << 8) | (header[3] & 0xffL);
        } else if (length7 == 127) {
            length = 0;
            for (int i = 2; i < 10; i++) {
                length = (length << 8) | (header[i] & 0xffL);
            }
        } else {
            length = length7;
        }
        if (length < 0) {
            length = Long.MAX_VALUE; // a 64-bit length with the top bit set: invalid, and far over any limit
        }
        int opcode = header[0] & 0x0f;
        if (opcode == OP_TEXT || opcode == OP_BINARY) {
            messageBytes = length;
        } else if (opcode == OP_CONTINUATION) {
            messageBytes = messageBytes > Long.MAX_VALUE - length ? Long.MAX_VALUE : messageBytes + length;
        }
        if ((opcode <= OP_BINARY && messageBytes > maxMessageBytes) || length > maxMessageBytes) {
            throw new LimitExceededException("message over ws.max-frame-bytes (" + maxMessageBytes + " bytes)",
                    maxMessageBytes);
        }
        payloadLeft = length;
    }
}
