package dev.switchboard.console.audit;

import dev.switchboard.console.shell.ConsoleContext;
import dev.switchboard.console.testing.LiveGateway;
import dev.switchboard.console.ui.UiThread;
import dev.switchboard.model.admin.ConnectionPage;
import dev.switchboard.model.admin.FaultRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The Audit view model against a real gateway, without a toolkit. */
class AuditViewModelTest {
    @RegisterExtension
    static final LiveGateway gw = new LiveGateway();

    private static boolean lists(AuditViewModel vm, String action, String targetPart) {
        return List.copyOf(vm.entries()).stream().anyMatch(e -> e.action().equals(action) && e.target().contains(targetPart));
    }

    @Test
    void aDisconnectAndAFaultMadeThroughTheApiAreListed() throws Exception {
        ConsoleContext ctx = gw.context(UiThread.direct());
        AuditViewModel vm = new AuditViewModel(ctx);
        gw.device("audit-user", "phone");
        ConnectionPage conns = ctx.api().connections(Map.of("user", "audit-user")).get(10, TimeUnit.SECONDS);
        String connectionId = conns.connections().get(0).connectionId();
        ctx.api().disconnect(connectionId).get(10, TimeUnit.SECONDS);
        FaultRequest fault = FaultRequest.onUser("audit-other", "delay").delayMs(10);
        ctx.api().injectFault(fault).get(10, TimeUnit.SECONDS);

        vm.activate();
        LiveGateway.await("the disconnect listed", () -> lists(vm, "disconnect", connectionId));
        LiveGateway.await("the fault listed", () -> lists(vm, "fault.inject", "audit-other"));
        AuditEntry entry = List.copyOf(vm.entries()).stream().filter(e -> e.action().equals("disconnect")).findFirst().orElseThrow();
        assertThat(entry.admin()).isEqualTo(LiveGateway.ADMIN);
        assertThat(entry.time()).isNotEmpty();
        assertThat(vm.statusProperty().get()).contains("entries").contains("refreshed");

        vm.filterProperty().set("FAULT");
        assertThat(List.copyOf(vm.entries())).isNotEmpty().allMatch(e -> e.action().startsWith("fault"));
        assertThat(vm.statusProperty().get()).contains("shown");
        vm.filterProperty().set("ops");
        assertThat(List.copyOf(vm.entries())).as("admin matches too").hasSizeGreaterThanOrEqualTo(2);
        vm.deactivate();
    }

    @Test
    void refreshPicksUpNewActions() throws Exception {
        ConsoleContext ctx = gw.context(UiThread.direct());
        AuditViewModel vm = new AuditViewModel(ctx);
        vm.refresh();
        LiveGateway.await("the first refresh", () -> vm.statusProperty().get().contains("refreshed"));
        FaultRequest fault = FaultRequest.onUser("audit-later", "duplicate");
        String faultId = ctx.api().injectFault(fault).get(10, TimeUnit.SECONDS).faultId();
        ctx.api().clearFault(faultId).get(10, TimeUnit.SECONDS);
        assertThat(lists(vm, "fault.clear", faultId)).isFalse();
        vm.refresh();
        LiveGateway.await("the clear listed after Refresh", () -> lists(vm, "fault.clear", faultId));
    }
}
