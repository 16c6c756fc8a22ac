package dev.switchboard.console.simulator;

import dev.switchboard.adminclient.AdminHttpClient;
import dev.switchboard.console.connect.Connection;
import dev.switchboard.console.connect.GatewayConnector;
import dev.switchboard.console.link.AdminLink;
import dev.switchboard.console.link.LinkState;
import dev.switchboard.console.shell.ConsoleContext;
import dev.switchboard.console.testing.LiveGateway;
import dev.switchboard.console.testing.SerialUi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built-in scenario that restarts the gateway, run from the Simulator page against the console's
 * own local gateway (not the simulator's embedded one): it passes, the local gateway is up again on
 * the same address afterwards, and the console's admin link came back to it by itself.
 */
class SimulatorOnLocalGatewayTest {
    @TempDir
    Path home;

    private final SerialUi ui = new SerialUi();
    private final List<LinkState> states = new CopyOnWriteArrayList<>();
    private Connection local;
    private ConsoleContext ctx;

    @AfterEach
    void close() {
        if (ctx != null) {
            ctx.close();
        }
        if (local != null) {
            local.local().close();
        }
        ui.close();
    }

    @Test
    void gatewayRestartDuringSessionsPassesOnTheLocalGatewayAndTheConsoleReconnects() throws Exception {
        local = new GatewayConnector(AdminLink::defaultHttp, home, (s, d) -> states.add(s)).startLocal()
                .get(30, TimeUnit.SECONDS);
        ctx = new ConsoleContext(local.link(), ui, local.tokenSecret(), home, null, local.local());
        LiveGateway.await("the console connected", () -> local.link().state() == LinkState.CONNECTED);
        SimulatorViewModel vm = ui.read(() -> new SimulatorViewModel(ctx));
        ui.call(vm::activate);
        ui.await("the built-in scenarios", () -> vm.scenario().scenarios().size() >= 7);
        assertThat(ui.read(() -> vm.scenario().select("gateway-restart-during-sessions"))).isTrue();
        assertThat(ui.read(vm::tokenSecretNeeded)).as("the console knows its local gateway's secret").isFalse();

        assertThat(ui.read(vm::run)).as(ui.read(() -> vm.messageProperty().get())).isTrue();
        LiveGateway.await("the run to end", Duration.ofSeconds(60),
                () -> ui.read(() -> vm.stateProperty().get() != SimulatorViewModel.RunState.STARTING
                        && vm.stateProperty().get() != SimulatorViewModel.RunState.RUNNING));

        String report = ui.read(() -> vm.reportTextProperty().get());
        assertThat(ui.read(() -> vm.messageProperty().get())).as("not refused").isEmpty();
        assertThat(ui.read(() -> vm.verdictProperty().get())).as(report).isEqualTo("PASSED");
        assertThat(ui.read(() -> vm.verdictDetailProperty().get())).contains("converged").endsWith("0 failures");

        LiveGateway.await("the console's link back on the restarted gateway", Duration.ofSeconds(20),
                () -> local.link().state() == LinkState.CONNECTED);
        assertThat(states).as("the console saw the restart").containsSubsequence(LinkState.CONNECTED,
                LinkState.RECONNECTING, LinkState.CONNECTED);
        assertThat(ui.read(() -> ctx.outage().staleProperty().get())).isFalse();
        AdminHttpClient check = new AdminHttpClient(local.local().httpUrl(), local.local().adminToken(), AdminLink.defaultHttp());
        assertThat(check.node().get(10, TimeUnit.SECONDS).node()).as("the local gateway is up after the run").isEqualTo("local");
        ui.call(vm::dispose);
    }
}
