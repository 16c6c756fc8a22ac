package dev.switchboard.simulator.scenario;

import dev.switchboard.model.room.RoomName;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The users and devices of a scenario as they will connect, in {@code replicas} independent copies
 * (to run one scenario with many devices: {@code --devices}), inside the run's {@link RunNamespace}:
 * this is the one place where the scenario's plain names become the names on the gateway. With one
 * copy user {@code alice} is {@code sim-<run>.alice} and room {@code doc:plan} is
 * {@code doc:sim-<run>.plan}; with more, copy {@code i} of them is {@code sim-<run>.alice.i} and
 * {@code doc:sim-<run>.plan.i}, so the copies share nothing. A device's {@code key} and a user's
 * {@code label} leave the prefix out ({@code alice/phone}, {@code alice.2}): reports and live views
 * name them so, and the run id is stated once. A timeline step that names a user, device or room acts
 * on that user, device or room in every copy.
 */
public final class Cast {
    /** A user as it connects: {@code id} on the gateway (prefixed), {@code label} as reports show it. */
    public record User(String template, int replica, String id, String label, List<String> rooms, List<Device> devices) {
    }

    /** A device as it connects: {@code key} is {@code userId/name}, {@code template} the scenario's name for it. */
    public record Device(String key, String template, String userId, String name, int replica, List<String> rooms,
                         DeviceSpec spec) {
    }

    private final int replicas;
    private final RunNamespace namespace;
    private final List<User> users = new ArrayList<>();
    private final Map<String, List<User>> usersByTemplate = new LinkedHashMap<>();
    private final Map<String, List<Device>> devicesByTemplate = new LinkedHashMap<>();
    private final List<String> loadRooms = new ArrayList<>();

    public Cast(Scenario scenario, int replicas, RunNamespace namespace) {
        if (replicas < 1) {
            throw new IllegalArgumentException("replicas must be at least 1");
        }
        this.replicas = replicas;
        this.namespace = namespace;
        for (int copy = 1; copy <= replicas; copy++) {
            final int i = copy;
            for (UserSpec u : scenario.users()) {
                String id = userId(u.id(), i);
                if (!RoomName.isValid("user:" + id)) {
                    throw new ScenarioException("user " + u.id() + " is too long with the run's prefix: " + id);
                }
                List<String> rooms = u.rooms().stream().map(r -> room(r, i)).toList();
                List<Device> devices = new ArrayList<>();
                for (DeviceSpec d : u.devices()) {
                    List<String> dr = d.rooms() == null ? rooms : d.rooms().stream().map(r -> room(r, i)).toList();
                    Device device = new Device(label(u.id(), i) + "/" + d.name(), u.id() + "/" + d.name(), id, d.name(), i, dr, d);
                    devices.add(device);
                    devicesByTemplate.computeIfAbsent(device.template(), k -> new ArrayList<>()).add(device);
                }
                User user = new User(u.id(), i, id, label(u.id(), i), rooms, List.copyOf(devices));
                users.add(user);
                usersByTemplate.computeIfAbsent(u.id(), k -> new ArrayList<>()).add(user);
            }
            for (String r : scenario.load().rooms()) {
                loadRooms.add(room(r, i));
            }
        }
    }

    public int replicas() {
        return replicas;
    }

    public List<User> users() {
        return users;
    }

    public List<Device> devices() {
        return users.stream().flatMap(u -> u.devices().stream()).toList();
    }

    public List<String> loadRooms() {
        return loadRooms;
    }

    /** Every copy of the scenario's user {@code template}. */
    public List<User> users(String template) {
        return usersByTemplate.getOrDefault(template, List.of());
    }

    /** Every copy of the scenario's device {@code user/name}. */
    public List<Device> devices(String template) {
        return devicesByTemplate.getOrDefault(template, List.of());
    }

    public RunNamespace namespace() {
        return namespace;
    }

    /** Copy {@code replica} of a user of the scenario, as the gateway knows it. */
    public String userId(String template, int replica) {
        return namespace.user(label(template, replica));
    }

    /** Copy {@code replica} of a user of the scenario, without the run's prefix. */
    public String label(String template, int replica) {
        return replicas == 1 ? template : template + "." + replica;
    }

    /** Copy {@code replica} of a room of the scenario, as the gateway knows it. */
    public String room(String template, int replica) {
        if (replicas == 1) {
            return namespace.room(template);
        }
        RoomName r = RoomName.parse(template);
        return namespace.room(r.isUserRoom() ? "user:" + label(r.id(), replica) : template + "." + replica);
    }

    /** How many copies give at least {@code devices} devices. */
    public static int replicasFor(Scenario scenario, int devices) {
        int perCopy = scenario.users().stream().mapToInt(u -> u.devices().size()).sum();
        return Math.max(1, (devices + perCopy - 1) / perCopy);
    }
}
