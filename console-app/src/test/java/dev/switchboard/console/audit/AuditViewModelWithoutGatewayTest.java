package dev.switchboard.console.audit;

import dev.switchboard.console.shell.ConsoleContext;
import dev.switchboard.console.testing.FakeAdminApi;
import dev.switchboard.console.ui.UiThread;
import dev.switchboard.model.admin.AuditTrail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Audit page's model over a faked admin API: no gateway, no JavaFX toolkit. */
class AuditViewModelWithoutGatewayTest {
    private final FakeAdminApi api = new FakeAdminApi();
    @TempDir
    Path home;
    private ConsoleContext ctx;

    private AuditViewModel model() {
        ctx = ConsoleContext.withoutStream(api, UiThread.direct(), home);
        return new AuditViewModel(ctx);
    }

    @AfterEach
    void close() {
        if (ctx != null) {
            ctx.close();
        }
    }

    private static AuditTrail.Entry entry(String action, String target, String detail) {
        return new AuditTrail.Entry("2026-11-29T10:20:00.000Z", "gw-1", "ops", action, target, detail);
    }

    @Test
    void entriesOfTheAnswerAreListedAndFiltered() {
        api.answerAudit(new AuditTrail(List.of(
                entry("disconnect", "connection:c1", null),
                entry("fault.inject", "user:zoe", "{\"kind\":\"drop\"}"),
                entry("drain", "node:gw-1", null))));
        AuditViewModel vm = model();
        vm.refresh();

        assertThat(api.calls()).containsExactly("audit");
        assertThat(List.copyOf(vm.entries())).extracting(AuditEntry::action)
                .containsExactly("disconnect", "fault.inject", "drain");
        assertThat(vm.entries().get(0).detail()).as("no detail shows as empty, not \"null\"").isEmpty();
        assertThat(vm.statusProperty().get()).startsWith("3 entries");

        vm.filterProperty().set("ZOE");
        assertThat(List.copyOf(vm.entries())).extracting(AuditEntry::target).containsExactly("user:zoe");
        assertThat(vm.statusProperty().get()).contains("1 shown");
        assertThat(vm.errorProperty().get()).isEmpty();
    }

    @Test
    void aRefusedReadSaysWhyAndKeepsWhatWasShown() {
        api.answerAudit(new AuditTrail(List.of(entry("drain", "node:gw-1", null))));
        AuditViewModel vm = model();
        vm.refresh();
        api.failAudit(503, "unavailable", "the audit log cannot be read");
        vm.refresh();

        assertThat(vm.errorProperty().get())
                .isEqualTo("Could not load the audit log: the gateway cannot do it now: the audit log cannot be read (503)");
        assertThat(List.copyOf(vm.entries())).extracting(AuditEntry::action).containsExactly("drain");
        assertThat(vm.refreshingProperty().get()).isFalse();
    }
}
