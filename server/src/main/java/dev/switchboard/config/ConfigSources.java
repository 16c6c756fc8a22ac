package dev.switchboard.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Merges the three places configuration comes from, later ones winning: the properties file given
 * with {@code --config}, then {@code SWITCHBOARD_*} environment variables, then command-line flags.
 * Unknown keys in the file or the flags stop start-up (a typo must not silently fall back to a default).
 */
public final class ConfigSources {
    private ConfigSources() {
    }

    public static Map<ConfigKey, String> merge(Path propertiesFile, Map<String, String> env, Map<String, String> flags) {
        Map<ConfigKey, String> values = new EnumMap<>(ConfigKey.class);
        List<String> problems = new ArrayList<>();
        if (propertiesFile != null) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(propertiesFile, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException e) {
                throw new ConfigException("config: cannot read " + propertiesFile + ": " + e.getMessage());
            }
            for (String name : p.stringPropertyNames()) {
                put(values, problems, name, p.getProperty(name).trim(), "in " + propertiesFile);
            }
        }
        for (Map.Entry<String, String> e : env.entrySet()) {
            if (e.getKey().startsWith("SWITCHBOARD_")) {
                Optional<ConfigKey> key = ConfigKey.find(e.getKey().substring("SWITCHBOARD_".length()));
                // Unknown SWITCHBOARD_* variables are ignored: environments carry variables for other tools.
                key.ifPresent(k -> values.put(k, e.getValue()));
            }
        }
        for (Map.Entry<String, String> e : flags.entrySet()) {
            put(values, problems, e.getKey(), e.getValue(), "on the command line");
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return values;
    }

    private static void put(Map<ConfigKey, String> values, List<String> problems, String name, String value, String where) {
        Optional<ConfigKey> key = ConfigKey.find(name);
        if (key.isEmpty()) {
            problems.add(name + ": unknown configuration key " + where + " (see 'switchboard serve --help')");
        } else {
            values.put(key.get(), value);
        }
    }
}
