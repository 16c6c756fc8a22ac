package dev.switchboard.gateway;

import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.exceptions.InvalidHandshakeException;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.HandshakeBuilder;
import org.java_websocket.handshake.Handshakedata;
import org.java_websocket.handshake.ServerHandshakeBuilder;

import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.List;

/**
 * RFC 6455 with the gateway's incoming message limit, and one addition: a handshake the listener
 * refused goes out as a real HTTP error ({@link HandshakeRefusal}). The library alone can only
 * answer {@code 404} to a refused upgrade, and PROTOCOL.md asks for {@code 401}.
 */
final class GatewayDraft extends Draft_6455 {
    private final int maxFrameBytes;
    /** The bytes of the 101 response this connection's copy wrote: its session counts them as sent. */
    private long handshakeBytes;

    GatewayDraft(int maxFrameBytes) {
        super(Collections.emptyList(), maxFrameBytes);
        this.maxFrameBytes = maxFrameBytes;
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
