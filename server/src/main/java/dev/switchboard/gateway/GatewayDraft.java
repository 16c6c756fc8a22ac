package dev.switchboard.gateway;

import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.exceptions.InvalidHandshakeException;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.HandshakeBuilder;
import org.java_websocket.handshake.Handshakedata;
import org.java_websocket.handshake.ServerHandshakeBuilder;

import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.List;

/**
 * RFC 6455 with the gateway's incoming message limit, and two additions: a handshake the listener
 * refused goes out as a real HTTP error ({@link HandshakeRefusal}), because the library alone can only
 * answer {@code 404} to a refused upgrade and PROTOCOL.md asks for {@code 401}; and every client frame
 * passes {@link ClientFrameCheck} (masking, and the size of a fragmented message) before the library
 * reads it.
 *
 * <p>The listener holds one prototype; each connection works on its own {@link #copyInstance()}.
 */
final class GatewayDraft extends Draft_6455 {
    private final int maxFrameBytes;
    private final ClientFrameCheck frameCheck;
    /** The bytes of the 101 response this connection's copy wrote: its session counts them as sent. */
    private long handshakeBytes;

    GatewayDraft(int maxFrameBytes) {
        super(Collections.emptyList(), maxFrameBytes);
        this.maxFrameBytes = maxFrameBytes;
        this.frameCheck = new ClientFrameCheck(maxFrameBytes);
    }

    /** Called by the connection's decoder thread with the bytes just read, in order. */
    @Override
    public List<Framedata> translateFrame(ByteBuffer buffer) throws InvalidDataException {
        frameCheck.check(buffer);
        return super.translateFrame(buffer);
    }

    @Override
    public HandshakeBuilder postProcessHandshakeResponseAsServer(ClientHandshake request, ServerHandshakeBuilder response)
            throws InvalidHandshakeException {
        if (response instanceof HandshakeRefusal) {
            return response;
        }
        return super.postProcessHandshakeResponseAsServer(request, response);
    }

    @Override
    public List<ByteBuffer> createHandshake(Handshakedata handshake, boolean withContent) {
        if (handshake instanceof HandshakeRefusal refusal) {
            return Collections.singletonList(ByteBuffer.wrap(refusal.response()));
        }
        List<ByteBuffer> response = super.createHandshake(handshake, withContent);
        handshakeBytes = response.stream().mapToLong(ByteBuffer::remaining).sum();
        return response;
    }

    /**
     * The length of the handshake response; read by the session created right after it, on the thread
     * that decoded the handshake (the library calls onOpen on it after createHandshake).
     */
    long handshakeBytes() {
        return handshakeBytes;
    }

    @Override
    public Draft copyInstance() {
        return new GatewayDraft(maxFrameBytes);
    }
}
