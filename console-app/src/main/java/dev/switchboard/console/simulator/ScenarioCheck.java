package dev.switchboard.console.simulator;

import dev.switchboard.simulator.scenario.Scenario;
import dev.switchboard.simulator.scenario.ScenarioException;
import dev.switchboard.simulator.scenario.ScenarioLoader;
import dev.switchboard.simulator.scenario.UserSpec;

import java.util.List;
import java.util.Locale;

/**
 * What the editor's JSON amounts to, checked by the simulator's own loader ({@link ScenarioLoader#parse},
 * which names the offending field): the scenario, or the loader's message; a one-line summary; and
 * whether the console can run it against the connected gateway. Immutable; cheap enough to take on
 * every edit (a few kilobytes of JSON).
 *
 * @param scenario    the valid scenario, or null
 * @param error       the loader's message when it is not valid, else null
 * @param summary     "3 devices of 2 users · 4 s of load at 40 events/s · 4 steps · …", or "" when not valid
 * @param notRunnable why the console cannot run it (it restarts the gateway), or null
 */
public record ScenarioCheck(Scenario scenario, String error, String summary, String notRunnable) {

    /** Only the simulator's embedded gateway can be stopped and started again by a run. */
    static String restartsGateway(String name) {
        return "Not runnable here: it restarts the gateway, which only the simulator's embedded gateway can do"
                + " (switchboard-simulator.jar simulate " + name + "). The console runs scenarios against the"
                + " connected gateway.";
    }

    /** What a cluster scenario runs on: not the connected gateway, a cluster the simulator starts. */
    static final String CLUSTER_NOTE = "Runs on a three-node cluster the simulator starts on this machine (three"
            + " gateway processes and a Redis of their own) over the PostgreSQL database given below, not on the"
            + " connected gateway: it kills a node or stops Redis. Headless: switchboard-simulator.jar simulate"
            + " NAME --cluster 3 --db-url jdbc:postgresql://...";

    /** Whether the valid scenario kills nodes or stops Redis: it runs on a cluster the simulator starts. */
    public boolean needsCluster() {
        return scenario != null && scenario.needsCluster();
    }

    public static ScenarioCheck of(String json, String fallbackName) {
        if (json == null || json.isBlank()) {
            return new ScenarioCheck(null, "the scenario is empty: choose one on the left or paste its JSON", "", null);
        }
        try {
            Scenario s = ScenarioLoader.parse(json, fallbackName);
            return new ScenarioCheck(s, null, summary(s), s.restartsGateway() && !s.needsCluster()
                    ? restartsGateway(s.name()) : null);
        } catch (ScenarioException e) {
            return new ScenarioCheck(null, e.getMessage(), "", null);
        }
    }

    public boolean valid() {
        return scenario != null;
    }

    public boolean runnable() {
        return scenario != null && notRunnable == null;
    }

    private static String summary(Scenario s) {
        int devices = s.users().stream().map(UserSpec::devices).mapToInt(List::size).sum();
        return String.format(Locale.ROOT, "%d device%s of %d user%s · %s s of load at %s events/s to %d room%s · %d step%s"
                        + " · converges within %s s",
                devices, plural(devices), s.users().size(), plural(s.users().size()),
                number(s.durationSeconds()), number(s.load().eventsPerSecond()), s.load().rooms().size(),
                plural(s.load().rooms().size()), s.timeline().size(), plural(s.timeline().size()),
                number(s.convergenceTimeoutSeconds()));
    }

    private static String plural(int n) {
        return n == 1 ? "" : "s";
    }

    private static String number(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
