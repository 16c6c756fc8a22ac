package dev.switchboard.cli;

import dev.switchboard.config.ConfigKey;
import dev.switchboard.config.ConfigSources;
import dev.switchboard.config.GatewayConfig;

import java.nio.file.Path;
import java.util.Map;

/**
 * {@code token.secret} as the gateway reads it, for commands that sign tokens: from the file given
 * with {@code --config}, then {@code SWITCHBOARD_TOKEN_SECRET}, then {@code --token-secret}. Takes
 * those flags from the command's arguments and refuses any other flag left over.
 */
final class ConfiguredSecret {
    private ConfiguredSecret() {
    }

    /** The secret, validated; null when none is configured. */
    static String read(Args args) {
        String file = args.take("config");
        for (String flag : args.flags.keySet()) {
            if (ConfigKey.find(flag).orElse(null) != ConfigKey.TOKEN_SECRET) {
                throw new Args.UsageException("unknown option --" + flag);
            }
        }
        Map<ConfigKey, String> values = ConfigSources.merge(file == null ? null : Path.of(file), System.getenv(), args.flags);
        String secret = values.get(ConfigKey.TOKEN_SECRET);
        if (secret == null || secret.isBlank()) {
            return null;
        }
        GatewayConfig.from(Map.of(ConfigKey.TOKEN_SECRET, secret)); // validates the secret's length
        return secret;
    }
}
