package dev.switchboard.cli;

import dev.switchboard.config.ConfigException;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

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
                case "serve" -> command(rest, ServeCommand::help, ServeCommand::run, out, err);
                case "token" -> command(rest, TokenCommand::help, TokenCommand::run, out, err);
                case "backup" -> command(rest, BackupCommand::help, BackupCommand::run, out, err);
                case "restore" -> command(rest, RestoreCommand::help, RestoreCommand::run, out, err);
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

    /** One command's entry point: its parsed options and where to print. */
    @FunctionalInterface
    interface Command {
        int run(Args args, PrintStream out, PrintStream err);
    }

    /** Runs {@code command} on its options, or prints its help when asked for. */
    private static int command(List<String> argv, Supplier<String> help, Command command, PrintStream out, PrintStream err) {
        Args args = Args.parse(argv);
        if (args.help) {
            out.print(help.get());
            return OK;
        }
        return command.run(args, out, err);
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
                  backup   Save a consistent copy of a running gateway's event log (H2) to a file.
                  restore  Restore such a file into an empty data folder, with a new epoch.

                Run 'switchboard <command> --help' for a command's options.
                """;
    }
}
