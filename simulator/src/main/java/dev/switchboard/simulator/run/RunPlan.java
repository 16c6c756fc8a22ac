package dev.switchboard.simulator.run;

import dev.switchboard.simulator.scenario.Cast;
import dev.switchboard.simulator.scenario.Scenario;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a run will touch on the gateway, known before it starts: stated by the CLI and the console so
 * that whoever runs it against a shared gateway sees, before anything happens, that only names under
 * the run's prefix are used.
 *
 * @param users  the users the run connects as (prefixed), in the scenario's order
 * @param rooms  the rooms it grants, joins or publishes to (prefixed, user rooms included)
 * @param faults the timeline's fault steps (each only on the run's own users and connections)
 */
public record RunPlan(String runId, String prefix, String gateway, List<String> users, List<String> rooms,
                      int devices, int faults) {
    /** Names listed in full in {@link #describe()}; beyond this only counted (a run of 10,000 devices). */
    private static final int LISTED = 8;

    public RunPlan {
        users = List.copyOf(users);
        rooms = List.copyOf(rooms);
    }

    static RunPlan of(Scenario scenario, Cast cast, String gateway) {
        Set<String> rooms = new LinkedHashSet<>();
        List<String> users = new ArrayList<>();
        for (Cast.User u : cast.users()) {
            users.add(u.id());
            rooms.add("user:" + u.id());
            rooms.addAll(u.rooms());
        }
        rooms.addAll(cast.loadRooms());
        int faults = (int) scenario.timeline().stream().filter(s -> s.kind().isFault()).count();
        return new RunPlan(cast.namespace().runId(), cast.namespace().prefix(), gateway, users, List.copyOf(rooms),
                cast.devices().size(), faults);
    }

    /**
     * A few lines: {@code run 4f2a3c on embedded (http://127.0.0.1:41234) touches only names starting sim-4f2a3c.}
     * then the users, devices, rooms and faults.
     */
    public String describe() {
        return "run " + runId + " on " + gateway + " touches only names starting " + prefix + "\n"
                + "  " + users.size() + " user(s): " + list(users) + "\n"
                + "  " + devices + " device(s) connecting as those users\n"
                + "  " + rooms.size() + " room(s): " + list(rooms) + "\n"
                + "  " + faults + " fault step(s), on these users' connections only\n";
    }

    private static String list(List<String> names) {
        String shown = String.join(", ", names.subList(0, Math.min(LISTED, names.size())));
        return names.size() > LISTED ? shown + " and " + (names.size() - LISTED) + " more" : shown;
    }
}
