package dev.switchboard.cli;

import dev.switchboard.config.ConfigException;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/** {@code switchboard <command>}: the entry point of the runnable jar. */
public final class Main {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private Main() {
    }

    public static void main(String[] argv) {
        int code = run(Arrays.asList(argv), System.out, System.err);
        if (code != OK || argv.length == 0 || !"serve".equals(argv[0])) {
            System.exit(code);
        }
    }

    /** Runs a command; {@code serve} returns once the gateway is up and leaves it running. */
    static int run(List<String> argv, PrintStream out, PrintStream err) {
        if (argv.isEmpty() || argv.get(0).equals("--help") || argv.get(0).equals("-h") || argv.get(0).equals("help")) {
            out.print(usage());
            return argv.isEmpty() ? USAGE : OK;
        }
        String command = argv.get(0);
        List<String> rest = argv.subList(1, argv.size());
        try {
            return switch (command) {
                case "serve" -> ServeCommand.run(Args.parse(rest), out, err);
                case "token" -> TokenCommand.run(Args.parse(rest), out, err);
                default -> {
                    err.println("unknown command '" + command + "'");
                    err.print(usage());
                    yield USAGE;
                }
            };
        } catch (Args.UsageException e) {
            err.println("switchboard " + command + ": " + e.getMessage());
            err.println("Run 'switchboard " + command + " --help' for the options.");
            return USAGE;
        } catch (ConfigException e) {
            err.println("switchboard: invalid configuration:");
            e.problems().forEach(p -> err.println("  " + p));
            return USAGE;
        }
    }

    static String usage() {
        return """
                Switchboard: a real-time gateway with a durable event log.

                Usage: switchboard <command> [options]

                Commands:
                  serve    Run a gateway node: the HTTP API, the WebSocket listener and the event log.
                           With no options it keeps its H2 event log in ./data, listens on 8080 (HTTP)
                           and 8081 (WebSocket), and generates a token secret for this run.
                  token    Print a signed JWT for a user, a backend service or an admin, for tests
                           and tools. Uses the same token.secret as the gateway.

                Run 'switchboard <command> --help' for a command's options.
                """;
    }
}
