package dev.switchboard.console.connect;

import dev.switchboard.auth.Role;
import dev.switchboard.simulator.run.BorrowedTarget;
import dev.switchboard.simulator.run.EmbeddedGateway;
import dev.switchboard.simulator.run.SimulationTarget;

import java.time.Duration;

/**
 * The gateway the console runs itself ({@link LocalGatewayStarter}): the embedded gateway, what the
 * start had to say about its ports, and what only the console can do for it because it knows its
 * secret: mint tokens for apps and tools a user points at it. Stopped with the console.
 *
 * <p>Threads: any.
 */
public final class LocalGateway implements AutoCloseable {
    /** How long a token minted from the UI lasts: a working day of trying things out. */
    public static final Duration MINTED_TTL = Duration.ofHours(12);

    private final EmbeddedGateway gateway;
    private final String portsNote;

    LocalGateway(EmbeddedGateway gateway, String portsNote) {
        this.gateway = gateway;
        this.portsNote = portsNote;
    }

    /** {@code http://127.0.0.1:port}: the HTTP API. */
    public String httpUrl() {
        return gateway.httpUrl();
    }

    /** {@code ws://127.0.0.1:port/ws}: where devices connect. */
    public String wsUrl() {
        return gateway.wsUrl();
    }

    /** The admin token the console connects with. */
    public String adminToken() {
        return gateway.adminToken();
    }

    /** The gateway's token secret: the simulator mints its devices' tokens with it. */
    public String tokenSecret() {
        return gateway.tokenSecret();
    }

    /** "" when it listens on its kept ports (or started for the first time); else what changed and why. */
    public String portsNote() {
        return portsNote;
    }

    /** A token for {@code userId} with {@code role}, valid {@link #MINTED_TTL}, signed with this gateway's secret. */
    public String mint(String userId, Role role) {
        return gateway.issuer().issue(userId, role, null, MINTED_TTL);
    }

    /** This gateway for a simulation run: the run may restart it, but its end leaves it running. */
    public SimulationTarget forSimulation() {
        return new BorrowedTarget(gateway);
    }

    @Override
    public void close() {
        gateway.close();
    }
}
