package dev.switchboard.simulator.check;

/**
 * One assertion failure, naming the device and the event where there is one.
 *
 * @param device  {@code user/name}, or null when no device is concerned (a publish)
 * @param room    the room, or null
 * @param eventId the event's id, or null
 * @param offset  the event's offset in {@code room}, or -1
 */
public record Failure(Assertion assertion, String device, String room, String eventId, long offset, String detail) {

    public static Failure of(Assertion assertion, String detail) {
        return new Failure(assertion, null, null, null, -1, detail);
    }

    /** One line: {@code [applied-once] device alice/phone room doc:plan event e-17 offset 17: detail}. */
    public String describe() {
        StringBuilder b = new StringBuilder("[").append(assertion.id()).append(']');
        if (device != null) {
            b.append(" device ").append(device);
        }
        if (room != null) {
            b.append(" room ").append(room);
        }
        if (eventId != null) {
            b.append(" event ").append(eventId);
        }
        if (offset >= 0) {
            b.append(" offset ").append(offset);
        }
        return b.append(": ").append(detail).toString();
    }
}
