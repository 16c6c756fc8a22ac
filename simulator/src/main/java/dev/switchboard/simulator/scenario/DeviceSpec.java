package dev.switchboard.simulator.scenario;

import java.util.List;

/**
 * One device of a user, as written in a scenario.
 *
 * @param name      the device id the SDK connects with (unique per user); a device is named {@code user/name}
 * @param rooms     the rooms this device joins (default: every room of its user)
 * @param reconcile {@code false} turns the SDK's reconciliation off: a deliberately broken client, for
 *                  showing that the simulator catches what the rules protect against (default true)
 * @param acks      {@code false} turns the SDK's cumulative acks off (default true)
 * @param role      the token role: {@code user} (default) or, to simulate a device wrongly holding a
 *                  backend's token, {@code service} (a service connection is not cut by a revoke)
 */
public record DeviceSpec(String name, List<String> rooms, Boolean reconcile, Boolean acks, String role) {
    public DeviceSpec {
        rooms = rooms == null ? null : List.copyOf(rooms);
        reconcile = reconcile == null || reconcile;
        acks = acks == null || acks;
        role = role == null ? "user" : role;
    }
}
