-- How far each node has applied the cluster's commands: a revoke answers once every live node has
-- evicted the user (docs/cluster.md, "Effects on every node").
ALTER TABLE cluster_nodes ADD COLUMN commands_applied BIGINT DEFAULT 0 NOT NULL;
