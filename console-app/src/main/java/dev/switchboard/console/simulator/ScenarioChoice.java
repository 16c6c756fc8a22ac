package dev.switchboard.console.simulator;

/**
 * One entry of the scenario list: a built-in scenario or a file the user opened, with the JSON as it
 * was read (the editor starts from it). Immutable.
 *
 * @param key         what identifies it in the list: the built-in's name, or the file's path
 * @param name        the scenario's name (the file name when the JSON names none)
 * @param description one or two sentences from the scenario, may be empty
 * @param json        the scenario as read, for the editor
 * @param file        true when it was opened from a file
 * @param notRunnable why the console cannot run it as read (it restarts the gateway), or null
 * @param cluster     it kills nodes or stops Redis: it runs on a cluster the simulator starts
 */
public record ScenarioChoice(String key, String name, String description, String json, boolean file,
                             String notRunnable, boolean cluster) {
}
