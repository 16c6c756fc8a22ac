package dev.switchboard.cluster;

import java.util.Optional;

/**
 * Hands an admin's action to the other nodes of a cluster, through the shared database's commands
 * ({@link ClusterCommands}; docs/cluster.md, "Effects on every node"), when this node cannot do it
 * alone: the connection is another node's, or the action is for a user on every node.
 */
public interface ClusterForward {
    /** Without a cluster (a log this node writes alone): nothing is forwarded. */
    ClusterForward NONE = new ClusterForward() {
        @Override
        public Optional<String> toHome(String kind, String connectionId, String detail) {
            return Optional.empty();
        }

        @Override
        public boolean toAll(String kind, String target, String detail) {
            return false;
        }
    };

    /** To the node holding {@code connectionId} when another node does: that node's name; empty otherwise. */
    Optional<String> toHome(String kind, String connectionId, String detail) throws Exception;

    /** To every other node; false when there is no cluster to tell. */
    boolean toAll(String kind, String target, String detail) throws Exception;
}
