package dev.switchboard.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code --name value} and {@code --name=value} flags; a flag given twice keeps the last value. */
final class Args {
    final Map<String, String> flags = new LinkedHashMap<>();
    final List<String> positional = new ArrayList<>();
    boolean help;

    static Args parse(List<String> argv) {
        Args a = new Args();
        for (int i = 0; i < argv.size(); i++) {
            String arg = argv.get(i);
            if (arg.equals("--help") || arg.equals("-h")) {
                a.help = true;
            } else if (arg.startsWith("--")) {
                int eq = arg.indexOf('=');
                if (eq > 0) {
                    a.flags.put(arg.substring(2, eq), arg.substring(eq + 1));
                } else if (i + 1 < argv.size() && !argv.get(i + 1).startsWith("--")) {
                    a.flags.put(arg.substring(2), argv.get(++i));
                } else {
                    throw new UsageException(arg + " needs a value");
                }
            } else {
                a.positional.add(arg);
            }
        }
        return a;
    }

    String take(String name) {
        return flags.remove(name);
    }

    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
