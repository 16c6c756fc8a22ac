package dev.switchboard.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.switchboard.metrics.Counter;
import dev.switchboard.metrics.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP listener: the JDK's built-in server with a worker pool, Nagle off, and a {@link Router}.
 * Every unexpected failure of a route becomes a 500 JSON error; the listener keeps serving.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);

    static {
        // Without it a keep-alive client waits ~40 ms per answer (delayed ACK against Nagle). Read once,
        // when the JDK's server classes load, so it must be set before the first server is created.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        // An oversized body is refused before it is read; the server then discards (up to this much of)
        // the rest so the client, still sending, gets its 413 instead of a reset connection.
        if (System.getProperty("sun.net.httpserver.drainAmount") == null) {
            System.setProperty("sun.net.httpserver.drainAmount", Long.toString(16L * 1024 * 1024));
        }
    }

    private final HttpServer server;
    private final ExecutorService workers;
    private final Router router = new Router();
    private final Metrics metrics;
    private final Map<String, Counter> requestCounters = new ConcurrentHashMap<>();
    private final Map<String, Route> guards = new java.util.LinkedHashMap<>();

    public ApiServer(String host, int port, int threads, Metrics metrics) throws IOException {
        this.metrics = metrics;
        this.server = HttpServer.create(new InetSocketAddress(host, port), 1024);
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "http-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        server.setExecutor(workers);
        server.createContext("/", this::dispatch);
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
    public ExecutorService workers() {
        return workers;
    }

    public void start() {
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void dispatch(HttpExchange exchange) {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        for (Map.Entry<String, Route> g : guards.entrySet()) {
            if (path.startsWith(g.getKey())) {
                HttpCall call = new HttpCall(exchange, Map.of(), (c, status) -> count(g.getKey() + "*", status));
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
            HttpCall call = new HttpCall(exchange, Map.of(), (c, status) -> count("unmatched", status));
            if (miss.pathKnown()) {
                call.send(405, "application/json", ("{\"error\":\"method_not_allowed\",\"message\":\"" + method
                        + " is not allowed here; use " + String.join(", ", miss.allowed()) + "\"}").getBytes(),
                        Map.of("Allow", String.join(", ", miss.allowed())));
            } else {
                call.error(new ApiException(404, "not_found", "no such endpoint: " + method + " " + path));
            }
            return;
        }
        Router.Match match = (Router.Match) matched;
        HttpCall call = new HttpCall(exchange, match.params(), (c, status) -> count(match.template(), status));
        try {
            match.route().handle(call);
        } catch (ApiException e) {
            call.error(e);
        } catch (RuntimeException e) {
            log.error("{} {} failed", method, path, e);
            call.error(new ApiException(500, "internal", "internal error: " + e.getClass().getSimpleName()));
        }
    }

    private void count(String route, int status) {
        String key = route + ' ' + status;
        requestCounters.computeIfAbsent(key, k -> metrics.counter("switchboard_http_requests_total",
                "HTTP requests answered, by route and status.", "route", route, "status", Integer.toString(status))).inc();
    }

    /** Stops listening; requests in flight get {@code graceSeconds} to finish. */
    public void stop(int graceSeconds) {
        server.stop(graceSeconds);
        workers.shutdown();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop(0);
    }
}
