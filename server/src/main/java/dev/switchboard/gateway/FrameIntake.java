package dev.switchboard.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.config.WebSocketLimits;
import dev.switchboard.model.json.Json;
import dev.switchboard.model.protocol.ClientFrame;
import dev.switchboard.model.protocol.CloseCodes;
import dev.switchboard.model.protocol.ErrorCode;
import dev.switchboard.model.protocol.FrameCodec;
import dev.switchboard.model.protocol.FrameDecodeException;
import dev.switchboard.model.protocol.ServerFrame;
import org.java_websocket.WebSocket;
import org.java_websocket.framing.Framedata;
import org.java_websocket.framing.PingFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frames from clients and consoles: the message rate (pings count too), decoding, the presence rate,
 * and the hand-over of each request to its connection's request queue ({@link Session#requests}),
 * where it runs in arrival order. Refusals go through the same queue, so answers leave in request
 * order. Runs on the library's decoder thread of the connection, which owns the rate limiters; never
 * reads disk or network.
 */
final class FrameIntake {
    private static final Logger log = LoggerFactory.getLogger(FrameIntake.class);

    private final WebSocketLimits limits;
    private final Membership membership;
    private final AdminStream adminStream;
    private final GatewayMetrics metrics;

    FrameIntake(WebSocketLimits limits, Membership membership, AdminStream adminStream, GatewayMetrics metrics) {
        this.limits = limits;
        this.membership = membership;
        this.adminStream = adminStream;
        this.metrics = metrics;
    }

    /** A text frame. */
    void text(WebSocket conn, String text) {
        if (conn.getAttachment() instanceof AdminStream.Console console) {
            consoleMessage(console, text);
            return;
        }
        if (!(conn.getAttachment() instanceof Session s)) {
            return;
        }
        s.lastHeardNanos = System.nanoTime();
        MessageRate.Verdict rate = s.messageRate.take();
        if (rate == MessageRate.Verdict.FLOOD) {
            flooding(s);
            return;
        }
        boolean withinRate = rate == MessageRate.Verdict.WITHIN;
        ClientFrame frame;
        try {
            frame = FrameCodec.decodeClient(text);
        } catch (FrameDecodeException e) {
            if (withinRate) {
                badFrame(s, e.ref(), e.code().wire(), e.getMessage());
            } else {
                rateLimited(s, e.ref());
            }
            return;
        }
        if (!withinRate) {
            // Decoded anyway, so the answer carries the request's ref and the client knows which one was dropped.
            rateLimited(s, ref(frame));
            return;
        }
        if (frame instanceof ClientFrame.PresenceUpdate && !s.presenceBudget.tryTake()) {
            metrics.limit("presence_rate");
            error(s, null, ErrorCode.RATE_LIMITED.wire(), "more than " + limits.presencePerSecond()
                    + " presence updates per second; this update was dropped");
            return;
        }
        s.requests.execute(() -> handle(s, frame));
    }

    /** The admin stream's message rate: over it a frame is dropped, and a flood closes with 4008. */
    private boolean consoleWithinRate(AdminStream.Console console) {
        MessageRate.Verdict rate = console.rate.take();
        if (rate == MessageRate.Verdict.WITHIN) {
            return true;
        }
        metrics.limit("message_rate");
        if (rate == MessageRate.Verdict.FLOOD) {
            log.info("message rate: closing the admin stream of {}", console.admin);
            console.connection.close(CloseCodes.LIMIT_EXCEEDED, "message rate exceeded");
        }
        return false;
    }

    private void consoleMessage(AdminStream.Console console, String text) {
        if (!consoleWithinRate(console)) {
            return;
        }
        JsonNode frame;
        try {
            frame = Json.parse(text);
        } catch (JsonProcessingException e) {
            frame = null;
        }
        String op = frame == null ? "" : frame.path("op").asText();
        if (op.equals("subscribe")) {
            adminStream.subscribe(console, frame);
        } else if (op.equals("ping")) {
            console.send(FrameCodec.encode(new ServerFrame.Pong(frame.get("ref"))));
        } else {
            console.send(FrameCodec.encode(new ServerFrame.Error(frame == null ? null : frame.get("ref"),
                    frame == null ? ErrorCode.BAD_REQUEST.wire() : ErrorCode.UNKNOWN_OP.wire(),
                    "the admin stream understands subscribe and ping")));
        }
    }

