package dev.switchboard.simulator.scenario;

import java.util.List;

/**
 * What the backend publishes while the scenario runs: {@code eventsPerSecond} in total, spread
 * round-robin over {@code rooms}; the k-th event of a room sets resource {@code r(k mod resources)}
 * of that room, so every resource's version keeps rising.
 *
 * @param publishers     threads publishing over HTTP (default 2)
 * @param type           the event type (default {@code sim.item.set})
 * @param republishEvery every n-th event is published a second time with the same id, as a queue
 *                       worker that retries would; the gateway must answer 200 with the first answer
 *                       and clients must apply it once (default 0: never)
 */
public record LoadSpec(Double eventsPerSecond, Integer resources, List<String> rooms, Integer publishers,
                       String type, Integer republishEvery) {
    public LoadSpec {
        eventsPerSecond = eventsPerSecond == null ? 20.0 : eventsPerSecond;
        resources = resources == null ? 10 : resources;
        rooms = rooms == null ? List.of() : List.copyOf(rooms);
        publishers = publishers == null ? 2 : publishers;
        type = type == null ? "sim.item.set" : type;
        republishEvery = republishEvery == null ? 0 : republishEvery;
    }
}
