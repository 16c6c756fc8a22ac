package dev.switchboard.simulator.scenario;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Reads scenarios: the built-in ones from the jar ({@code /scenarios/NAME.json}, listed in
 * {@code /scenarios/index.txt}) or any JSON file. Unknown fields are refused, so a typo in a file
 * is an error rather than a silently ignored setting.
 */
public final class ScenarioLoader {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private ScenarioLoader() {
    }

    /** The names of the built-in scenarios, in the order of the index. */
    public static List<String> builtIns() {
        try (InputStream in = ScenarioLoader.class.getResourceAsStream("/scenarios/index.txt")) {
            if (in == null) {
                return List.of();
            }
            return Arrays.stream(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"))
                    .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new ScenarioException("cannot read the list of built-in scenarios: " + e.getMessage(), e);
        }
    }

    /** A built-in name, else a file path. */
    public static Scenario load(String nameOrPath) {
        if (builtIns().contains(nameOrPath)) {
            return builtIn(nameOrPath);
        }
        Path file = Path.of(nameOrPath);
        if (!Files.isRegularFile(file)) {
            throw new ScenarioException("no built-in scenario and no file named " + nameOrPath
                    + "; built-in: " + String.join(", ", builtIns()));
        }
        try {
            String fallback = file.getFileName().toString().replaceFirst("\\.json$", "");
            return parse(Files.readString(file, StandardCharsets.UTF_8), fallback);
        } catch (IOException e) {
            throw new ScenarioException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public static Scenario builtIn(String name) {
        try (InputStream in = ScenarioLoader.class.getResourceAsStream("/scenarios/" + name + ".json")) {
            if (in == null) {
                throw new ScenarioException("no built-in scenario " + name + "; built-in: " + String.join(", ", builtIns()));
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name);
        } catch (IOException e) {
            throw new ScenarioException("cannot read built-in scenario " + name + ": " + e.getMessage(), e);
        }
    }

    /** Parses and validates; a scenario without a name takes {@code fallbackName}. */
    public static Scenario parse(String json, String fallbackName) {
        Scenario s;
        try {
            s = MAPPER.readValue(json, Scenario.class);
        } catch (UnrecognizedPropertyException e) {
            throw new ScenarioException(where(e) + path(e) + ": unknown field; known: " + e.getKnownPropertyIds(), e);
        } catch (JsonProcessingException e) {
            throw new ScenarioException(where(e) + (path(e).isEmpty() ? "" : path(e) + ": ") + e.getOriginalMessage(), e);
        }
        if (s == null) {
            throw new ScenarioException("the scenario is empty");
        }
        if (s.name() == null) {
            s = s.named(fallbackName);
        }
        return s.validate();
    }

    /** {@code line 7, column 12: }, so a person editing the JSON finds the place; "" when the parser did not say. */
    private static String where(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        return at == null || at.getLineNr() < 1 ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
    }

    private static String path(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException m)) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : m.getPath()) {
            if (r.getFieldName() != null) {
                b.append(b.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.toString();
    }
}
