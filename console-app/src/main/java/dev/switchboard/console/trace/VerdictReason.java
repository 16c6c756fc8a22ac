package dev.switchboard.console.trace;

import java.time.Instant;
import java.util.function.Function;

/**
 * Why a device missed an event, as the gateway says it (a trace device's {@code reason}): a code
 * ({@code offline}, {@code not_joined}, {@code revoked}, {@code slow_consumer}, {@code token_expired},
 * {@code closed} …) with the facts behind it. Fields the gateway leaves out are null. Immutable.
 */
public record VerdictReason(String code, Instant since, String connectionId, Integer closeCode, String closeReason) {

    /**
     * One line for a row, the times written by {@code time} (the page's clock, or UTC in copied text):
     * {@code offline since 08:35:21.004, last closed with 1000 (bye)}.
     */
    public String text(Function<Instant, String> time) {
        String code = this.code == null ? "unknown" : this.code;
        return switch (code) {
            case "offline" -> since == null ? "offline: first connected later" : "offline since " + time.apply(since) + closed();
            case "slow_consumer" -> "cut as a slow consumer" + at(time) + closed();
            case "token_expired" -> "token expired" + at(time) + closed();
            case "not_joined" -> "connected" + (connectionId == null ? "" : " on " + connectionId)
                    + (since == null ? "" : " since " + time.apply(since)) + ", never joined the room";
            case "left" -> "had left the room" + at(time);
            case "revoked" -> "access revoked" + at(time);
            case "closed" -> "closed before it was sent" + at(time) + closed();
            case "dropped" -> "dropped, then the connection closed" + closed();
            case "no_connection" -> "no connection within trace retention";
            case "unknown" -> "no record says why";
            default -> code + at(time) + closed(); // a code added later still reads
        };
    }

    private String at(Function<Instant, String> time) {
        return since == null ? "" : " at " + time.apply(since);
    }

    private String closed() {
        if (closeCode == null) {
            return "";
        }
        return ", last closed with " + closeCode + (closeReason == null || closeReason.isBlank() ? "" : " (" + closeReason + ")");
    }
}
