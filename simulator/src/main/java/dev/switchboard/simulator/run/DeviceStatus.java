package dev.switchboard.simulator.run;

import dev.switchboard.client.ClientCounters;
import dev.switchboard.client.ResourceState;
import dev.switchboard.client.RoomView;
import dev.switchboard.simulator.scenario.RunNamespace;

import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One simulated device as it stands at the moment it was taken ({@link Simulation#devices()}), for a
 * live view. Immutable: it copies from the SDK client's own published views and counters, which any
 * thread may read, so it may be taken and kept on any thread.
 *
 * @param device       {@code user/name}, as reports and failures name it, and as {@link Simulation#inject} takes it
 * @param user         the user as the scenario names it (the token's subject without the run's prefix)
 * @param name         the device id the SDK connects with
 * @param state        the client's {@link dev.switchboard.client.ConnectionState} name
 * @param connectionId the gateway's id of the current connection, or null between connections
 * @param rooms        the rooms the client holds, by name as the scenario names them
 * @param counters     the SDK's counters (applied, duplicates and stale ignored, gaps, reconnects...)
 * @param tokensMinted tokens its token supplier handed out
 * @param failures     assertion failures naming this device so far
 */
public record DeviceStatus(String device, String user, String name, String state, String connectionId,
                           List<RoomStatus> rooms, ClientCounters counters, int tokensMinted, int failures) {

    /**
     * One room as the device holds it ({@link RoomView}, without the payloads).
     *
     * @param offset    the last offset applied in {@code epoch}
     * @param syncing   a recovery (replay, HTTP pages or snapshot) is in progress
     * @param resources how many resources the device holds in the room
     * @param versions  the version held of each resource, by id in id order, for the first
     *                  {@value #MAX_VERSIONS} ids only (a live view needs no more)
     */
    public record RoomStatus(String room, String epoch, long offset, boolean syncing, int resources,
                             Map<String, Long> versions) {
        public static final int MAX_VERSIONS = 50;

        /** The room and its resources named as the scenario names them, without the run's prefix. */
        static RoomStatus of(RoomView v, RunNamespace namespace) {
            Map<String, Long> versions = new LinkedHashMap<>();
            v.resources().values().stream().sorted(Comparator.comparing(ResourceState::resourceId)).limit(MAX_VERSIONS)
                    .forEach(r -> versions.put(namespace.plain(r.resourceId()), r.version()));
            return new RoomStatus(namespace.plain(v.room()), v.epoch(), v.offset(), v.syncing(), v.resources().size(),
                    Collections.unmodifiableMap(versions));
        }
    }
}
