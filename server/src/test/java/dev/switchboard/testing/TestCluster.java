package dev.switchboard.testing;

import dev.switchboard.config.ConfigKey;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Gateway nodes named {@code node-a}, {@code node-b}, ... on one test's PostgreSQL schema, each with a
 * data folder of its own under {@code dir}, and the devices connected to them; closing closes all.
 */
public final class TestCluster implements AutoCloseable {
    private final List<TestGateway> nodes = new ArrayList<>();
    private final List<WsClient> devices = new ArrayList<>();

    /** Starts {@code count} nodes with the schema's settings plus {@code extra}. */
    public static TestCluster start(PostgresSchema pg, Path dir, int count, Map<ConfigKey, String> extra) {
        TestCluster cluster = new TestCluster();
        for (int i = 0; i < count; i++) {
            String name = "node-" + (char) ('a' + i);
            Map<ConfigKey, String> values = new EnumMap<>(pg.config());
            values.putAll(extra);
            values.put(ConfigKey.NODE_ID, name);
            cluster.nodes.add(TestGateway.start(dir.resolve(name), values));
        }
        return cluster;
    }

    public List<TestGateway> nodes() {
        return nodes;
    }

    public TestGateway node(int i) {
        return nodes.get(i);
    }

    /** A device of {@code user} on node {@code i}, closed with the cluster. */
    public WsClient connect(int i, String user, String device) {
        WsClient c = nodes.get(i).connect(user, device);
        devices.add(c);
        return c;
    }

    @Override
    public void close() {
        devices.forEach(WsClient::close);
        nodes.forEach(TestGateway::close);
    }
}
