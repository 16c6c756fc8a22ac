package dev.switchboard.simulator.scenario;

import dev.switchboard.model.room.RoomName;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The users and devices of a scenario as they will connect, in {@code replicas} independent copies
 * (to run one scenario with many devices: {@code --devices}). With one copy every name is as written;
 * with more, copy {@code i} of user {@code alice} is {@code alice.i} and of room {@code doc:plan} is
 * {@code doc:plan.i}, so the copies share nothing. A timeline step that names a user, device or room
 * acts on that user, device or room in every copy.
 */
public final class Cast {
    /** A user as it connects. */
    public record User(String template, int replica, String id, List<String> rooms, List<Device> devices) {
    }

    /** A device as it connects: {@code key} is {@code userId/name}, {@code template} the scenario's name for it. */
    public record Device(String key, String template, String userId, String name, int replica, List<String> rooms,
                         DeviceSpec spec) {
    }

    private final int replicas;
    private final List<User> users = new ArrayList<>();
    private final Map<String, List<User>> usersByTemplate = new LinkedHashMap<>();
    private final Map<String, List<Device>> devicesByTemplate = new LinkedHashMap<>();
    private final List<String> loadRooms = new ArrayList<>();

    public Cast(Scenario scenario, int replicas) {
        if (replicas < 1) {
            throw new IllegalArgumentException("replicas must be at least 1");
        }
        this.replicas = replicas;
        for (int copy = 1; copy <= replicas; copy++) {
            final int i = copy;
            for (UserSpec u : scenario.users()) {
                String id = userId(u.id(), i);
                List<String> rooms = u.rooms().stream().map(r -> room(r, i)).toList();
                List<Device> devices = new ArrayList<>();
                for (DeviceSpec d : u.devices()) {
                    List<String> dr = d.rooms() == null ? rooms : d.rooms().stream().map(r -> room(r, i)).toList();
                    Device device = new Device(id + "/" + d.name(), u.id() + "/" + d.name(), id, d.name(), i, dr, d);
                    devices.add(device);
                    devicesByTemplate.computeIfAbsent(device.template(), k -> new ArrayList<>()).add(device);
                }
                User user = new User(u.id(), i, id, rooms, List.copyOf(devices));
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

    public String userId(String template, int replica) {
        return replicas == 1 ? template : template + "." + replica;
    }

    /** Copy {@code replica} of a room of the scenario. */
    public String room(String template, int replica) {
        if (replicas == 1) {
            return template;
        }
        RoomName r = RoomName.parse(template);
        return r.isUserRoom() ? "user:" + userId(r.id(), replica) : template + "." + replica;
    }

    /** How many copies give at least {@code devices} devices. */
    public static int replicasFor(Scenario scenario, int devices) {
        int perCopy = scenario.users().stream().mapToInt(u -> u.devices().size()).sum();
        return Math.max(1, (devices + perCopy - 1) / perCopy);
    }
}
