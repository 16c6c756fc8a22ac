package dev.switchboard.console.shell;

import dev.switchboard.adminclient.AdminCallException;
import dev.switchboard.auth.Role;
import dev.switchboard.auth.TokenIssuer;
import dev.switchboard.console.connect.RecentGateways;
import dev.switchboard.console.connect.TokenVault;
import dev.switchboard.console.link.AdminLink;
import dev.switchboard.console.link.LinkState;
import dev.switchboard.console.testing.LiveGateway;
import dev.switchboard.console.testing.SerialUi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An admin token that expires while the console is connected, against a real gateway: the status bar
 * must not stay green, the banner asks for a new token, and a fresh one reconnects the same gateway in
 * place, remembered only where the old one was.
 */
class ExpiredAdminTokenTest {
    @RegisterExtension
    static final LiveGateway gw = new LiveGateway();

    @TempDir
    Path home;

    private final SerialUi ui = gw.serialUi();

    private static String adminToken(Duration ttl) {
        return new TokenIssuer(gw.tokenSecret(), Clock.systemUTC()).issue(LiveGateway.ADMIN, Role.ADMIN, null, ttl);
    }

    private MainViewModel connect(String token) throws Exception {
        AdminLink link = AdminLink.open(gw.httpUrl(), token, AdminLink.defaultHttp(), (s, d) -> {
        }).get(10, TimeUnit.SECONDS);
        ConsoleContext ctx = new ConsoleContext(link, ui, null, home);
        MainViewModel vm = ui.read(() -> new MainViewModel(ctx, List.of(), new ConsolePrefs(home)));
        ui.await("connected", () -> vm.linkStateProperty().get() == LinkState.CONNECTED);
        return vm;
    }

    /** What a page's refresh does: an admin call; true when the gateway refused its token. */
    private static boolean refusedWhenAsked(ConsoleContext ctx) {
        try {
            ctx.api().node().join();
            return false;
        } catch (CompletionException e) {
            return AdminCallException.of(e).status() == 401;
        }
    }

    @Test
    void anExpiredTokenAsksForANewOneInPlaceAndTheFreshOneReconnects() throws Exception {
        String shortLived = adminToken(Duration.ofSeconds(2));
        RecentGateways recents = new RecentGateways(home, new TokenVault(home));
        recents.remember(gw.httpUrl(), "test-node", shortLived, true);
        MainViewModel vm = connect(shortLived);
        ConsoleContext ctx = vm.context();
        OutageBanner banner = vm.outageBanner();
        assertThat(ui.read(() -> banner.shownProperty().get())).isFalse();

        LiveGateway.await("the token to expire", Duration.ofSeconds(10), () -> refusedWhenAsked(ctx));

        ui.await("the status bar to say the token was refused",
                () -> vm.linkStateProperty().get() == LinkState.TOKEN_REFUSED);
        assertThat(ui.read(() -> vm.statusTextProperty().get())).isEqualTo("Admin token refused (expired?)");
        assertThat(ui.read(() -> banner.shownProperty().get())).as("the pages' data is marked stale").isTrue();
        assertThat(ui.read(() -> banner.askTokenProperty().get())).isTrue();
        assertThat(ui.read(() -> banner.asOfProperty().get())).startsWith("as of ");

        ui.call(() -> {
            banner.tokenProperty().set(gw.gateway().token("alice", Role.USER));
            banner.submitToken();
        });
        ui.await("a user token refused with a reason", () -> banner.tokenMessageProperty().get().contains("not an admin token"));
        assertThat(ui.read(() -> vm.linkStateProperty().get())).isEqualTo(LinkState.TOKEN_REFUSED);

        String fresh = adminToken(Duration.ofHours(1));
        ui.call(() -> {
            banner.tokenProperty().set(fresh);
            banner.submitToken();
        });
        ui.await("connected again to the same gateway", () -> vm.linkStateProperty().get() == LinkState.CONNECTED);
        assertThat(ui.read(() -> banner.shownProperty().get())).isFalse();
        assertThat(ctx.link().httpUrl()).isEqualTo(gw.httpUrl());
        assertThat(refusedWhenAsked(ctx)).as("pages' calls carry the new token").isFalse();
        LiveGateway.await("the new token remembered in place of the old",
                () -> fresh.equals(recents.token(recents.list().get(0))));
        ui.call(vm::close);
    }

    @Test
    void aTokenThatWasNotRememberedIsNotRememberedWhenRenewed() throws Exception {
        RecentGateways recents = new RecentGateways(home, new TokenVault(home));
        recents.remember(gw.httpUrl(), "test-node", "ignored", false);
        MainViewModel vm = connect(adminToken(Duration.ofSeconds(2)));
        LiveGateway.await("the token to expire", Duration.ofSeconds(10), () -> refusedWhenAsked(vm.context()));
        ui.await("asked for a token", () -> vm.outageBanner().askTokenProperty().get());
        ui.call(() -> {
            vm.outageBanner().tokenProperty().set(adminToken(Duration.ofHours(1)));
            vm.outageBanner().submitToken();
        });
        ui.await("connected again", () -> vm.linkStateProperty().get() == LinkState.CONNECTED);
        assertThat(recents.list()).singleElement().satisfies(r -> assertThat(r.hasToken()).isFalse());
        ui.call(vm::close);
    }
}