    /** A binary frame: not part of the protocol. */
    void binary(WebSocket conn) {
        if (conn.getAttachment() instanceof Session s) {
            s.lastHeardNanos = System.nanoTime();
            badFrame(s, null, ErrorCode.BAD_REQUEST.wire(), "binary frames are not part of the protocol; send JSON text frames");
        }
    }

    /**
     * Refusals and the flood close go through the connection's request queue, behind the requests
     * accepted before them: answers leave in request order, and a 4008 never overtakes the pongs
     * and join answers a client was already promised.
     */
    private void flooding(Session s) {
        metrics.limit("message_rate");
        s.requests.execute(() -> {
            ConnectionLog.about(log.atInfo(), s).log(
                    "message rate: closing connection {} of user {}", s.id, s.userId());
            s.close(CloseCodes.LIMIT_EXCEEDED, "message rate exceeded");
        });
    }

    private void rateLimited(Session s, JsonNode ref) {
        metrics.limit("message_rate");
        error(s, ref, ErrorCode.RATE_LIMITED.wire(), "more than " + limits.messagesPerSecond()
                + " frames per second; this frame was dropped");
    }

    private static JsonNode ref(ClientFrame frame) {
        if (frame instanceof ClientFrame.Join j) {
            return j.ref();
        } else if (frame instanceof ClientFrame.Leave l) {
            return l.ref();
        } else if (frame instanceof ClientFrame.Ping p) {
            return p.ref();
        }
        return null;
    }

    private void handle(Session s, ClientFrame frame) {
        if (frame instanceof ClientFrame.Join j) {
            membership.join(s, j);
        } else if (frame instanceof ClientFrame.Leave l) {
            membership.leave(s, l);
        } else if (frame instanceof ClientFrame.Ack a) {
            membership.ack(s, a);
        } else if (frame instanceof ClientFrame.PresenceUpdate p) {
            membership.presence(s, p);
        } else if (frame instanceof ClientFrame.Ping p) {
            s.send(new ServerFrame.Pong(p.ref()));
        }
    }

    private void badFrame(Session s, JsonNode ref, String code, String message) {
        error(s, ref, code, message);
        if (s.badFrames.recordAndExceeded()) {
            metrics.limit("bad_frames");
            s.requests.execute(() -> {
                ConnectionLog.about(log.atInfo(), s).log(
                        "protocol abuse: closing connection {} of user {} after {} bad frames in a minute", s.id,
                        s.userId(), limits.badFramesPerMinute());
                s.close(CloseCodes.PROTOCOL_ABUSE, "too many bad frames");
            });
        }
    }

    /** An error answer, queued behind the requests accepted before it: answers leave in request order. */
    private void error(Session s, JsonNode ref, String code, String message) {
        s.requests.execute(() -> membership.error(s, ref, code, message));
    }

    void pong(WebSocket conn) {
        if (conn.getAttachment() instanceof Session s) {
            s.lastHeardNanos = System.nanoTime();
        }
    }

    /**
     * A client's ping counts toward its message rate like any frame (a dropped one gets no pong), and
     * the pong is queued through the connection's own accounting, held to {@code ws.max-outgoing-bytes}:
     * the library would queue it unbounded, and a client that pings without reading could make the
     * server keep every pong. Runs on the connection's decoder thread.
     */
    void ping(WebSocket conn, Framedata f) {
        if (conn.getAttachment() instanceof Session s) {
            s.lastHeardNanos = System.nanoTime();
            switch (s.messageRate.take()) {
                case WITHIN -> s.sendControl(WireFrames.pong(f.getPayloadData()));
                case DROP -> metrics.limit("message_rate");
                case FLOOD -> flooding(s);
            }
        } else if (conn.getAttachment() instanceof AdminStream.Console console) {
            if (consoleWithinRate(console) && f instanceof PingFrame ping) {
                console.pong(ping);
            }
        }
        // Before the upgrade completes the library decodes no frame, so there is nothing else to answer.
    }
}
