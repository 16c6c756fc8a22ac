package dev.switchboard.simulator.run;

import dev.switchboard.auth.TokenIssuer;
import dev.switchboard.client.TrustedCa;

import java.io.IOException;
import java.time.Duration;

/**
 * A gateway a simulation may use, and restart when its owner allows it, but never stop: a run closes
 * its target when it ends, and the console's local gateway must outlive the run (the console stays
 * connected to it). Everything else is the owner's target's.
 */
public final class BorrowedTarget implements SimulationTarget {
    private final SimulationTarget owned;

    public BorrowedTarget(SimulationTarget owned) {
        this.owned = owned;
    }

    @Override
    public String httpUrl() {
        return owned.httpUrl();
    }

    @Override
    public String wsUrl() {
        return owned.wsUrl();
    }

    @Override
    public String serviceToken() {
        return owned.serviceToken();
    }

    @Override
    public String adminToken() {
        return owned.adminToken();
    }

    @Override
    public TokenIssuer issuer() {
        return owned.issuer();
    }

    @Override
    public boolean canRestart() {
        return owned.canRestart();
    }

    @Override
    public void restart(Duration downtime) throws IOException {
        owned.restart(downtime);
    }

    @Override
    public String describe() {
        return owned.describe();
    }

    @Override
    public TrustedCa trustedCa() {
        return owned.trustedCa();
    }

    /** Leaves the gateway running: it is not the run's to stop. */
    @Override
    public void close() {
    }
}
