package dev.switchboard.simulator.run;

import dev.switchboard.adminclient.AdminApi;
import dev.switchboard.model.admin.ConnectionInfo;
import dev.switchboard.model.admin.FaultInfo;
import dev.switchboard.model.admin.FaultRequest;
import dev.switchboard.simulator.scenario.RunNamespace;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The only way a run injects faults: through the admin API, and only on its own users and connections.
 * A fault on a user outside the run's namespace is refused before anything is sent; a fault on a
 * connection is sent only once the gateway says the connection belongs to a user of the run (a
 * connection id never changes hands, so asking first is enough). A refusal is a bug in the simulator,
 * never a reason to cut a real user's device.
 */
final class ScopedFaults {
    /** A fault target outside the run's namespace. */
    static final class ForeignTargetException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        ForeignTargetException(String message) {
            super(message);
        }
    }

    private final AdminApi admin;
    private final RunNamespace namespace;

    ScopedFaults(AdminApi admin, RunNamespace namespace) {
        this.admin = admin;
        this.namespace = namespace;
    }

    /**
     * Injects {@code fault}, waiting up to {@code timeoutSeconds} for each call.
     *
     * @throws ForeignTargetException the target is not the run's (nothing injected)
     * @throws ExecutionException     the gateway refused (an {@code AdminCallException} cause; 404: connection gone)
     */
    FaultInfo inject(FaultRequest fault, long timeoutSeconds)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (fault.userId() != null && !namespace.ownsUser(fault.userId())) {
            throw refused(fault, "user " + fault.userId());
        }
        if (fault.connectionId() != null) {
            ConnectionInfo c = admin.connection(fault.connectionId()).get(timeoutSeconds, TimeUnit.SECONDS);
            if (!namespace.ownsUser(c.userId())) {
                throw refused(fault, "connection " + fault.connectionId() + " of user " + c.userId());
            }
        }
        if (fault.userId() == null && fault.connectionId() == null) {
            throw refused(fault, "no target");
        }
        return admin.injectFault(fault).get(timeoutSeconds, TimeUnit.SECONDS);
    }

    private ForeignTargetException refused(FaultRequest fault, String target) {
        return new ForeignTargetException("fault " + fault.kind() + " refused: " + target + " is outside run "
                + namespace.runId() + " (only users starting " + namespace.prefix() + ")");
    }
}
