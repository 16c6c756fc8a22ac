package dev.switchboard.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.switchboard.client.TrustedCa;
import dev.switchboard.model.json.Json;
import dev.switchboard.simulator.report.JsonReport;
import dev.switchboard.simulator.report.SimulationReport;
import dev.switchboard.simulator.report.TextReport;
import dev.switchboard.simulator.run.EmbeddedGateway;
import dev.switchboard.simulator.run.ClusterGateway;
import dev.switchboard.simulator.run.RemoteGateway;
import dev.switchboard.simulator.run.Simulation;
import dev.switchboard.simulator.run.SimulationTarget;
import dev.switchboard.simulator.scenario.Cast;
import dev.switchboard.simulator.scenario.RunNamespace;
import dev.switchboard.simulator.scenario.Scenario;
import dev.switchboard.simulator.scenario.ScenarioException;
import dev.switchboard.simulator.scenario.ScenarioLoader;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code simulate SCENARIO [--gateway URL --admin-token T --service-token T --token-secret S] [--json]}:
 * runs a built-in scenario or a scenario file against an embedded gateway (default) or a running one,
 * prints a progress line to stderr and the report to stdout. Exit code 0 when every assertion held,
 * 1 when one failed, 2 for a usage error, 3 when the run could not start (gateway unreachable).
 */
public final class SimulateCommand {
    public static final int PASSED = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int CANNOT_RUN = 3;

    static final String USAGE_TEXT = """
            Usage: simulate SCENARIO [--gateway URL --admin-token T --service-token T --token-secret S [--ca-file PEM]]
                                     [--json] [--devices N] [--rate EVENTS_PER_SECOND] [--run-id ID] [--quiet] [--verbose]
                   list

            SCENARIO is a built-in scenario name (see 'list') or a scenario JSON file (simulator/README.md).
            Without --gateway an embedded gateway is started (temporary data folder, free ports).
              --gateway URL        a running gateway's HTTP URL; its WebSocket URL is read from /api/info
              --service-token T    publishes and manages the ACL (required with --gateway)
              --admin-token T      injects faults (required with --gateway when the scenario has faults)
              --token-secret S     the gateway's token.secret, to mint the devices' tokens (required with --gateway)
              --ca-file PEM        trust this CA (and only it) for an https:// gateway and its wss:// listener
              --json               print the report as JSON
              --devices N          run copies of the scenario's users side by side until there are N devices
              --rate R             total events per second (default: the scenario's rate in every copy)
              --run-id ID          the run's id, 4-16 of [a-z0-9] (default: random); every user and room of the
                                   run is named sim-ID.<scenario's name>, so a run never touches real users
              --quiet              no progress line
              --verbose            keep the embedded gateway's INFO log on stderr
              --cluster N          start N gateway nodes (processes) on the PostgreSQL of --db-url, with a Redis
                                   of their own; needed by redis-unavailable and node-dies
              --db-url URL         jdbc:postgresql://host:port/db for --cluster (--db-user, --db-password)
            Exit code: 0 every assertion held, 1 one failed, 2 usage error, 3 could not run.
            """;

    private SimulateCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Parsed command line. */
    record Args(String scenario, String gateway, String adminToken, String serviceToken, String tokenSecret,
                boolean json, Integer devices, Double rate, boolean quiet, boolean verbose, Path caFile, String runId,
                Integer cluster, String dbUrl, String dbUser, String dbPassword) {
    }

    public static int run(String[] argv, PrintStream out, PrintStream err) {
        if (argv.length == 1 && argv[0].equals("list")) {
            ScenarioLoader.builtIns().forEach(name -> out.println(name + "  " + ScenarioLoader.builtIn(name).description()));
            return PASSED;
        }
        Args args;
        try {
            args = parse(argv);
        } catch (IllegalArgumentException e) {
            err.println("simulate: " + e.getMessage());
            err.print(USAGE_TEXT);
            return USAGE;
        }
        if (args == null) {
            out.print(USAGE_TEXT);
            return PASSED;
        }
        Scenario scenario;
        try {
            scenario = ScenarioLoader.load(args.scenario());
        } catch (ScenarioException e) {
            err.println("simulate: " + e.getMessage());
            return USAGE;
        }
        if (!args.verbose()) {
            quietenLogs();
        }
        TrustedCa trustedCa;
        try {
            trustedCa = args.caFile() == null ? null : TrustedCa.fromPem(args.caFile());
        } catch (IllegalArgumentException e) {
            err.println("simulate: --ca-file: " + e.getMessage());
            return USAGE;
        }
        SimulationTarget target;
        try {
            target = args.cluster() != null
                    ? ClusterGateway.start(args.cluster(), args.dbUrl(), args.dbUser(), args.dbPassword())
                    : args.gateway() == null ? EmbeddedGateway.start()
                    : RemoteGateway.connect(args.gateway(), args.serviceToken(), args.adminToken(), args.tokenSecret(),
                    trustedCa);
        } catch (IOException | RuntimeException e) {
            err.println("simulate: cannot reach the gateway: " + e.getMessage());
            return CANNOT_RUN;
        }
        try (target) {
            Progress progress = new Progress(err, args.quiet());
            Simulation.Options options = Simulation.Options.defaults()
                    .withReplicas(args.devices() == null ? 1 : Cast.replicasFor(scenario, args.devices()))
                    .withRate(args.rate())
                    .withRunId(args.runId())
                    .withProgress(progress::line);
            Simulation simulation;
            try {
                simulation = new Simulation(scenario, target, options);
            } catch (ScenarioException e) {
                err.println("simulate: " + e.getMessage());
                return USAGE;
            }
            // Before anything is sent: what this run will touch (stderr, so that --json stays parseable).
            err.print(simulation.plan().describe());
            err.flush();
            SimulationReport report = simulation.run();
            progress.end();
            out.print(args.json() ? Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(JsonReport.render(report)) + "\n"
                    : TextReport.render(report));
            out.flush();
            return report.passed() ? PASSED : FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("simulate: interrupted");
            return CANNOT_RUN;
        } catch (JsonProcessingException e) {
            err.println("simulate: " + e.getMessage());
            return CANNOT_RUN;
        }
    }

