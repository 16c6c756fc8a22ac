package dev.switchboard.console.connect;

import dev.switchboard.console.ui.UiThread;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The start screen: connect to a gateway by URL and admin token (recent gateways remembered, tokens
 * only sealed), or start the console's own local gateway. File and network work runs on
 * {@code background}; properties change on the {@link UiThread}.
 */
public final class ConnectViewModel {
    // ---- properties ----------------------------------------------------------------------------
    private final StringProperty url = new SimpleStringProperty("http://127.0.0.1:8080");
    private final StringProperty token = new SimpleStringProperty("");
    private final BooleanProperty rememberToken = new SimpleBooleanProperty(true);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ObservableList<RecentGateway> recent = FXCollections.observableArrayList();
    private final BooleanBinding canConnect;

    private final UiThread ui;
    private final Executor background;
    private final RecentGateways recents;
    private final Connector connector;
    private final Consumer<Connection> onConnected;
    /** The token {@code --token} gave, or null; see {@link #connectFromCommandLine}. */
    private String commandLineToken;

    public ConnectViewModel(UiThread ui, Executor background, RecentGateways recents, Connector connector,
                            Consumer<Connection> onConnected) {
        this.ui = ui;
        this.background = background;
        this.recents = recents;
        this.connector = connector;
        this.onConnected = onConnected;
        this.canConnect = Bindings.createBooleanBinding(
                () -> !busy.get() && !url.get().isBlank() && !token.get().isBlank(), busy, url, token);
    }

    public StringProperty urlProperty() {
        return url;
    }

    public StringProperty tokenProperty() {
        return token;
    }

    public BooleanProperty rememberTokenProperty() {
        return rememberToken;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** What went wrong, or what is happening ("Starting the local gateway…"). */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ObservableList<RecentGateway> recent() {
        return recent;
    }

    public BooleanBinding canConnectProperty() {
        return canConnect;
    }

    // ---- commands ------------------------------------------------------------------------------

    /** Loads the recent gateways and fills in the most recent one. */
    public void load() {
        background.execute(() -> {
            List<RecentGateway> list = recents.list();
            String firstToken = list.isEmpty() ? null : recents.token(list.get(0));
            ui.run(() -> {
                recent.setAll(list);
                if (!list.isEmpty()) {
                    url.set(list.get(0).url());
                    token.set(firstToken == null ? "" : firstToken);
                }
            });
        });
    }

    /** Fills in a recent gateway (and its token, when it was remembered). */
    public void choose(RecentGateway r) {
        if (r == null) {
            return;
        }
        url.set(r.url());
        token.set("");
        background.execute(() -> {
            String t = recents.token(r);
            ui.run(() -> token.set(t == null ? "" : t));
        });
    }

    /** Double-click on a recent gateway: connects with its remembered token, or asks for one. */
    public void connectTo(RecentGateway r) {
        if (r == null || busy.get()) {
            return;
        }
        background.execute(() -> {
            String t = recents.token(r);
            ui.run(() -> {
                url.set(r.url());
                token.set(t == null ? "" : t);
                if (t == null) {
                    message.set("No token remembered for " + r.url() + ": paste the admin token.");
                } else {
                    connect();
                }
            });
        });
    }

    public void forget(RecentGateway r) {
        if (r == null) {
            return;
        }
        background.execute(() -> {
            recents.forget(r.url());
            List<RecentGateway> list = recents.list();
            ui.run(() -> recent.setAll(list));
        });
    }

    public void connect() {
        if (!canConnect.get()) {
            return;
        }
        String u;
        try {
            u = GatewayAddress.normalize(url.get());
        } catch (IllegalArgumentException e) {
            message.set(e.getMessage());
            return;
        }
        String t = token.get().trim();
        boolean remember = rememberToken.get();
        // a token from the command line was never the user's choice to keep: it must not replace or
        // erase the one they remembered for this gateway, unless they tick "Remember" for it
        boolean keepEarlier = !remember && t.equals(commandLineToken);
        begin("Connecting to " + u + "…");
        // even starting a connect (HTTP client, logging, DNS) is kept off the UI thread
        attempt(() -> connector.connect(u, t), c -> {
            if (keepEarlier) {
                recents.touch(u, c.link().nodeName());
            } else {
                recents.remember(u, c.link().nodeName(), t, remember);
            }
        }, GatewayConnector::describe);
    }

    /**
     * {@code --url} and {@code --token}: connects at start without remembering the token, and leaves a
     * token remembered earlier for that gateway as it was.
     */
    public void connectFromCommandLine(String gatewayUrl, String adminToken) {
        url.set(gatewayUrl);
        token.set(adminToken);
        rememberToken.set(false);
        commandLineToken = adminToken == null ? null : adminToken.trim();
        connect();
    }

    public void startLocal() {
        if (busy.get()) {
            return;
        }
        begin("Starting the local gateway (H2 in the console's data folder)…");
        attempt(connector::startLocal, c -> {
        }, e -> "The local gateway did not start: " + GatewayConnector.reason(e));
    }

    /** The gateway answered but the console could not open its window: back to the form, saying why. */
    public void openFailed(String why) {
        busy.set(false);
        message.set(why);
    }

    private void begin(String text) {
        busy.set(true);
        message.set(text);
    }

    /**
     * Runs {@code start} on {@code background} and ends in {@link #finish}. Whatever fails on the way,
     * thrown before a future exists or a task the executor refuses, ends the attempt with a message and
     * the form usable again: a start screen stuck busy can only be killed.
     */
    private void attempt(Supplier<CompletableFuture<Connection>> start, Consumer<Connection> remember,
                         Function<Throwable, String> describe) {
        try {
            background.execute(() -> {
                CompletableFuture<Connection> attempt;
                try {
                    attempt = start.get();
                } catch (RuntimeException | Error e) {
                    attempt = CompletableFuture.failedFuture(e);
                }
                finish(attempt, remember, describe);
            });
        } catch (RejectedExecutionException e) {
            failed(describe.apply(e));
        }
    }

    private void failed(String why) {
        ui.run(() -> {
            busy.set(false);
            message.set(why);
        });
    }

    private void finish(CompletableFuture<Connection> attempt, Consumer<Connection> remember,
                        Function<Throwable, String> describe) {
        attempt.whenComplete((c, e) -> {
            if (e != null) {
                failed(describe.apply(e));
                return;
            }
            background.execute(() -> {
                try {
                    remember.accept(c);
                } catch (RuntimeException ex) {
                    // the connection works; a recent list we cannot write is not worth refusing it
                }
                // the window replaces this screen at once, or openFailed says why not
                ui.run(() -> onConnected.accept(c));
            });
        });
    }
}
