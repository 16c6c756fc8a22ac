package dev.switchboard.console.simulator;

import dev.switchboard.simulator.scenario.ScenarioException;
import dev.switchboard.simulator.scenario.ScenarioLoader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads scenarios for the list: the simulator's built-in ones (named in its {@code /scenarios/index.txt},
 * each a {@code /scenarios/NAME.json} on the class path) with their JSON as written, and JSON files the
 * user opens. Reading is I/O: call it off the FX thread.
 */
final class ScenarioCatalog {
    private ScenarioCatalog() {
    }

    /** Every built-in scenario, in the index's order. */
    static List<ScenarioChoice> builtIns() {
        List<ScenarioChoice> choices = new ArrayList<>();
        for (String name : ScenarioLoader.builtIns()) {
            choices.add(choice(name, resource(name), false));
        }
        return choices;
    }

    /**
     * A scenario file; one the loader refuses is still listed (with its name from the file), so the user
     * sees the loader's message in the editor and can fix it there.
     *
     * @throws UncheckedIOException when the file cannot be read
     */
    static ScenarioChoice file(Path file) {
        try {
            return choice(file.toAbsolutePath().toString(), Files.readString(file, StandardCharsets.UTF_8), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The name a scenario without one takes: the file's name without {@code .json}, as the loader does. */
    static String fallbackName(String key) {
        return Path.of(key).getFileName().toString().replaceFirst("\\.json$", "");
    }

    private static ScenarioChoice choice(String key, String json, boolean file) {
        ScenarioCheck check = ScenarioCheck.of(json, fallbackName(key));
        String name = check.valid() ? check.scenario().name() : fallbackName(key);
        String description = check.valid() ? check.scenario().description() : "Not valid: " + check.error();
        return new ScenarioChoice(key, name, description, json, file, check.notRunnable(), check.needsCluster());
    }

    private static String resource(String name) {
        try (InputStream in = ScenarioLoader.class.getResourceAsStream("/scenarios/" + name + ".json")) {
            if (in == null) {
                throw new ScenarioException("the index names " + name + " but there is no /scenarios/" + name + ".json");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read built-in scenario " + name, e);
        }
    }
}
