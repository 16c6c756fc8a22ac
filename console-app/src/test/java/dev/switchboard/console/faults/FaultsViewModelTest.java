package dev.switchboard.console.faults;

import dev.switchboard.console.shell.ConsoleContext;
import dev.switchboard.console.testing.FakeAdminApi;
import dev.switchboard.console.ui.UiThread;
import dev.switchboard.model.admin.FaultInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Faults page's model over a faked admin API: no gateway, no JavaFX toolkit. */
class FaultsViewModelTest {
    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");

    private final FakeAdminApi api = new FakeAdminApi();
    @TempDir
    Path home;
    private ConsoleContext ctx;
    /** What the model's clock reads; a test moves it. */
    private Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    private FaultsViewModel model() {
        ctx = ConsoleContext.withoutStream(api, UiThread.direct(), home);
        return new FaultsViewModel(ctx, new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return clock.instant();
            }
        });
    }

    @AfterEach
    void close() {
        if (ctx != null) {
            ctx.close();
        }
    }

    private static FaultInfo pause(String id, String target, int secondsLeft, String... connections) {
        return new FaultInfo(id, "pause", target, null, null, null, NOW.plusSeconds(secondsLeft).toString(), "ops",
                List.of(connections));
    }

    private static FaultInfo drop(String id, String target, int count, int secondsLeft) {
        return new FaultInfo(id, "drop", target, count, null, null, NOW.plusSeconds(secondsLeft).toString(), "qa",
                List.of());
    }

    @Test
    void faultsInForceAreListedWithTheirParametersTargetsAndConnections() {
        api.answerFaults(pause("f1", "user:zoe", 90, "c1", "c2"), drop("f2", "connection:c9", 2, 30));
        FaultsViewModel vm = model();
        vm.refresh();

        assertThat(vm.faults()).extracting(FaultRow::faultId).containsExactly("f1", "f2");
        FaultRow pause = vm.faults().get(0);
        assertThat(pause.kind()).isEqualTo("pause");
        assertThat(pause.target()).isEqualTo("user:zoe");
        assertThat(pause.parameters()).isEmpty();
        assertThat(pause.createdBy()).isEqualTo("ops");
        assertThat(pause.connectionsProperty().get()).isEqualTo("2: c1, c2");
        assertThat(pause.expiresInProperty().get()).isEqualTo("1 min 30 s");
        FaultRow drop = vm.faults().get(1);
        assertThat(drop.parameters()).isEqualTo("count 2");
        assertThat(drop.connectionsProperty().get()).as("its connection closed").isEqualTo("none open");
        assertThat(vm.statusProperty().get()).startsWith("2 faults in force");
    }

    @Test
    void theTimeLeftCountsDownBetweenReadsAndTheRowsStayTheSame() {
        api.answerFaults(pause("f1", "user:zoe", 30));
        FaultsViewModel vm = model();
        vm.refresh();
        FaultRow row = vm.faults().get(0);
        assertThat(row.expiresInProperty().get()).isEqualTo("30 s");

        clock = Clock.fixed(NOW.plusSeconds(12), ZoneOffset.UTC);
        vm.refresh();
        assertThat(vm.faults()).singleElement().isSameAs(row);
        assertThat(row.expiresInProperty().get()).isEqualTo("18 s");

        clock = Clock.fixed(NOW.plusSeconds(31), ZoneOffset.UTC);
        vm.refresh();
        assertThat(row.expiresInProperty().get()).isEqualTo("ending…");
    }

    @Test
    void clearEndsTheFaultOnTheGatewayAndTheListIsReadAgainAtOnce() {
        api.answerFaults(pause("f1", "user:zoe", 90), drop("f2", "connection:c9", 2, 30));
        FaultsViewModel vm = model();
        vm.refresh();

        vm.clear(vm.faults().get(0));

        assertThat(api.calls()).containsExactly("faults", "clearFault", "faults");
        assertThat(vm.faults()).extracting(FaultRow::faultId).containsExactly("f2");
        assertThat(vm.outcomeProperty().get())
                .isEqualTo("Cleared fault f1 (pause on user:zoe); what it held back is sent now.");
        assertThat(ctx.noticeProperty().get()).isEqualTo(vm.outcomeProperty().get());
    }

    @Test
    void clearAllEndsEveryListedFaultAndOneThatAlreadyExpiredCountsAsCleared() {
        api.answerFaults(pause("f1", "user:zoe", 90), drop("f2", "connection:c9", 2, 30));
        FaultsViewModel vm = model();
        vm.refresh();
        api.answerFaults(pause("f1", "user:zoe", 90)); // f2 expired on the gateway meanwhile

        vm.clearAll();

        assertThat(vm.faults()).isEmpty();
        assertThat(vm.outcomeProperty().get()).isEqualTo("Cleared 2 faults.");
        assertThat(vm.statusProperty().get()).startsWith("No fault in force");
    }

    @Test
    void readOnlyRefusesClearAndClearAllWithoutAskingTheGateway() {
        api.answerFaults(pause("f1", "user:zoe", 90));
        FaultsViewModel vm = model();
        vm.refresh();
        ctx.readOnlyProperty().set(true);

        vm.clear(vm.faults().get(0));
        assertThat(vm.outcomeProperty().get()).isEqualTo("Read-only mode: fault f1 was not cleared.");
        vm.clearAll();
        assertThat(vm.outcomeProperty().get()).isEqualTo("Read-only mode: no fault was cleared.");

        assertThat(api.calls()).containsExactly("faults");
        assertThat(vm.faults()).extracting(FaultRow::faultId).containsExactly("f1");
    }

    @Test
    void aFailedReadSaysWhyAndKeepsWhatWasShown() {
        api.answerFaults(pause("f1", "user:zoe", 90));
        FaultsViewModel vm = model();
        vm.refresh();
        api.failFaults(503, "unavailable", "the node is draining");
        vm.refresh();

        assertThat(vm.errorProperty().get()).isEqualTo("Could not read the faults: the gateway cannot do it now: the node is draining (503)");
        assertThat(vm.faults()).extracting(FaultRow::faultId).containsExactly("f1");
    }
}
