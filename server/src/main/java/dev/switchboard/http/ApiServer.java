package dev.switchboard.http;

import dev.switchboard.config.HttpLimits;
import dev.switchboard.metrics.Counter;
import dev.switchboard.metrics.Metrics;
import dev.switchboard.tls.ReloadingSslContext;
import dev.switchboard.tls.TlsPolicy;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.CrossOriginHandler;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.BlockingArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The HTTP listener: Jetty 12 (core API, no servlets) with a {@link Router}. Jetty reads requests with
 * non-blocking I/O, so a slow or idle client holds no thread; what it can hold is bounded here: the
 * number of connections, header bytes (431), the time to send headers ({@link HeaderDeadline}) and a
 * body ({@link BodyReader}: size, shared budget, 408). Routes run on Jetty's pool of
 * {@code http.threads} workers once the body is in; every unexpected failure of a route becomes a 500
 * JSON error and the listener keeps serving.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);
    /**
     * Threads Jetty's pool needs besides the workers: the acceptor, the selector, and spares it keeps
     * reserved so that a selector thread can run a request itself and hand selecting to a spare
     * (no hand-off per request).
     */
    private static final int JETTY_OWN_THREADS = 4;

    private final Server server;
    private final ServerConnector connector;
    private final QueuedThreadPool pool;
    private final HeaderDeadline headerDeadline;
    private final BodyBudget bodyBudget;
    private final HttpLimits limits;
    private final int maxBodyBytes;
    private final Router router = new Router();
    private final Metrics metrics;
    private final Map<String, Counter> requestCounters = new ConcurrentHashMap<>();
    private final Map<String, Route> guards = new LinkedHashMap<>();
    private final Counter headerTimeouts;

    /** @param tls the certificate holder for https, or null for plain HTTP */
    public ApiServer(String host, int port, int threads, int maxBodyBytes, HttpLimits limits, ReloadingSslContext tls,
                     Metrics metrics) {
        this.metrics = metrics;
        this.limits = limits;
        this.maxBodyBytes = maxBodyBytes;
        // Bounded queue: past it Jetty refuses work instead of queueing without end.
        this.pool = new QueuedThreadPool(threads + JETTY_OWN_THREADS, Math.min(threads + JETTY_OWN_THREADS, 4), 60_000,
                new BlockingArrayQueue<>(64, 64, 4096));
        pool.setName("http");
        pool.setDaemon(true);
        this.server = new Server(pool);
        server.setStopTimeout(1000);

        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(limits.maxHeaderBytes());
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        this.connector = tls == null
                ? new ServerConnector(server, 1, 1, new HttpConnectionFactory(http))
                : new ServerConnector(server, 1, 1, new SslConnectionFactory(https(tls), "http/1.1"),
                        new HttpConnectionFactory(withSecureCustomizer(http)));
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        connector.setAcceptQueueSize(1024);
        server.addConnector(connector);
        server.addBean(new NetworkConnectionLimit(limits.maxConnections(), connector));

        this.headerTimeouts = metrics.counter("switchboard_http_header_timeouts_total",
                "HTTP connections closed because a request's headers took longer than http.header-timeout.");
        this.headerDeadline = new HeaderDeadline(limits.headerTimeout(), server.getScheduler(), System::nanoTime,
                headerTimeouts::inc);
        connector.addBean(headerDeadline);
        this.bodyBudget = new BodyBudget(limits.maxBufferedBodyBytes());
        metrics.gauge("switchboard_http_connections", "Open TCP connections to the HTTP port.",
                () -> connector.getConnectedEndPoints().size());
        metrics.gauge("switchboard_http_buffered_body_bytes", "Request body bytes held while being read and handled.",
                bodyBudget::held);

        server.setErrorHandler(new JsonErrorHandler(status -> count("refused", status)));
        Handler api = new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                dispatch(request, response, callback);
                return true;
            }
        };
        server.setHandler(new GracefulHandler(cors(api, limits)));
    }

    /**
     * Jetty's TLS side takes the gateway's certificate holder's context, with the same protocols and
     * suites as the WebSocket listener, and swaps it when the holder reloads the files.
     */
    private static SslContextFactory.Server https(ReloadingSslContext tls) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setSslContext(tls.current());
        ssl.setIncludeProtocols(TlsPolicy.PROTOCOLS.toArray(String[]::new));
        ssl.setIncludeCipherSuites(TlsPolicy.CIPHER_SUITES.toArray(String[]::new));
        ssl.setUseCipherSuitesOrder(true);
        tls.addReloadListener(context -> {
            try {
                ssl.reload(f -> f.setSslContext(context));
            } catch (Exception e) {
                log.error("https keeps its previous certificate: {}", e.toString());
            }
        });
        return ssl;
    }

    private static HttpConfiguration withSecureCustomizer(HttpConfiguration http) {
        // Certificates are often made for an address rather than a name: no SNI host check.
        http.addCustomizer(new SecureRequestCustomizer(false));
        return http;
    }

    private static Handler cors(Handler api, HttpLimits limits) {
        if (limits.corsOrigins().isEmpty()) {
            return api;
        }
        CrossOriginHandler cors = new CrossOriginHandler();
        cors.setAllowedOriginPatterns(limits.corsOrigins().stream()
                .map(o -> o.equals("*") ? ".*" : Pattern.quote(o)).collect(Collectors.toSet()));
        cors.setAllowedMethods(Set.of("GET", "HEAD", "POST", "PUT", "DELETE"));
        cors.setAllowedHeaders(Set.of("Authorization", "Content-Type", "Idempotency-Key"));
        cors.setExposedHeaders(Set.of("Retry-After", "WWW-Authenticate"));
        cors.setAllowCredentials(false);
        cors.setPreflightMaxAge(Duration.ofMinutes(10));
        cors.setHandler(api);
        return cors;
    }

    public ApiServer route(String method, String template, Route route) {
        router.add(method, template, route);
        return this;
    }

    /**
     * Runs {@code guard} before routing every request under {@code prefix}, unknown paths included, so
     * that a caller without the right token cannot even learn which endpoints exist there.
     */
    public ApiServer guard(String prefix, Route guard) {
        guards.put(prefix, guard);
        return this;
    }

    /** The pool routes may use to answer later (publish answers after the commit). */
    public Executor workers() {
        return pool;
    }

    public void start() throws IOException {
        try {
            server.start();
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("the HTTP listener did not start: " + e.getMessage(), e);
        }
        headerDeadline.start();
    }

    public int port() {
        return connector.getLocalPort();
    }

    private void dispatch(Request request, Response response, Callback callback) {
        Connection connection = request.getConnectionMetaData().getConnection();
        headerDeadline.headersComplete(connection);
        String method = request.getMethod();
        String path = request.getHttpURI().getPath();
        HttpCall bare = new HttpCall(request, response, callback, Map.of(),
                (c, status) -> answered(connection, "unmatched", status, 0));
        for (Map.Entry<String, Route> g : guards.entrySet()) {
            if (path.startsWith(g.getKey())) {
                HttpCall call = bare.withPathParams(Map.of(), (c, status) -> answered(connection, g.getKey() + "*", status, 0));
                try {
                    g.getValue().handle(call);
                } catch (ApiException e) {
                    call.error(e);
                    return;
                }
            }
        }
        Object matched = router.match(method, path);
        if (matched instanceof Router.Miss miss) {
            if (miss.pathKnown()) {
                bare.send(405, "application/json", ("{\"error\":\"method_not_allowed\",\"message\":\"" + method
                        + " is not allowed here; use " + String.join(", ", miss.allowed()) + "\"}").getBytes(),
                        Map.of("Allow", String.join(", ", miss.allowed())));
            } else {
                bare.error(new ApiException(404, "not_found", "no such endpoint: " + method + " " + path));
            }
            return;
        }
        Router.Match match = (Router.Match) matched;
        HttpCall admitted = bare.withPathParams(match.params(), (c, status) -> answered(connection, match.template(), status, 0));
        try {
            match.route().admit(admitted);
        } catch (ApiException e) {
            admitted.error(e);
            return;
        } catch (RuntimeException e) {
            fail(admitted, method, path, e);
            return;
        }
        if (!BodyReader.hasBody(request)) {
            run(match, admitted, method, path);
            return;
        }
        BodyReader.read(request, maxBodyBytes, bodyBudget, server.getScheduler(), limits.bodyTimeout(),
                body -> run(match, bare.withBody(body.bytes()).withPathParams(match.params(),
                        (c, status) -> answered(connection, match.template(), status, body.reserved())), method, path),
                admitted::error);
    }

    private void run(Router.Match match, HttpCall call, String method, String path) {
        try {
            match.route().handle(call);
        } catch (ApiException e) {
            call.error(e);
        } catch (RuntimeException e) {
            fail(call, method, path, e);
        }
    }

    private static void fail(HttpCall call, String method, String path, RuntimeException e) {
        log.error("{} {} failed", method, path, e);
        call.error(new ApiException(500, "internal", "internal error: " + e.getClass().getSimpleName()));
    }

    private void answered(Connection connection, String route, int status, long bodyBytesHeld) {
        headerDeadline.answered(connection);
        bodyBudget.release(bodyBytesHeld);
        count(route, status);
    }

    private void count(String route, int status) {
        String key = route + ' ' + status;
        requestCounters.computeIfAbsent(key, k -> metrics.counter("switchboard_http_requests_total",
                "HTTP requests answered, by route and status.", "route", route, "status", Integer.toString(status))).inc();
    }

    /** Stops listening; requests in flight get {@code graceSeconds} to finish. */
    public void stop(int graceSeconds) {
        headerDeadline.stop();
        server.setStopTimeout(Math.max(1, graceSeconds) * 1000L);
        try {
            server.stop();
        } catch (Exception e) {
            log.warn("HTTP listener did not stop cleanly: {}", e.toString());
        }
    }

    @Override
    public void close() {
        stop(0);
    }
}
