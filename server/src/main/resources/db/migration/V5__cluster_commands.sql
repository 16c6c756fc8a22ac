-- Commands one node of a shared log gives every other node: an ACL revoke evicts the user's
-- connections everywhere (target: the room, detail: the user), an admin's disconnect closes a
-- connection on the node that has it (target: the connection, detail: the admin). Ids are taken under the log's write lock, so they become visible in order
-- and a node reading after the last id it applied misses none (docs/cluster.md).
CREATE TABLE cluster_commands (
    id        BIGINT        NOT NULL PRIMARY KEY,
    kind      VARCHAR(32)   NOT NULL,
    target    VARCHAR(256)  NOT NULL,
    detail    VARCHAR(256),
    origin    VARCHAR(64)   NOT NULL,
    at        BIGINT        NOT NULL
);
