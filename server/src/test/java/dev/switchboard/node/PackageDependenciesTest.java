package dev.switchboard.node;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server's packages form a graph without cycles, read from the sources' imports: a maintainer
 * can understand each package from the ones below it, and only {@code node} wires them all.
 */
class PackageDependenciesTest {
    private static final Path SOURCES = Path.of("src/main/java/dev/switchboard");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?dev\\.switchboard\\.([a-z]+)\\.", Pattern.MULTILINE);

    @Test
    void noPackageCycles() throws IOException {
        Map<String, Set<String>> uses = dependencies();
        assertThat(uses).as("packages found").containsKeys("gateway", "eventlog", "node", "faults", "fanout");
        for (String from : uses.keySet()) {
            List<String> path = cycleFrom(from, from, uses, new ArrayList<>(List.of(from)), new HashSet<>());
            assertThat(path).as("a cycle through " + from + " in " + uses).isNull();
        }
    }

    @Test
    void theGatewayKnowsNothingOfWhatIsBuiltOnIt() throws IOException {
        assertThat(dependencies().get("gateway")).as("gateway's imports")
                .doesNotContain("node", "admin", "http", "fanout", "faults", "cli");
        assertThat(dependencies().get("eventlog")).as("eventlog's imports")
                .doesNotContain("node", "admin", "http", "fanout", "faults", "cli", "gateway");
    }

    private static Map<String, Set<String>> dependencies() throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String pkg = SOURCES.relativize(f).getName(0).toString();
                Set<String> to = uses.computeIfAbsent(pkg, k -> new TreeSet<>());
                Matcher m = IMPORT.matcher(Files.readString(f));
                while (m.find()) {
                    if (!m.group(1).equals(pkg) && !m.group(1).equals("model")) {
                        to.add(m.group(1));
                    }
                }
            }
        }
        return uses;
    }

    private static List<String> cycleFrom(String start, String at, Map<String, Set<String>> uses, List<String> path,
                                          Set<String> seen) {
        for (String next : uses.getOrDefault(at, Set.of())) {
            if (next.equals(start)) {
                path.add(next);
                return path;
            }
            if (seen.add(next)) {
                path.add(next);
                List<String> found = cycleFrom(start, next, uses, path, seen);
                if (found != null) {
                    return found;
                }
                path.remove(path.size() - 1);
            }
        }
        return null;
    }
}
