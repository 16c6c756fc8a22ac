package dev.switchboard.console.connect;

import dev.switchboard.adminclient.AdminCallException;
import dev.switchboard.console.link.AdminLink;
import dev.switchboard.console.link.LinkState;
import okhttp3.OkHttpClient;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The real {@link Connector}: remote gateways through {@link AdminLink#open}, the local one through
 * {@link LocalGatewayStarter#start} on a background thread ({@code console-local-gateway}).
 * {@code stateListener} receives every link's state changes (the shell's status bar).
 */
public final class GatewayConnector implements Connector {
    private final Supplier<OkHttpClient> http;
    private final Path home;
    private final BiConsumer<LinkState, String> stateListener;

    /** {@code http} is asked for its client on the connecting thread, never earlier. */
    public GatewayConnector(Supplier<OkHttpClient> http, Path home, BiConsumer<LinkState, String> stateListener) {
        this.http = http;
        this.home = home;
        this.stateListener = stateListener;
    }

    @Override
    public CompletableFuture<Connection> connect(String httpUrl, String adminToken) {
        return AdminLink.open(httpUrl, adminToken, http.get(), stateListener).thenApply(link -> new Connection(link, null, null));
    }

    @Override
    public CompletableFuture<Connection> startLocal() {
        CompletableFuture<LocalGateway> started = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                started.complete(LocalGatewayStarter.start(home));
            } catch (Exception e) {
                started.completeExceptionally(e);
            }
        }, "console-local-gateway");
        t.setDaemon(true);
        t.start();
        return started.thenCompose(local -> AdminLink.open(local.httpUrl(), local.adminToken(), http.get(), stateListener)
                .thenApply(link -> new Connection(link, local.tokenSecret(), local))
                .whenComplete((c, e) -> {
                    if (e != null) {
                        local.close();
                    }
                }));
    }

    /** The message a user should see for a failed connect: a sentence, never a bare exception. */
    public static String describe(Throwable t) {
        AdminCallException e = AdminCallException.of(t);
        if (e.status() == 401) {
            return "The gateway refused the token (401 " + e.code() + "): " + e.getMessage();
        }
        if (e.status() == 403) {
            return "This token is not an admin token (403): the console needs role admin.";
        }
        if (webSocketPort(e)) {
            return "The address answers, but it is the gateway's WebSocket port; use its HTTP port ("
                    + GatewayAddress.DEFAULT_PORT + " unless configured otherwise).";
        }
        if (e.status() == 0 && e.code().equals("unreachable")) {
            return "Cannot connect: " + e.describe() + ". Check the host, the port and that the gateway runs.";
        }
        if (e.code().equals("bad_answer")) {
            return "Something answers at that address, but not a Switchboard gateway's HTTP API"
                    + (e.status() == 0 ? "." : " (HTTP " + e.status() + ").");
        }
        return "Cannot connect: " + reason(t);
    }

    /** What went wrong in a few words, for a sentence of the caller's. */
    static String reason(Throwable t) {
        AdminCallException e = AdminCallException.of(t);
        String text = e.describe();
        return text == null || text.isBlank() || text.equals("null") ? "an unexpected " + cause(t).getClass().getSimpleName() : text;
    }

    /**
     * The WebSocket listener answers a plain HTTP request (no upgrade) with its library's
     * {@code 404 WebSocket Upgrade Failure} page, HTML where the HTTP API answers JSON.
     */
    private static boolean webSocketPort(AdminCallException e) {
        return e.status() == 404 && (e.code().equals("bad_answer") || e.getMessage().contains("WebSocket"));
    }

    private static Throwable cause(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }
}
