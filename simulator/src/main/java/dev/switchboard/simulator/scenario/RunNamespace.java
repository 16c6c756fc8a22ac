package dev.switchboard.simulator.scenario;

import dev.switchboard.model.room.RoomName;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The names one run owns: every user, and through the users every device, and every room the run
 * creates carry the prefix {@code sim-<runId>.}, so a run against a shared gateway never touches a real
 * user, device or room with the scenario's plain name. A user id may not hold {@code :} (it must be a
 * room id, {@code [A-Za-z0-9._@-]}), hence the dot: user {@code alice} of run {@code 4f2a} is
 * {@code sim-4f2a.alice}, room {@code doc:plan} is {@code doc:sim-4f2a.plan}, and the user room
 * {@code user:alice} is {@code user:sim-4f2a.alice}, the user room of the prefixed user.
 *
 * @param runId 4 to 16 of {@code [a-z0-9]}
 */
public record RunNamespace(String runId) {
    private static final Pattern RUN_ID = Pattern.compile("[a-z0-9]{4,16}");
    private static final SecureRandom RANDOM = new SecureRandom();

    public RunNamespace {
        if (runId == null || !RUN_ID.matcher(runId).matches()) {
            throw new IllegalArgumentException("a run id is 4 to 16 of [a-z0-9], got " + runId);
        }
    }

    /** A fresh run id of 6 hex digits: short to read, and two runs on one gateway do not collide in practice. */
    public static RunNamespace random() {
        byte[] b = new byte[3];
        RANDOM.nextBytes(b);
        return new RunNamespace(HexFormat.of().formatHex(b));
    }

    /** {@code sim-<runId>.}, what every user id and room id of the run starts with. */
    public String prefix() {
        return "sim-" + runId + ".";
    }

    /** The run's user for a scenario's user id. */
    public String user(String plain) {
        return prefix() + plain;
    }

    /** The run's room for a scenario's room: the prefix goes in front of the room's id, its kind stays. */
    public String room(String plain) {
        RoomName r = RoomName.parse(plain);
        return r.kind() + ":" + prefix() + r.id();
    }

    public boolean ownsUser(String userId) {
        return userId != null && userId.startsWith(prefix());
    }

    public boolean ownsRoom(String room) {
        return room != null && RoomName.isValid(room) && ownsUser(RoomName.parse(room).id());
    }

    /**
     * A name or text of this run as the scenario would write it: every user id, room and resource id
     * ({@code doc:sim-4f2a.plan/r3}) without the run's prefix. The prefix holds {@code sim-}, the run id
     * and a dot, which no scenario name is made of by chance; other names stay as they are.
     */
    public String plain(String text) {
        return text == null ? null : text.replace(prefix(), "");
    }
}
