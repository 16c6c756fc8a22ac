-- The nodes of a shared log, each refreshing its row every second (GET /admin/nodes, docs/cluster.md).
CREATE TABLE cluster_nodes (
    node          VARCHAR(64)   NOT NULL PRIMARY KEY,
    http_url      VARCHAR(256)  NOT NULL,
    ws_url        VARCHAR(256)  NOT NULL,
    version       VARCHAR(64)   NOT NULL,
    state         VARCHAR(16)   NOT NULL,
    connections   INT           NOT NULL,
    started_at    BIGINT        NOT NULL,
    heartbeat_at  BIGINT        NOT NULL
);
