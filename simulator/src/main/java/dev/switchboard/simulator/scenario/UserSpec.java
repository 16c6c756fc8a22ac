package dev.switchboard.simulator.scenario;

import java.util.List;

/**
 * A user of a scenario: the rooms it is granted at the start and its devices.
 *
 * @param id      the token's subject; also names its own room {@code user:id}
 * @param rooms   rooms granted (ACL) before the run; the user's own room needs no grant
 * @param devices at least one
 */
public record UserSpec(String id, List<String> rooms, List<DeviceSpec> devices) {
    public UserSpec {
        rooms = rooms == null ? List.of() : List.copyOf(rooms);
        devices = devices == null ? List.of() : List.copyOf(devices);
    }
}