    /** Null for --help. */
    static Args parse(String[] argv) {
        List<String> positional = new ArrayList<>();
        String gateway = null;
        String admin = null;
        String service = null;
        String secret = null;
        boolean json = false;
        boolean quiet = false;
        boolean verbose = false;
        Integer devices = null;
        Double rate = null;
        Path caFile = null;
        String runId = null;
        Integer cluster = null;
        String dbUrl = null;
        String dbUser = null;
        String dbPassword = null;
        for (int i = 0; i < argv.length; i++) {
            String a = argv[i];
            switch (a) {
                case "--help", "-h" -> {
                    return null;
                }
                case "--json" -> json = true;
                case "--quiet" -> quiet = true;
                case "--verbose" -> verbose = true;
                case "--gateway" -> gateway = value(argv, ++i, a);
                case "--admin-token" -> admin = value(argv, ++i, a);
                case "--service-token" -> service = value(argv, ++i, a);
                case "--token-secret" -> secret = value(argv, ++i, a);
                case "--ca-file" -> caFile = Path.of(value(argv, ++i, a));
                case "--devices" -> devices = positiveInt(value(argv, ++i, a), a);
                case "--rate" -> rate = positiveDouble(value(argv, ++i, a), a);
                case "--run-id" -> runId = runId(value(argv, ++i, a), a);
                case "--cluster" -> cluster = positiveInt(value(argv, ++i, a), a);
                case "--db-url" -> dbUrl = value(argv, ++i, a);
                case "--db-user" -> dbUser = value(argv, ++i, a);
                case "--db-password" -> dbPassword = value(argv, ++i, a);
                default -> {
                    if (a.startsWith("--")) {
                        throw new IllegalArgumentException("unknown option " + a);
                    }
                    positional.add(a);
                }
            }
        }
        if (positional.isEmpty() || !positional.get(0).equals("simulate")) {
            throw new IllegalArgumentException("the command is 'simulate SCENARIO' (or 'list')");
        }
        if (positional.size() != 2) {
            throw new IllegalArgumentException(positional.size() < 2 ? "which scenario? give a built-in name or a file"
                    : "unexpected argument " + positional.get(2));
        }
        if (gateway == null && (admin != null || service != null || secret != null)) {
            throw new IllegalArgumentException("--admin-token, --service-token and --token-secret go with --gateway");
        }
        if (gateway != null && (service == null || secret == null)) {
            throw new IllegalArgumentException("--gateway needs --service-token and --token-secret (and --admin-token for faults)");
        }
        if (gateway == null && caFile != null) {
            throw new IllegalArgumentException("--ca-file goes with --gateway");
        }
        if (cluster != null && (cluster < 2 || gateway != null || dbUrl == null || !dbUrl.startsWith("jdbc:postgresql:"))) {
            throw new IllegalArgumentException("--cluster N: at least 2 nodes, without --gateway, with --db-url"
                    + " jdbc:postgresql://... (the nodes' shared event log)");
        }
        if (cluster == null && (dbUrl != null || dbUser != null || dbPassword != null)) {
            throw new IllegalArgumentException("--db-url, --db-user and --db-password go with --cluster");
        }
        return new Args(positional.get(1), gateway, admin, service, secret, json, devices, rate, quiet, verbose, caFile, runId,
                cluster, dbUrl, dbUser, dbPassword);
    }

    private static String value(String[] argv, int i, String flag) {
        if (i >= argv.length || argv[i].startsWith("--")) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return argv[i];
    }

    private static String runId(String v, String flag) {
        try {
            return new RunNamespace(v).runId();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(flag + ": " + e.getMessage());
        }
    }

    private static int positiveInt(String v, String flag) {
        try {
            int n = Integer.parseInt(v);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(flag + " must be a whole number of at least 1, got " + v);
    }

    private static double positiveDouble(String v, String flag) {
        try {
            double d = Double.parseDouble(v);
            if (d > 0) {
                return d;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(flag + " must be a number above 0, got " + v);
    }

    /** The embedded gateway logs every connection at INFO; the progress line is what the user watches. */
    static void quietenLogs() {
        Logger root = LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        if (root instanceof ch.qos.logback.classic.Logger logback) {
            logback.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    /** The live progress line on stderr: rewritten in place on a terminal, one line a second otherwise. */
    static final class Progress {
        private final PrintStream err;
        private final boolean quiet;
        private final boolean terminal = System.console() != null;
        private int lastLength;

        Progress(PrintStream err, boolean quiet) {
            this.err = err;
            this.quiet = quiet;
        }

        synchronized void line(String text) {
            if (quiet) {
                return;
            }
            if (terminal) {
                err.print("\r" + text + " ".repeat(Math.max(0, lastLength - text.length())));
                lastLength = text.length();
            } else {
                err.println(text);
            }
            err.flush();
        }

        synchronized void end() {
            if (!quiet && terminal && lastLength > 0) {
                err.println();
            }
        }
    }
}
