import dev.switchboard.config.ConfigKey;

import java.util.Map;

/**
 * Writes /etc/switchboard/switchboard.conf to stdout from the server's own list of keys (ConfigKey),
 * so that the packaged file names every key the gateway reads, with its meaning and default, and
 * cannot drift from the code. Run by installers/build.sh as a single-file program:
 * java -cp switchboard-server.jar installers/server/ConfFile.java
 */
public class ConfFile {
    /** Keys the package sets, uncommented: the service's paths. */
    static final Map<ConfigKey, String> SET = Map.of(ConfigKey.DATA_DIR, "/var/lib/switchboard/data");

    /** What a packaged installation adds to a key's meaning. */
    static final Map<ConfigKey, String> NOTES = Map.of(
            ConfigKey.DATA_DIR, "The service may write only below /var/lib/switchboard (ReadWritePaths in"
                    + " switchboard.service); a folder elsewhere needs that line changed too"
                    + " (systemctl edit switchboard).",
            ConfigKey.TOKEN_SECRET, "Leave this unset here: the package generated one at install in"
                    + " /etc/switchboard/secrets.env (SWITCHBOARD_TOKEN_SECRET, mode 0600), which the service and"
                    + " the switchboard command read. Replace it there to rotate it (every token signed with the"
                    + " old one stops working).",
            ConfigKey.DRAIN_GRACE, "systemd waits TimeoutStopSec (60s in switchboard.service) for the drain: keep"
                    + " this well below it, or raise TimeoutStopSec too (systemctl edit switchboard).",
            ConfigKey.HTTP_PORT, "Ports below 1024 need AmbientCapabilities=CAP_NET_BIND_SERVICE in the unit.",
            ConfigKey.TLS_CERT_FILE, "The service runs as the user switchboard: it must be able to read the"
                    + " files (installers/README.md shows how with a certbot certificate).",
            ConfigKey.TLS_PKCS12_PASSWORD, "Put it in /etc/switchboard/secrets.env as"
                    + " SWITCHBOARD_TLS_PKCS12_PASSWORD=... rather than here.",
            ConfigKey.DB_PASSWORD, "Put it in /etc/switchboard/secrets.env as SWITCHBOARD_DB_PASSWORD=... rather"
                    + " than here.");

    /** Values to uncomment for keys whose default is absent or computed. */
    static final Map<ConfigKey, String> EXAMPLES = Map.of(
            ConfigKey.NODE_ID, "gw-1",
            ConfigKey.WS_PUBLIC_URL, "wss://gateway.example.com/ws",
            ConfigKey.HTTP_THREADS, "8",
            ConfigKey.DB_URL, "jdbc:postgresql://db.example.com:5432/switchboard",
            ConfigKey.TLS_CERT_FILE, "/etc/switchboard/tls/fullchain.pem",
            ConfigKey.TLS_KEY_FILE, "/etc/switchboard/tls/privkey.pem",
            ConfigKey.TLS_PKCS12_FILE, "/etc/switchboard/tls/gateway.p12");

    public static void main(String[] args) {
        StringBuilder b = new StringBuilder();
        b.append("""
                # /etc/switchboard/switchboard.conf: the gateway's configuration (a Java properties file,
                # key=value), read by 'switchboard serve --config /etc/switchboard/switchboard.conf' in
                # switchboard.service. Every key the gateway knows is listed below with its default,
                # commented out: remove the '#' in front of a key to set it, then
                #   sudo systemctl restart switchboard
                # (a restart drains: clients are told to reconnect, spread over drain.reconnect-spread).
                #
                # An unknown key stops start-up with a message naming it (see: journalctl -u switchboard).
                # SWITCHBOARD_* variables in /etc/switchboard/secrets.env win over this file; keep secrets
                # (token.secret, db.password, tls.pkcs12-password) there, not here: this file is
                # readable by everyone on the machine. 'switchboard serve --help' prints the same list.
                #
                # Durations are written like 500ms, 10s, 15m, 48h, 7d.
                #
                # TLS (https and wss): give the gateway a certificate and both listeners take it, with no
                # plain port next to them. Either the PEM pair (tls.cert-file and tls.key-file, e.g. certbot's
                # fullchain.pem and privkey.pem as they are) or a PKCS12 file (tls.pkcs12-file), not both.
                # Renewed files are picked up without a restart (tls.reload-interval). Behind a proxy that
                # terminates TLS leave the tls.* keys unset and set ws.public-url=wss://host/ws instead.

                """);
        for (ConfigKey k : ConfigKey.values()) {
            b.append(comment(k.help() + (NOTES.containsKey(k) ? " " + NOTES.get(k) : "")));
            b.append("# environment: ").append(k.envName()).append('\n');
            if (SET.containsKey(k)) {
                b.append(k.key()).append('=').append(SET.get(k)).append("\n\n");
            } else {
                if (EXAMPLES.containsKey(k)) {
                    b.append("# (for example)\n");
                }
                b.append('#').append(k.key()).append('=').append(EXAMPLES.getOrDefault(k, defaultOf(k))).append("\n\n");
            }
        }
        System.out.print(b);
    }

    /** The default as a value to uncomment (empty where there is none). */
    static String defaultOf(ConfigKey k) {
        return k.defaultValue() == null ? "" : k.defaultValue();
    }

    /** Wraps text into '# ' lines of at most 100 characters. */
    static String comment(String text) {
        StringBuilder out = new StringBuilder();
        StringBuilder line = new StringBuilder("#");
        for (String word : text.split(" ")) {
            if (line.length() + 1 + word.length() > 100) {
                out.append(line).append('\n');
                line = new StringBuilder("#");
            }
            line.append(' ').append(word);
        }
        return out.append(line).append('\n').toString();
    }
}
