-- Commands one node of a shared log gives every other node (an ACL revoke evicts the user's
-- connections everywhere). Ids are taken under the log's write lock, so they become visible in order
-- and a node reading after the last id it applied misses none (docs/cluster.md).
CREATE TABLE cluster_commands (
    id        BIGINT        NOT NULL PRIMARY KEY,
    kind      VARCHAR(32)   NOT NULL,
    room      VARCHAR(161),
    user_id   VARCHAR(128),
    origin    VARCHAR(64)   NOT NULL,
    at        BIGINT        NOT NULL
);
