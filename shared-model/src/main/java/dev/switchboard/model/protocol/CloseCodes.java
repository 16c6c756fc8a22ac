package dev.switchboard.model.protocol;

/** WebSocket close codes the gateway uses (PROTOCOL.md §4). */
public final class CloseCodes {
    public static final int NORMAL = 1000;
    public static final int FRAME_TOO_BIG = 1009;
    public static final int NODE_RESTART = 1012;
    public static final int PROTOCOL_ABUSE = 4000;
    public static final int UNAUTHORIZED = 4001;
    public static final int LIMIT_EXCEEDED = 4008;
    public static final int SLOW_CONSUMER = 4009;
    public static final int OPERATOR_DISCONNECT = 4010;

    private CloseCodes() {
    }
}
