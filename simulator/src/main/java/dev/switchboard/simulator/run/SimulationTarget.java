package dev.switchboard.simulator.run;

import dev.switchboard.auth.TokenIssuer;
import dev.switchboard.client.TrustedCa;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

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

    /** A node of the gateway: where devices connect and the backend publishes. */
    record Endpoint(String name, String httpUrl, String wsUrl) {
    }

    /**
     * The gateway's nodes, in order: one, unless a cluster. Devices are spread over them (device
     * {@code i} on node {@code i mod n}, knowing the others to move to), the backend publishes on
     * each in turn.
     */
    default List<Endpoint> nodes() {
        return List.of(new Endpoint("gateway", httpUrl(), wsUrl()));
    }

    /** Whether this is a cluster the simulator runs ({@link ClusterGateway}): it can kill a node and stop Redis. */
    default boolean isCluster() {
        return false;
    }

    /** SIGKILL of node {@code index} (0-based); a cluster only. */
    default void killNode(int index) {
        throw new UnsupportedOperationException("kill-node needs a cluster the simulator runs (simulate --cluster 3)");
    }

    /** Stops the cluster's Redis; a cluster only. */
    default void stopRedis() {
        throw new UnsupportedOperationException("stop-redis needs a cluster the simulator runs (simulate --cluster 3)");
    }

    /** Starts the cluster's Redis again, on the same port; a cluster only. */
    default void startRedis() {
        throw new UnsupportedOperationException("start-redis needs a cluster the simulator runs (simulate --cluster 3)");
    }

    /** The CA file's certificates, when the gateway's TLS certificate is signed by a private CA; else null. */
    default TrustedCa trustedCa() {
        return null;
    }

    @Override
    void close();
}
