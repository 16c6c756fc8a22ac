package dev.switchboard.simulator.scenario;

import dev.switchboard.model.ValidationException;
import dev.switchboard.model.room.RoomName;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A scenario as read from its JSON file (format: simulator/README.md): who connects with which
 * devices to which rooms, what the backend publishes for how long, and the chaos timeline. It is
 * checked once by {@link #validate()}, which names the offending field; everything later trusts it.
 *
 * @param durationSeconds           how long the load publishes
 * @param convergenceTimeoutSeconds after the load and the last step, how long devices may take to
 *                                  converge before it counts as a failure (default 20)
 */
public record Scenario(String name, String description, Double durationSeconds, Double convergenceTimeoutSeconds,
                       List<UserSpec> users, LoadSpec load, List<Step> timeline) {

    public Scenario {
        description = description == null ? "" : description;
        durationSeconds = durationSeconds == null ? 3.0 : durationSeconds;
        convergenceTimeoutSeconds = convergenceTimeoutSeconds == null ? 20.0 : convergenceTimeoutSeconds;
        users = users == null ? List.of() : List.copyOf(users);
        load = load == null ? new LoadSpec(null, null, null, null, null, null) : load;
        timeline = timeline == null ? List.of() : List.copyOf(timeline);
    }

    /** The scenario with another name (a file's name when it has none). */
    public Scenario named(String newName) {
        return new Scenario(newName, description, durationSeconds, convergenceTimeoutSeconds, users, load, timeline);
    }

    /** Seconds after the load started when the load and every step are over. */
    public double lastActivitySeconds() {
        double end = durationSeconds;
        for (Step s : timeline) {
            end = Math.max(end, s.end());
        }
        return end;
    }

    public boolean needsAdmin() {
        return timeline.stream().anyMatch(s -> s.kind().isFault());
    }

    /** Whether it kills nodes or stops Redis: it runs only on a cluster the simulator runs. */
    public boolean needsCluster() {
        return timeline.stream().anyMatch(s -> s.kind().needsCluster());
    }

    public boolean restartsGateway() {
        return timeline.stream().anyMatch(s -> s.kind() == StepAction.RESTART_GATEWAY);
    }

    /** Checks every rule; returns this scenario, or throws naming the first broken field. */
    public Scenario validate() {
        require(name != null && !name.isBlank(), "name", "is required");
        require(durationSeconds > 0 && durationSeconds <= 3600, "durationSeconds", "must be in (0, 3600]");
        require(convergenceTimeoutSeconds > 0, "convergenceTimeoutSeconds", "must be more than 0");
        require(!users.isEmpty(), "users", "at least one user is required");
        Set<String> userIds = new HashSet<>();
        Set<String> devices = new HashSet<>();
        for (int u = 0; u < users.size(); u++) {
            UserSpec user = users.get(u);
            String f = "users[" + u + "]";
            require(user.id() != null && RoomName.isValid("user:" + user.id()), f + ".id",
                    "must be 1-128 of [A-Za-z0-9._@-], got " + user.id());
            require(userIds.add(user.id()), f + ".id", "repeats user " + user.id());
            for (int r = 0; r < user.rooms().size(); r++) {
                String room = user.rooms().get(r);
                room(room, f + ".rooms[" + r + "]");
                require(!RoomName.parse(room).isUserRoom(), f + ".rooms[" + r + "]",
                        "user rooms need no grant (and cannot be granted)");
            }
            require(!user.devices().isEmpty(), f + ".devices", "at least one device is required");
            for (int d = 0; d < user.devices().size(); d++) {
                DeviceSpec device = user.devices().get(d);
                String df = f + ".devices[" + d + "]";
                require(device.name() != null && device.name().matches("[A-Za-z0-9._@-]{1,64}"), df + ".name",
                        "must be 1-64 of [A-Za-z0-9._@-], got " + device.name());
                require(devices.add(user.id() + "/" + device.name()), df + ".name", "repeats device " + device.name());
                require(device.role().equals("user") || device.role().equals("service"), df + ".role",
                        "must be user or service");
                if (device.rooms() != null) {
                    for (int r = 0; r < device.rooms().size(); r++) {
                        require(user.rooms().contains(device.rooms().get(r)), df + ".rooms[" + r + "]",
                                "must be one of the user's rooms " + user.rooms());
                    }
                }
            }
        }
        require(load.eventsPerSecond() > 0 && load.eventsPerSecond() <= 100_000, "load.eventsPerSecond", "must be in (0, 100000]");
        require(load.resources() >= 1, "load.resources", "must be at least 1");
        require(load.publishers() >= 1 && load.publishers() <= 64, "load.publishers", "must be 1 to 64");
        require(load.republishEvery() >= 0, "load.republishEvery", "must be 0 or more");
        require(!load.rooms().isEmpty(), "load.rooms", "at least one room is required");
        require(load.type().matches("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+"), "load.type",
                "must be lower-case dotted with at least two segments, got " + load.type());
        for (int r = 0; r < load.rooms().size(); r++) {
            String room = load.rooms().get(r);
            room(room, "load.rooms[" + r + "]");
            RoomName rn = RoomName.parse(room);
            require(!rn.isUserRoom() || userIds.contains(rn.id()), "load.rooms[" + r + "]",
                    "a user room of a user the scenario does not have");
        }
        for (int i = 0; i < timeline.size(); i++) {
            step(timeline.get(i), "timeline[" + i + "]", devices);
        }
        return this;
    }

    private void step(Step s, String f, Set<String> devices) {
        StepAction a = StepAction.parse(s.action()).orElse(null);
        require(a != null, f + ".action", "unknown action " + s.action() + "; one of offline, background, cut, drop,"
                + " duplicate, reorder, delay, restart-gateway, revoke, grant, token-expiry, republish, stop-redis, start-redis,"
                + " kill-node");
        require(s.at() >= 0, f + ".at", "must be 0 or more");
        require(s.durationSeconds() == null || s.durationSeconds() >= 0, f + ".durationSeconds", "must be 0 or more");
        require(s.user() == null || users.stream().anyMatch(u -> u.id().equals(s.user())), f + ".user",
                "no user " + s.user() + " in this scenario");
        require(s.device() == null || devices.contains(s.device()), f + ".device",
                "no device " + s.device() + " (write user/name) in this scenario");
        require(s.user() == null || s.device() == null, f, "give user or device, not both");
        boolean target = s.user() != null || s.device() != null;
        switch (a) {
            case OFFLINE -> {
                require(s.device() != null, f + ".device", "is required for offline");
                require(s.duration() > 0, f + ".durationSeconds", "is required for offline");
            }
            case BACKGROUND, DUPLICATE -> {
                require(target, f, "needs a user or a device");
                require(s.duration() > 0, f + ".durationSeconds", "is required for " + a.wire());
            }
            case CUT -> require(target, f, "needs a user or a device");
            case DROP -> {
                require(target, f, "needs a user or a device");
                require(s.count() != null && s.count() >= 1, f + ".count", "is required for drop (1 or more)");
            }
            case REORDER -> {
                require(target, f, "needs a user or a device");
                require(s.window() != null && s.window() >= 2, f + ".window", "is required for reorder (2 or more)");
                require(s.duration() > 0, f + ".durationSeconds", "is required for reorder");
            }
            case DELAY -> {
                require(target, f, "needs a user or a device");
                require(s.delayMs() != null && s.delayMs() >= 1, f + ".delayMs", "is required for delay (1 or more)");
                require(s.duration() > 0, f + ".durationSeconds", "is required for delay");
            }
            case REVOKE, GRANT -> {
                require(s.user() != null, f + ".user", "is required for " + a.wire());
                require(s.room() != null, f + ".room", "is required for " + a.wire());
                UserSpec u = users.stream().filter(x -> x.id().equals(s.user())).findFirst().orElseThrow();
                require(u.rooms().contains(s.room()), f + ".room",
                        "must be one of the user's rooms " + u.rooms() + " (its devices join it on a grant)");
            }
            case TOKEN_EXPIRY -> {
                require(target, f, "needs a user or a device");
                require(s.ttlSeconds() == null || s.ttlSeconds() >= 1, f + ".ttlSeconds", "must be at least 1");
            }
            case REPUBLISH -> require(s.count() != null && s.count() >= 1, f + ".count", "is required for republish");
            case RESTART_GATEWAY, STOP_REDIS, START_REDIS -> {
            }
            case KILL_NODE -> require(s.node() != null && s.node() >= 0, f + ".node", "is required for kill-node (0 or more)");
            default -> throw new IllegalStateException(a.toString());
        }
    }

    private static void room(String room, String field) {
        try {
            RoomName.parse(room, field);
        } catch (ValidationException e) {
            throw new ScenarioException(e.getMessage());
        }
    }

    private static void require(boolean ok, String field, String message) {
        if (!ok) {
            throw new ScenarioException(field + ": " + message);
        }
    }
}
