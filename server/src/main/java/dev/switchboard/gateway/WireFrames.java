package dev.switchboard.gateway;

import dev.switchboard.model.event.Event;
import dev.switchboard.model.json.Json;
import dev.switchboard.model.protocol.FrameCodec;
import dev.switchboard.model.protocol.ServerFrame;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;

/**
 * Server frames as the bytes that go on the wire: a WebSocket text frame (RFC 6455 §5.2, FIN set,
 * unmasked as a server sends it) around the frame's JSON. An event's JSON is serialised once per
 * event and each room's frame is spliced around it; every recipient then gets the same bytes.
 */
final class WireFrames {
    private static final byte[] EVENT_PREFIX = "{\"op\":\"event\",\"room\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OFFSET = ",\"offset\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EPOCH = ",\"epoch\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVENT = ",\"event\":".getBytes(StandardCharsets.US_ASCII);

    private WireFrames() {
    }

    static byte[] encode(ServerFrame frame) {
        return text(FrameCodec.encode(frame).getBytes(StandardCharsets.UTF_8));
    }

    /** The event's contract JSON, once per event, shared by all its room frames. */
    static byte[] eventJson(Event event) {
        return Json.write(event.toJson()).getBytes(StandardCharsets.UTF_8);
    }

    /** {@code {"op":"event","room":..,"offset":..,"epoch":..,"event":{..}}} as a wire frame. */
    static byte[] event(String room, long offset, String epoch, byte[] eventJson) {
        ByteArrayOutputStream json = new ByteArrayOutputStream(eventJson.length + 96);
        json.writeBytes(EVENT_PREFIX);
        json.writeBytes(quoted(room));
        json.writeBytes(OFFSET);
        json.writeBytes(Long.toString(offset).getBytes(StandardCharsets.US_ASCII));
        json.writeBytes(EPOCH);
        json.writeBytes(quoted(epoch));
        json.writeBytes(EVENT);
        json.writeBytes(eventJson);
        json.write('}');
        return text(json.toByteArray());
    }

    private static byte[] quoted(String s) {
        return Json.write(Json.MAPPER.getNodeFactory().textNode(s)).getBytes(StandardCharsets.UTF_8);
    }

    /** The pong to a client's ping: a final, unmasked pong frame with the ping's payload (at most 125 bytes). */
    static byte[] pong(ByteBuffer pingPayload) {
        int n = pingPayload.remaining();
        byte[] frame = new byte[2 + n];
        frame[0] = (byte) 0x8A;
        frame[1] = (byte) n;
        pingPayload.duplicate().get(frame, 2, n);
        return frame;
    }

    /** Wraps a UTF-8 payload into one final, unmasked text frame. */
    static byte[] text(byte[] payload) {
        int n = payload.length;
        int header = n <= 125 ? 2 : n <= 0xFFFF ? 4 : 10;
        byte[] frame = new byte[header + n];
        frame[0] = (byte) 0x81;
        if (n <= 125) {
            frame[1] = (byte) n;
        } else if (n <= 0xFFFF) {
            frame[1] = 126;
            frame[2] = (byte) (n >>> 8);
            frame[3] = (byte) n;
        } else {
            frame[1] = 127;
            long len = n;
            for (int i = 0; i < 8; i++) {
                frame[2 + i] = (byte) (len >>> (56 - 8 * i));
            }
        }
        System.arraycopy(payload, 0, frame, header, n);
        return frame;
    }
}
