package dev.switchboard.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The gateway's whole configuration, validated once at start and immutable afterwards. Every bad
 * value is reported together, each naming its key, so an operator fixes them in one go.
 *
 * @param tokenSecretGenerated true when no secret was configured and a random one was made for this run
 */
public record GatewayConfig(
        String nodeId,
        String httpHost,
        int httpPort,
        int wsPort,
        String wsPublicUrl,
        Path dataDir,
        String tokenSecret,
        boolean tokenSecretGenerated,
        String dbUrl,
        String dbUser,
        String dbPassword,
        int dbPoolSize,
        int maxPayloadBytes,
        int maxBodyBytes,
        int httpThreads,
        HttpLimits http,
        int recoveryMaxReplay,
        SnapshotLimits snapshots,
        int logBatchMax,
        Duration logCommitDelay,
        int logQueueCapacity,
        int logMaterializeEvery,
        int logFoldSliceRows,
        RetentionLimits retention,
        Duration heartbeatInterval,
        Duration heartbeatTimeout,
        Duration drainGrace,
        Duration drainReconnectSpread,
        Duration reconnectWindow,
        boolean traceEnabled,
        Duration traceRetention,
        WebSocketLimits ws,
        TlsSettings tls,
        ClusterSettings cluster) {

    public static final int MIN_SECRET_BYTES = 32;
    /** The payload column holds at most this many characters. */
    public static final int MAX_PAYLOAD_LIMIT = 1_048_576;
    /** Below this a size bound could not hold the log's own tables and one large payload. */
    public static final long MIN_LOG_SIZE = 4L * 1024 * 1024;
    private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern ORIGIN = Pattern.compile("[a-z][a-z0-9+.-]*://[^/\\s]+");

    /** Defaults for everything: what {@code switchboard serve} with no configuration runs on. */
    public static GatewayConfig defaults() {
        return from(Map.of());
    }

    public static GatewayConfig from(Map<ConfigKey, String> values) {
        Parser p = new Parser(values);
        String secret = p.raw(ConfigKey.TOKEN_SECRET);
        boolean generated = secret == null || secret.isBlank();
        if (generated) {
            byte[] bytes = new byte[MIN_SECRET_BYTES];
            new SecureRandom().nextBytes(bytes);
            secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        } else if (secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            p.problem(ConfigKey.TOKEN_SECRET, "must be at least " + MIN_SECRET_BYTES + " bytes for HS256, got "
                    + secret.getBytes(StandardCharsets.UTF_8).length);
        }
        String nodeId = p.raw(ConfigKey.NODE_ID);
        if (nodeId == null || nodeId.isBlank()) {
            nodeId = hostName();
        } else if (!NODE_ID.matcher(nodeId).matches()) {
            p.problem(ConfigKey.NODE_ID, "must match [A-Za-z0-9._-]{1,64}, got \"" + nodeId + "\"");
        }
        String dbUrl = p.raw(ConfigKey.DB_URL);
        if (dbUrl != null && !dbUrl.isBlank() && !dbUrl.startsWith("jdbc:h2:") && !dbUrl.startsWith("jdbc:postgresql:")) {
            p.problem(ConfigKey.DB_URL, "must be a jdbc:h2: or jdbc:postgresql: URL, got \"" + dbUrl + "\"");
        }
        String redisUrl = p.raw(ConfigKey.REDIS_URL);
        if (redisUrl != null && !redisUrl.isBlank() && !redisUrl.startsWith("redis://") && !redisUrl.startsWith("rediss://")) {
            p.problem(ConfigKey.REDIS_URL, "must be a redis:// or rediss:// URL, got \"" + redisUrl + "\"");
        }
        String wsPublicUrl = p.raw(ConfigKey.WS_PUBLIC_URL);
        if (wsPublicUrl != null && !wsPublicUrl.isBlank()
                && !(wsPublicUrl.startsWith("ws://") || wsPublicUrl.startsWith("wss://"))) {
            p.problem(ConfigKey.WS_PUBLIC_URL, "must start with ws:// or wss://, got \"" + wsPublicUrl + "\"");
        }
        GatewayConfig config = new GatewayConfig(
                nodeId,
                p.text(ConfigKey.HTTP_HOST),
                p.integer(ConfigKey.HTTP_PORT, 0, 65535),
                p.integer(ConfigKey.WS_PORT, 0, 65535),
                blankToNull(wsPublicUrl),
                p.path(ConfigKey.DATA_DIR),
                secret,
                generated,
                blankToNull(dbUrl),
                p.text(ConfigKey.DB_USER),
                p.text(ConfigKey.DB_PASSWORD),
                p.integer(ConfigKey.DB_POOL_SIZE, 1, 256),
                p.integer(ConfigKey.PUBLISH_MAX_PAYLOAD_BYTES, 1, MAX_PAYLOAD_LIMIT),
                p.integer(ConfigKey.HTTP_MAX_BODY_BYTES, 1024, 64 * 1024 * 1024),
                p.integer(ConfigKey.HTTP_THREADS, 1, 1024),
                new HttpLimits(
                        p.integer(ConfigKey.HTTP_MAX_CONNECTIONS, 1, 1_000_000),
                        p.integer(ConfigKey.HTTP_MAX_HEADER_BYTES, 1024, 1024 * 1024),
                        p.duration(ConfigKey.HTTP_HEADER_TIMEOUT, Duration.ofMillis(100)),
                        p.duration(ConfigKey.HTTP_BODY_TIMEOUT, Duration.ofMillis(100)),
                        p.duration(ConfigKey.HTTP_IDLE_TIMEOUT, Duration.ofMillis(100)),
                        p.integer(ConfigKey.HTTP_MAX_BUFFERED_BODY_BYTES, 1024, Integer.MAX_VALUE),
                        p.list(ConfigKey.HTTP_CORS_ORIGINS)),
                p.integer(ConfigKey.RECOVERY_MAX_REPLAY, 1, 100_000),
                new SnapshotLimits(
                        p.integer(ConfigKey.SNAPSHOT_PAGE_RESOURCES, 1, 100_000),
                        p.integer(ConfigKey.SNAPSHOT_PAGE_BYTES, 1024, 256 * 1024 * 1024),
                        p.integer(ConfigKey.SNAPSHOT_MAX_CONCURRENT, 1, 1024)),
                p.integer(ConfigKey.LOG_BATCH_MAX, 1, 10_000),
                p.duration(ConfigKey.LOG_COMMIT_DELAY, Duration.ZERO),
                p.integer(ConfigKey.LOG_QUEUE_CAPACITY, 1, 10_000_000),
                p.integer(ConfigKey.LOG_MATERIALIZE_EVERY, 1, 10_000_000),
                p.integer(ConfigKey.LOG_FOLD_SLICE_ROWS, 1, 1_000_000),
                new RetentionLimits(
                        p.integer(ConfigKey.LOG_RETAIN_PER_ROOM, 0, Integer.MAX_VALUE),
                        p.duration(ConfigKey.LOG_MAX_AGE, Duration.ZERO),
                        p.byteSize(ConfigKey.LOG_MAX_SIZE, MIN_LOG_SIZE),
                        p.integer(ConfigKey.LOG_RETENTION_BATCH, 10, 1_000_000),
                        p.duration(ConfigKey.LOG_RETENTION_INTERVAL, Duration.ofMillis(10)),
                        p.duration(ConfigKey.LOG_COMPACT_TIME, Duration.ZERO)),
                p.duration(ConfigKey.HEARTBEAT_INTERVAL, Duration.ofMillis(100)),
                p.duration(ConfigKey.HEARTBEAT_TIMEOUT, Duration.ofMillis(100)),
                p.duration(ConfigKey.DRAIN_GRACE, Duration.ZERO),
                p.duration(ConfigKey.DRAIN_RECONNECT_SPREAD, Duration.ZERO),
                p.duration(ConfigKey.METRICS_RECONNECT_WINDOW, Duration.ZERO),
                p.bool(ConfigKey.TRACE_ENABLED),
                p.duration(ConfigKey.TRACE_RETENTION, Duration.ofMinutes(1)),
                new WebSocketLimits(
                        p.integer(ConfigKey.WS_MAX_FRAME_BYTES, 1024, 16 * 1024 * 1024),
                        p.integer(ConfigKey.WS_MAX_OUTGOING_BYTES, 1024, Integer.MAX_VALUE),
                        p.duration(ConfigKey.WS_SLOW_CONSUMER_TIMEOUT, Duration.ZERO),
                        p.integer(ConfigKey.WS_MESSAGES_PER_SECOND, 1, 1_000_000),
                        p.integer(ConfigKey.WS_PRESENCE_PER_SECOND, 1, 1_000_000),
                        p.integer(ConfigKey.WS_MAX_CONNECTIONS_PER_USER, 1, 1_000_000),
                        p.integer(ConfigKey.WS_MAX_CONNECTIONS_PER_IP, 1, 10_000_000),
                        p.integer(ConfigKey.WS_MAX_BAD_FRAMES, 0, 1_000_000),
                        p.integer(ConfigKey.WS_SESSION_THREADS, 1, 256),
                        p.duration(ConfigKey.WS_HANDSHAKE_TIMEOUT, Duration.ofMillis(100)),
                        p.integer(ConfigKey.WS_MAX_TOTAL_BACKLOG_BYTES, 1024, Integer.MAX_VALUE),
                        p.integer(ConfigKey.WS_MAX_HANDSHAKE_BYTES, 1024, 1024 * 1024),
                        p.integer(ConfigKey.WS_MAX_CONNECTIONS, 1, 1_000_000),
                        p.integer(ConfigKey.WS_MAX_APP_LABELS, 0, 10_000),
                        p.origins(ConfigKey.WS_ALLOWED_ORIGINS)),
                tls(p),
                new ClusterSettings(
                        blankToNull(redisUrl),
                        p.duration(ConfigKey.CLUSTER_LOG_POLL, Duration.ofMillis(5)),
                        p.duration(ConfigKey.CLUSTER_BUS_CHECK, Duration.ofMillis(10))));
        if (config.httpPort != 0 && config.httpPort == config.wsPort) {
            p.problem(ConfigKey.WS_PORT, "must differ from http.port (" + config.httpPort + ")");
        }
        if (config.heartbeatTimeout.compareTo(config.heartbeatInterval) <= 0) {
            p.problem(ConfigKey.HEARTBEAT_TIMEOUT, "must be longer than heartbeat.interval ("
                    + config.heartbeatInterval.toMillis() + " ms)");
        }
        if (config.http.maxBufferedBodyBytes() < config.maxBodyBytes) {
            p.problem(ConfigKey.HTTP_MAX_BUFFERED_BODY_BYTES, "must be at least http.max-body-bytes ("
                    + config.maxBodyBytes + ")");
        }
        for (String origin : config.http.corsOrigins()) {
            if (!origin.equals("*") && !origin.matches("https?://[A-Za-z0-9.-]+(:\\d{1,5})?")) {
                p.problem(ConfigKey.HTTP_CORS_ORIGINS, "each origin must be scheme://host[:port] or *, got \"" + origin + "\"");
            }
        }
        if (config.maxBodyBytes < config.maxPayloadBytes) {
            p.problem(ConfigKey.HTTP_MAX_BODY_BYTES, "must be at least publish.max-payload-bytes ("
                    + config.maxPayloadBytes + ")");
        }
        p.throwIfProblems();
        return config;
    }

    /** A PEM pair or a PKCS12 file, never both, never half a pair; the files are read at start (Gateway). */
    private static TlsSettings tls(Parser p) {
        Path cert = p.optionalPath(ConfigKey.TLS_CERT_FILE);
        Path key = p.optionalPath(ConfigKey.TLS_KEY_FILE);
        Path pkcs12 = p.optionalPath(ConfigKey.TLS_PKCS12_FILE);
        if (cert != null && key == null) {
            p.problem(ConfigKey.TLS_KEY_FILE, "is needed with tls.cert-file");
        }
        if (key != null && cert == null) {
            p.problem(ConfigKey.TLS_CERT_FILE, "is needed with tls.key-file");
        }
        if (pkcs12 != null && (cert != null || key != null)) {
            p.problem(ConfigKey.TLS_PKCS12_FILE, "give either tls.pkcs12-file or tls.cert-file and tls.key-file, not both");
        }
        return new TlsSettings(cert, key, pkcs12, p.text(ConfigKey.TLS_PKCS12_PASSWORD),
                p.duration(ConfigKey.TLS_RELOAD_INTERVAL, Duration.ZERO));
    }

    /** JDBC URL of the event log: the configured one, or the embedded H2 file in the data folder. */
    public String jdbcUrl() {
        if (dbUrl != null) {
            return dbUrl;
        }
        // WRITE_DELAY=0: a commit reaches the file before the 201 (the default delay lost ~1 s on kill -9).
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().normalize().resolve("switchboard") + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
    }

    public boolean embeddedDatabase() {
        return dbUrl == null || dbUrl.startsWith("jdbc:h2:");
    }

    /** Everything but secrets, for the start-up log line. */
    public String describe() {
        return "node=" + nodeId + " http=" + httpHost + ":" + httpPort + " ws=" + httpHost + ":" + wsPort
                + " tls=" + tls
                + " db=" + (dbUrl == null ? "h2:" + dataDir.toAbsolutePath().normalize() : dbUrl.replaceAll("password=[^&;]*", "password=***"));
    }

    /**
     * An Origin header value or configured origin as compared: trimmed, lower case (scheme and host are
     * case-insensitive), without a trailing slash.
     */
    public static String normalizeOrigin(String origin) {
        String o = origin == null ? "" : origin.trim().toLowerCase(Locale.ROOT);
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String hostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._-]", "-");
            return name.isEmpty() ? "node-1" : name.length() > 64 ? name.substring(0, 64) : name;
        } catch (UnknownHostException e) {
            return "node-1";
        }
    }

    /** Collects problems instead of stopping at the first, so all of them are reported together. */
    private static final class Parser {
        private final Map<ConfigKey, String> values;
        private final List<String> problems = new ArrayList<>();

        Parser(Map<ConfigKey, String> values) {
            this.values = values;
        }

        String raw(ConfigKey key) {
            String v = values.get(key);
            return v != null ? v.trim() : key.defaultValue();
        }

        String text(ConfigKey key) {
            String v = raw(key);
            return v == null ? "" : v;
        }

        void problem(ConfigKey key, String message) {
            problems.add(key.key() + ": " + message);
        }

        int integer(ConfigKey key, int min, int max) {
            return parse(key, Integer::parseInt, "a whole number", min, max, Integer.parseInt(key.defaultValue()));
        }

        boolean bool(ConfigKey key) {
            String v = text(key).trim().toLowerCase(Locale.ROOT);
            if (v.equals("true") || v.equals("false")) {
                return Boolean.parseBoolean(v);
            }
            problem(key, "must be true or false, got \"" + v + "\"");
            return Boolean.parseBoolean(key.defaultValue());
        }

        /** A comma-separated list; empty entries are dropped. */
        List<String> list(ConfigKey key) {
            return Arrays.stream(text(key).split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
        }

        Path path(ConfigKey key) {
            String v = text(key);
            if (v.isBlank()) {
                problem(key, "must not be empty");
                return Path.of(key.defaultValue());
            }
            return Path.of(v);
        }

        /** Null when the key is not set. */
        Path optionalPath(ConfigKey key) {
            String v = raw(key);
            return v == null || v.isBlank() ? null : Path.of(v);
        }

        /** A comma-separated list of {@code scheme://host[:port]} origins, normalised for comparison. */
        Set<String> origins(ConfigKey key) {
            Set<String> origins = new LinkedHashSet<>();
            for (String item : text(key).split(",")) {
                String origin = normalizeOrigin(item);
                if (origin.isEmpty()) {
                    continue;
                }
                if (!ORIGIN.matcher(origin).matches()) {
                    problem(key, "each origin must be scheme://host[:port] like https://app.example.com, got \""
                            + item.trim() + "\"");
                }
                origins.add(origin);
            }
            return Collections.unmodifiableSet(origins);
        }

        /** A size in bytes: 0 (off) or at least {@code min}. */
        long byteSize(ConfigKey key, long min) {
            String v = text(key);
            try {
                long n = ByteSizes.parse(v);
                if (n != 0 && n < min) {
                    problem(key, "must be 0 (no bound) or at least " + min + " bytes, got " + v);
                }
                return n;
            } catch (IllegalArgumentException e) {
                problem(key, e.getMessage());
                return ByteSizes.parse(key.defaultValue());
            }
        }

        Duration duration(ConfigKey key, Duration min) {
            String v = text(key);
            try {
                Duration d = Durations.parse(v);
                if (d.compareTo(min) < 0) {
                    problem(key, "must be at least " + min.toMillis() + "ms, got " + v);
                }
                return d;
            } catch (IllegalArgumentException e) {
                problem(key, e.getMessage());
                return Durations.parse(key.defaultValue());
            }
        }

        private int parse(ConfigKey key, Function<String, Integer> parser, String what, int min, int max, int fallback) {
            String v = text(key);
            try {
                int n = parser.apply(v);
                if (n < min || n > max) {
                    problem(key, "must be between " + min + " and " + max + ", got " + v);
                    return fallback;
                }
                return n;
            } catch (NumberFormatException e) {
                problem(key, "must be " + what + ", got \"" + v + "\"");
                return fallback;
            }
        }

        void throwIfProblems() {
            if (!problems.isEmpty()) {
                throw new ConfigException(problems);
            }
        }
    }
}
