package dev.switchboard.cli;

import dev.switchboard.config.ConfigKey;
import dev.switchboard.config.ConfigSources;
import dev.switchboard.config.GatewayConfig;
import dev.switchboard.eventlog.EventLogException;
import dev.switchboard.node.GatewayNode;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;

/** {@code switchboard serve}: starts a node and keeps it running until SIGTERM or SIGINT. */
final class ServeCommand {
    private ServeCommand() {
    }

    static int run(Args args, PrintStream out, PrintStream err) {
        if (!args.positional.isEmpty()) {
            throw new Args.UsageException("unexpected argument '" + args.positional.get(0) + "'");
        }
        GatewayConfig config = load(args);
        if (config.tokenSecretGenerated()) {
            err.println("WARNING: no token.secret is configured, so this run uses a random one. Tokens signed with it");
            err.println("WARNING: stop working when the gateway restarts. Set SWITCHBOARD_TOKEN_SECRET for real use.");
            err.println("WARNING: token.secret for this run: " + config.tokenSecret());
            err.println("WARNING: mint a token with: SWITCHBOARD_TOKEN_SECRET=" + config.tokenSecret()
                    + " switchboard token --user alice --role service");
        }
        JitAdvice.of(Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getRuntimeMXBean().getInputArguments()).ifPresent(err::println);
        GatewayNode gateway;
        try {
            gateway = GatewayNode.start(config, Clock.systemUTC());
        } catch (IOException e) {
            err.println("switchboard: cannot listen on " + config.httpHost() + ":" + config.httpPort() + ": " + e.getMessage());
            return Main.FAILED;
        } catch (EventLogException e) {
            err.println("switchboard: " + e.getMessage());
            return Main.FAILED;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gateway.close();
            // A SIGTERM'd gateway that drained cleanly exits 0, not the JVM's 143: deploy tools read it as success.
            Runtime.getRuntime().halt(Main.OK);
        }, "shutdown"));
        out.println("switchboard ready http=" + gateway.httpPort() + " ws=" + gateway.wsPort() + " node=" + config.nodeId());
        out.flush();
        return Main.OK;
    }

    /** Properties file, then SWITCHBOARD_* environment, then flags. */
    static GatewayConfig load(Args args) {
        String file = args.take("config");
        return GatewayConfig.from(ConfigSources.merge(file == null ? null : Path.of(file), System.getenv(), args.flags));
    }

    static String help() {
        StringBuilder b = new StringBuilder();
        b.append("""
                Usage: switchboard serve [--config FILE] [--KEY VALUE ...]

                Runs a gateway node until SIGTERM or SIGINT, then drains and exits 0.
                Configuration is read from the properties file given with --config, then from
                SWITCHBOARD_* environment variables, then from flags; later ones win. A bad value
                stops start-up with a message naming the key.

                Keys (file key / environment variable / flag, default):
                """);
        for (ConfigKey k : ConfigKey.values()) {
            b.append(String.format("  %-28s %s%n", k.key(), k.help()));
            b.append(String.format("  %-28s %s  %s  (default: %s)%n%n", "", k.envName(), k.flag(),
                    k.defaultValue() == null ? "see above" : k.defaultValue().isEmpty() ? "empty" : k.defaultValue()));
        }
        return b.toString();
    }
}
