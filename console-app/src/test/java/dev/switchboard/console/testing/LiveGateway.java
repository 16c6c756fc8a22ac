package dev.switchboard.console.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.auth.Role;
import dev.switchboard.console.link.AdminLink;
import dev.switchboard.console.link.LinkState;
import dev.switchboard.console.shell.ConsoleContext;
import dev.switchboard.console.ui.UiThread;
import dev.switchboard.model.json.Json;
import dev.switchboard.testing.Api;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.TestGateway;
import dev.switchboard.testing.WsClient;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The one fixture every console test uses: a real gateway (H2 in a temporary folder, ephemeral
 * ports) for the whole test class, plus what tests do to it from the outside (devices that connect,
 * a backend that publishes and grants) and a {@link ConsoleContext} connected to it as the console
 * would be. Register it with {@code @RegisterExtension static final LiveGateway gw = new LiveGateway();}.
 */
public final class LiveGateway implements BeforeAllCallback, AfterAllCallback {
    public static final String ADMIN = "ops";

    private Path dir;
    private TestGateway gateway;
    private final List<AutoCloseable> opened = new ArrayList<>();

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("switchboard-console-test");
        System.setProperty("switchboard.console.home", dir.resolve("home").toString());
        gateway = TestGateway.start(dir.resolve("gateway"));
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        for (AutoCloseable c : opened) {
            try {
                c.close();
            } catch (Exception e) {
                // closing what a test left open; the gateway goes next anyway
            }
        }
        gateway.close();
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    public String httpUrl() {
        return "http://127.0.0.1:" + gateway.gateway().httpPort();
    }

    public String adminToken() {
        return gateway.token(ADMIN, Role.ADMIN);
    }

    public String tokenSecret() {
        return TestGateway.SECRET;
    }

    public Path home() {
        return dir.resolve("home");
    }

    public TestGateway gateway() {
        return gateway;
    }

    /** The backend: publishes, grants. */
    public Api service() {
        return gateway.service;
    }

    /** A device of a user, connected and welcomed; closed after the class. */
    public WsClient device(String userId, String deviceId) {
        WsClient c = gateway.connect(userId, deviceId);
        c.next("welcome");
        opened.add(c);
        return c;
    }

    /** Grants {@code userId} the room (PROTOCOL §5). */
    public void grant(String room, String userId) {
        Api.Response r = service().put("/api/acl/" + room + "/members/" + userId);
        if (r.status() / 100 != 2) {
            throw new IllegalStateException("grant refused: " + r);
        }
    }

    /** Publishes one event to the rooms and returns its id. */
    public String publish(String type, String resourceId, String... rooms) {
        ObjectNode payload = Json.object();
        payload.put("n", System.nanoTime());
        Api.Response r = service().publish(Api.event(type, resourceId, List.of(rooms), payload));
        if (r.status() != 201 && r.status() != 200) {
            throw new IllegalStateException("publish refused: " + r);
        }
        return r.json().path("id").asText();
    }

    /**
     * A console context connected to this gateway like the app connects, with changes applied on
     * {@code ui}: {@link UiThread#direct()} for view-model tests, {@link UiThread#fx()} for TestFX.
     * Waits until the admin stream is up; closed after the class.
     */
    public ConsoleContext context(UiThread ui) {
        try {
            AdminLink link = AdminLink.open(httpUrl(), adminToken(), AdminLink.defaultHttp(), (s, d) -> {
            }).get(10, TimeUnit.SECONDS);
            await("the admin stream to connect", () -> link.state() == LinkState.CONNECTED);
            ConsoleContext ctx = new ConsoleContext(link, ui, tokenSecret(), home());
            opened.add(ctx);
            return ctx;
        } catch (Exception e) {
            throw new IllegalStateException("console could not connect to the test gateway", e);
        }
    }

    /** A {@link SerialUi} for a view-model test; stopped after the class. */
    public SerialUi serialUi() {
        SerialUi ui = new SerialUi();
        opened.add(ui);
        return ui;
    }

    /** Waits up to 10 s for {@code condition}, polling every 20 ms; fails naming {@code what}. */
    public static void await(String what, BooleanSupplier condition) {
        await(what, Duration.ofSeconds(10), condition);
    }

    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        Await.until(what, timeout, condition);
    }
}
