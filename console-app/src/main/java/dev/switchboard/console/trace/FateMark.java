package dev.switchboard.console.trace;

/**
 * How one device's fate reads on screen and in text: {@code acked}, {@code recovered (via replay)},
 * {@code dropped (injected_drop)}, {@code missed (closed_1000)}; {@code injected} when a QA fault
 * caused it, so nobody mistakes it for a real fault. Immutable.
 */
public record FateMark(String fate, String text, boolean injected) {
    public static final String INJECTED_LABEL = "injected (QA)";

    /**
     * @param via        how it got there ({@code live}, {@code replay}, {@code http}, {@code snapshot}, {@code ack}) or null
     * @param dropReason why it was not sent ({@code drop.reason}) or null
     */
    public static FateMark of(String fate, String via, String dropReason, boolean injected) {
        String text = fate;
        if ("recovered".equals(fate) && via != null && !via.isBlank()) {
            text = fate + " (via " + via + ")";
        } else if (("dropped".equals(fate) || "missed".equals(fate)) && dropReason != null && !dropReason.isBlank()) {
            text = fate + " (" + dropReason + ")";
        }
        return new FateMark(fate, text, injected);
    }

    /** The console.css class that colours it: {@code fate-acked} … {@code fate-missed}. */
    public String styleClass() {
        return "fate-" + fate;
    }

    /** The text with the injected mark, for plain text: {@code dropped (injected_drop) [injected (QA)]}. */
    public String plain() {
        return injected ? text + " [" + INJECTED_LABEL + "]" : text;
    }
}
