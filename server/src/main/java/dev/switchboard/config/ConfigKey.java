package dev.switchboard.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Every configuration key the gateway reads, its default and what it means. The same key is written
 * {@code http.port} in a properties file, {@code SWITCHBOARD_HTTP_PORT} in the environment and
 * {@code --http-port} (or {@code --http.port}) on the command line.
 */
public enum ConfigKey {
    NODE_ID("node.id", null, "Name of this gateway node in logs, metrics and traces (default: the host name)."),
    HTTP_HOST("http.host", "0.0.0.0", "Address both listeners bind to."),
    HTTP_PORT("http.port", "8080", "Port of the HTTP API, /metrics, /health and /admin (0 picks a free port)."),
    WS_PORT("ws.port", "8081", "Port of the WebSocket listener, /ws and /admin/ws (0 picks a free port)."),
    WS_PUBLIC_URL("ws.public-url", null, "WebSocket URL that /api/info advertises, when clients reach the node"
            + " through a proxy (default: ws://<host>:<ws.port>/ws)."),
    DATA_DIR("data.dir", "./data", "Folder of the embedded H2 event log."),
    TOKEN_SECRET("token.secret", null, "HS256 secret of client and service tokens, at least 32 bytes."
            + " Without it a random one is generated for this run and printed once."),
    DB_URL("db.url", null, "JDBC URL of the event log (default: an H2 file database in data.dir;"
            + " jdbc:postgresql://... for a shared PostgreSQL)."),
    DB_USER("db.user", "", "Database user, for db.url."),
    DB_PASSWORD("db.password", "", "Database password, for db.url."),
    DB_POOL_SIZE("db.pool-size", "8", "Connections kept for reads and the ACL (the writer has its own)."),
    PUBLISH_MAX_PAYLOAD_BYTES("publish.max-payload-bytes", "65536", "Largest serialized event payload; larger"
            + " publishes answer 413 too_large."),
    HTTP_MAX_BODY_BYTES("http.max-body-bytes", "1048576", "Largest HTTP request body read at all."),
    HTTP_THREADS("http.threads", Integer.toString(Math.max(4, 2 * Runtime.getRuntime().availableProcessors())),
            "Worker threads of the HTTP listener (default: twice the cores, at least 4; publishes wait for their"
            + " commit without holding one, and more threads than that cost CPU in switching)."),
    HTTP_MAX_CONNECTIONS("http.max-connections", "1000", "Open TCP connections to the HTTP port; at the limit the"
            + " node stops accepting new ones (they wait in the kernel's backlog) until one closes."),
    HTTP_MAX_HEADER_BYTES("http.max-header-bytes", "8192", "Largest request line plus headers; larger answers 431."),
    HTTP_HEADER_TIMEOUT("http.header-timeout", "10s", "How long a request may take from its first byte to the end"
            + " of its headers (and a new connection to its first request); past it the connection is closed."),
    HTTP_BODY_TIMEOUT("http.body-timeout", "20s", "How long a request body may take to arrive; past it 408."),
    HTTP_IDLE_TIMEOUT("http.idle-timeout", "30s", "A keep-alive connection with nothing to read or write for this"
            + " long is closed."),
    HTTP_MAX_BUFFERED_BODY_BYTES("http.max-buffered-body-bytes", "67108864", "Request body bytes held for all"
            + " requests together while they are being read; a body that would go past it answers 503."),
    HTTP_CORS_ORIGINS("http.cors-origins", "", "Browser origins (e.g. https://ops.example.com, comma-separated) that"
            + " may call the HTTP API from a web page; empty: none (the default; non-browser clients need no CORS)."),
    RECOVERY_MAX_REPLAY("recovery.max-replay", "500", "Most events a join replays, and the page size cap of"
            + " GET /api/rooms/{room}/events; a larger gap asks for a snapshot."),
    SNAPSHOT_PAGE_RESOURCES("snapshot.page-resources", "1000", "Resources in one page of GET"
            + " /api/rooms/{room}/snapshot: the default and the largest limit."),
    SNAPSHOT_PAGE_BYTES("snapshot.page-bytes", "1048576", "Payload bytes in one snapshot page; a page ends before"
            + " the resource that would pass it (a single larger resource gets a page of its own)."),
    SNAPSHOT_MAX_CONCURRENT("snapshot.max-concurrent", "4", "Snapshot pages read at the same time on this node;"
            + " more answer 503 overloaded with Retry-After, so concurrent snapshots cannot exhaust memory."),
    LOG_BATCH_MAX("log.batch-max", "512", "Most publishes committed in one transaction (group commit)."),
    LOG_COMMIT_DELAY("log.commit-delay", "1ms", "Under concurrent load, how long the writer may wait to gather more"
            + " publishes into one commit (fewer, larger commits cost far less CPU each). 0ms turns it off."),
    LOG_QUEUE_CAPACITY("log.queue-capacity", "20000", "Publishes waiting for the writer before new ones are"
            + " refused with 503."),
    LOG_MATERIALIZE_EVERY("log.materialize-every", "10000", "Events after which the writer folds the log's tail into"
            + " the resource and snapshot tables (also after a second without publishes); it bounds what a"
            + " snapshot reads beyond those tables."),
    LOG_FOLD_SLICE_ROWS("log.fold-slice-rows", "500", "Snapshot rows folded per slice, between two group commits:"
            + " publishes wait for one slice at most."),
    LOG_RETAIN_PER_ROOM("log.retain-per-room", "1000000", "Events kept per room stream for replay; older ones"
            + " are trimmed and a client behind them takes a snapshot. 0 keeps everything."),
    LOG_RETENTION_INTERVAL("log.retention-interval", "60s", "How often retention runs (trimming, deleting, compacting)."),
    LOG_MAX_AGE("log.max-age", "30d", "Room stream entries older than this are trimmed (a client behind them takes"
            + " a snapshot), and events no stream or snapshot needs any more are deleted. 0s keeps them regardless of age."),
    LOG_MAX_SIZE("log.max-size", "0", "Live data the log may hold on disk (e.g. 2GB); above it the oldest room"
            + " stream entries and the events only they need are deleted, oldest first, and the H2 file is compacted."
            + " The latest version of every resource is always kept. 0: no size bound."),
    LOG_RETENTION_BATCH("log.retention-batch", "2000", "Rows retention looks at or deletes in one transaction,"
            + " between two group commits: publishes wait for one batch at most."),
    LOG_COMPACT_TIME("log.compact-time", "0ms", "Longest one live compaction of the H2 file may take after retention"
            + " deleted rows (commits wait meanwhile). 0ms (the default): the file is compacted at close only; live"
            + " compaction gives disk back only now and then on H2 2.5 (docs/event-log.md)."),
    HEARTBEAT_INTERVAL("heartbeat.interval", "25s", "WebSocket ping interval announced in welcome.heartbeatMs."),
    HEARTBEAT_TIMEOUT("heartbeat.timeout", "60s", "A connection that sent nothing (not even a pong) for this long"
            + " is dead: its socket is closed and counted."),
    DRAIN_GRACE("drain.grace", "10s", "How long a draining node waits for clients to leave before closing"
            + " the rest with 1012."),
    DRAIN_RECONNECT_SPREAD("drain.reconnect-spread", "5s", "draining.reconnectInMs is drawn uniformly from zero to"
            + " this, so clients of a draining node do not all reconnect in the same instant."),
    METRICS_RECONNECT_WINDOW("metrics.reconnect-window", "60s", "A connection of a user and device that closed"
            + " less than this long before a new one of the same user and device counts as a reconnect."),
    TRACE_ENABLED("trace.enabled", "true", "Record per-connection delivery records for GET /admin/events/{id}/trace"
            + " and user timelines (false turns tracing off)."),
    TRACE_RETENTION("trace.retention", "48h", "How long delivery records are kept."),
    WS_HANDSHAKE_TIMEOUT("ws.handshake-timeout", "10s", "A TCP connection to the WebSocket port that has not"
            + " completed its upgrade within this long is closed, so idle sockets cannot pile up."),
    WS_MAX_FRAME_BYTES("ws.max-frame-bytes", "65536", "Largest incoming WebSocket message; a larger one closes"
            + " the connection with 1009."),
    WS_MAX_OUTGOING_BYTES("ws.max-outgoing-bytes", "8388608", "Bytes queued for one connection that it has not"
            + " read yet; past it the connection is closed with 4009 (slow consumer)."),
    WS_MAX_TOTAL_BACKLOG_BYTES("ws.max-total-backlog-bytes", "268435456", "Bytes queued for all connections"
            + " together that they have not read yet; above it publishes answer 503 overloaded until the"
            + " sockets catch up, so publishing faster than the node can deliver cannot exhaust its memory."),
    WS_SLOW_CONSUMER_TIMEOUT("ws.slow-consumer-timeout", "30s", "How long a connection closed with 4009 may take"
            + " to read what was queued and answer the close before its TCP connection is dropped."),
    WS_MESSAGES_PER_SECOND("ws.messages-per-second", "100", "Frames one connection may send per second (bursts"
            + " of twice that); more answer rate_limited, and sending twice the rate closes with 4008."),
    WS_PRESENCE_PER_SECOND("ws.presence-per-second", "10", "Presence updates one connection may send per second;"
            + " more answer rate_limited."),
    WS_MAX_CONNECTIONS_PER_USER("ws.max-connections-per-user", "20", "Open connections of one user on this node;"
            + " one more is closed with 4008."),
    WS_MAX_CONNECTIONS_PER_IP("ws.max-connections-per-ip", "1000", "Open connections from one address on this"
            + " node; one more is closed with 4008."),
    WS_MAX_BAD_FRAMES("ws.max-bad-frames", "10", "Unreadable or invalid frames a connection may send in a minute"
            + " (each answered with an error); one more closes it with 4000."),
    WS_SESSION_THREADS("ws.session-threads", "8", "Threads that run joins (ACL check and replay read) and other"
            + " per-connection requests, so the socket threads never wait on the database."),
    WS_MAX_HANDSHAKE_BYTES("ws.max-handshake-bytes", "16384", "Bytes of an upgrade request's head (request line and"
            + " headers) read before it ends; a longer head is answered 431 and the TCP connection closed."),
    WS_MAX_CONNECTIONS("ws.max-connections", "10000", "Open TCP connections to the WebSocket port, upgraded or not"
            + " (the process's file descriptors are shared with the HTTP API and the database); one more is closed"
            + " as soon as it is accepted."),
    WS_MAX_APP_LABELS("ws.max-app-labels", "20", "Distinct ?app= values with a series of their own in"
            + " switchboard_ws_connections_by_app at a time; more, and values that are not 1-32 of [A-Za-z0-9._-],"
            + " count as app=\"other\". A series is removed when its last connection closes."),
    TLS_CERT_FILE("tls.cert-file", null, "PEM certificate chain (server certificate first) for https and wss;"
            + " with tls.key-file. Without any tls.* file both listeners are plain HTTP and WebSocket."),
    TLS_KEY_FILE("tls.key-file", null, "PEM private key of tls.cert-file: PKCS#8 (BEGIN PRIVATE KEY) or RSA"
            + " (BEGIN RSA PRIVATE KEY), not encrypted."),
    TLS_PKCS12_FILE("tls.pkcs12-file", null, "PKCS12 key store with the private key and its certificate chain,"
            + " instead of tls.cert-file and tls.key-file."),
    TLS_PKCS12_PASSWORD("tls.pkcs12-password", "", "Password of tls.pkcs12-file (better given as"
            + " SWITCHBOARD_TLS_PKCS12_PASSWORD than on the command line)."),
    TLS_RELOAD_INTERVAL("tls.reload-interval", "10s", "How often the certificate files are checked for changes"
            + " (modification time and size); a changed, valid certificate is used for new connections without a"
            + " restart. 0s turns reloading off."),
    WS_ALLOWED_ORIGINS("ws.allowed-origins", "", "Comma-separated origins (https://app.example.com) whose"
            + " browser pages may open /ws and /admin/ws; an upgrade with another Origin header is refused with"
            + " 403, one without the header (not a browser) is allowed. Empty (the default) allows every origin."),
    REDIS_URL("redis.url", null, "Redis that carries each node's commits to the other nodes of a shared"
            + " PostgreSQL log (redis://host:6379, rediss:// for TLS). Without it the nodes read each other's"
            + " commits from the log (cluster.log-poll); with it they still do when Redis is down."),
    CLUSTER_LOG_POLL("cluster.log-poll", "50ms", "On a shared log while Redis is down or not configured: how"
            + " long a node may leave the log unread (the most a delivery from another node waits)."),
    CLUSTER_BUS_CHECK("cluster.bus-check", "1s", "On a shared log while Redis is up: how often a node reads"
            + " the log anyway, to find commits whose Redis message was lost.");

    private final String key;
    private final String defaultValue;
    private final String help;

    ConfigKey(String key, String defaultValue, String help) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.help = help;
    }

    public String key() {
        return key;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String help() {
        return help;
    }

    public String envName() {
        return "SWITCHBOARD_" + normalize(key);
    }

    public String flag() {
        return "--" + key.replace('.', '-');
    }

    /** Keys compare in one form: upper case with '.' and '-' turned into '_'. */
    static String normalize(String name) {
        return name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    public static Optional<ConfigKey> find(String name) {
        String n = normalize(name);
        return Arrays.stream(values()).filter(k -> normalize(k.key).equals(n)).findFirst();
    }
}
