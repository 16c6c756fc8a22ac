package dev.switchboard.simulator.run;

import dev.switchboard.adminclient.AdminApi;
import dev.switchboard.model.admin.ConnectionInfo;
import dev.switchboard.model.admin.FaultInfo;
import dev.switchboard.model.admin.FaultRequest;
import dev.switchboard.simulator.scenario.RunNamespace;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The guard in front of the admin API: nothing outside the run's namespace is ever sent a fault. */
class ScopedFaultsTest {
    private final List<FaultRequest> sent = new ArrayList<>();
    /** Connections the fake gateway knows, by id: their users. */
    private final Map<String, String> connections = Map.of("c-real", "alice", "c-sim", "sim-4f2a.alice");
    private final ScopedFaults faults = new ScopedFaults(fakeAdmin(), new RunNamespace("4f2a"));

    @Test
    void faultsOnTheRunsOwnUsersAndConnectionsGoThrough() throws Exception {
        faults.inject(FaultRequest.onUser("sim-4f2a.alice", "cut"), 1);
        faults.inject(FaultRequest.onConnection("c-sim", "drop").count(3), 1);
        assertThat(sent).extracting(FaultRequest::kind).containsExactly("cut", "drop");
    }

    @Test
    void aUserOutsideTheRunIsRefusedAndNothingIsSent() {
        for (String user : List.of("alice", "sim-4f2ab.alice", "sim-9999.alice")) {
            assertThatThrownBy(() -> faults.inject(FaultRequest.onUser(user, "cut"), 1))
                    .isInstanceOf(ScopedFaults.ForeignTargetException.class).hasMessageContaining(user);
        }
        assertThat(sent).isEmpty();
    }

    @Test
    void aConnectionOfAUserOutsideTheRunIsRefusedAndNothingIsSent() {
        assertThatThrownBy(() -> faults.inject(FaultRequest.onConnection("c-real", "cut"), 1))
                .isInstanceOf(ScopedFaults.ForeignTargetException.class).hasMessageContaining("c-real of user alice");
        assertThatThrownBy(() -> faults.inject(new FaultRequest(null, null, "cut", null, null, null, null), 1))
                .isInstanceOf(ScopedFaults.ForeignTargetException.class);
        assertThat(sent).isEmpty();
    }

    /** An admin API that knows {@link #connections} and records the faults it is sent; nothing else is called. */
    private AdminApi fakeAdmin() {
        return (AdminApi) Proxy.newProxyInstance(AdminApi.class.getClassLoader(), new Class<?>[] {AdminApi.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "connection" -> CompletableFuture.completedFuture(new ConnectionInfo((String) args[0],
                            connections.get((String) args[0]), "phone", null, null, "gw-1", null, 0, List.of(), null, null));
                    case "injectFault" -> {
                        FaultRequest f = (FaultRequest) args[0];
                        sent.add(f);
                        yield CompletableFuture.completedFuture(new FaultInfo(null, f.kind(), "x", null, null, null, null,
                                "ops", List.of()));
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
