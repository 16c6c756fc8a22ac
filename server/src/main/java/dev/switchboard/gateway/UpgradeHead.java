package dev.switchboard.gateway;

import java.nio.ByteBuffer;

/**
 * Bounds the head of an upgrade request (request line and headers, up to the blank line). The library
 * keeps every byte of a head that has not ended until the upgrade times out, so headers that never end
 * would cost memory at the client's pace; past {@code ws.max-handshake-bytes} the request is answered
 * 431 instead. Once the head has ended, frames follow and this costs one check per read.
 *
 * <p>Threads: one per connection, used by the selector thread only (it reads the socket).
 */
final class UpgradeHead {
    private final int maxBytes;
    private int seen;
    /** How much of CR LF CR LF the last bytes matched. */
    private int matched;
    private boolean ended;

    UpgradeHead(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Looks at the bytes just read into {@code buffer} at {@code from..to}; false when the head is too long. */
    boolean withinLimit(ByteBuffer buffer, int from, int to) {
        for (int i = from; i < to && !ended; i++) {
            byte b = buffer.get(i);
            matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : b == '\r' ? 1 : 0;
            ended = matched == 4;
            if (++seen > maxBytes && !ended) {
                return false;
            }
        }
        return true;
    }
}
