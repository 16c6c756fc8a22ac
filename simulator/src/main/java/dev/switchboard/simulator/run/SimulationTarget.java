package dev.switchboard.simulator.run;

import dev.switchboard.auth.TokenIssuer;
import dev.switchboard.client.TrustedCa;

import java.io.IOException;
import java.time.Duration;

/**
 * The gateway a simulation runs against, and the only way the simulator and the console reach a
 * gateway they start themselves: where it is, the tokens to use it, and whether it can be restarted.
 * {@link EmbeddedGateway} is one in this JVM, {@link RemoteGateway} one somewhere else.
 */
public interface SimulationTarget extends AutoCloseable {
    /** {@code http://host:port}: the API, for publishing, the ACL, faults and the SDK's recovery. */
    String httpUrl();

    /** {@code ws://host:port/ws}. */
    String wsUrl();

    String serviceToken();

    /** Null when not given: scenarios with faults then cannot run. */
    String adminToken();

    /** Mints the devices' user tokens (the gateway's token secret). */
    TokenIssuer issuer();

    /** Only an embedded gateway can be restarted by the simulator. */
    boolean canRestart();

    /** Stops the gateway, waits {@code downtime}, starts it again on the same ports and data folder. */
    void restart(Duration downtime) throws IOException;

    /** One line for the report: "embedded (http://127.0.0.1:41234)". */
    String describe();

    /** The CA file's certificates, when the gateway's TLS certificate is signed by a private CA; else null. */
    default TrustedCa trustedCa() {
        return null;
    }

    @Override
    void close();
}
