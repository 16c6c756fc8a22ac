-- Delivery tracing (docs/admin-api.md, "trace"). What happened to each event on each device is
-- derived from per-connection records, so storage grows with connections and joins, never with
-- connections x events. Times are epoch milliseconds.

-- When the gateway took the publish, and when the group commit that made it durable was written.
ALTER TABLE events ADD COLUMN received_at BIGINT;
ALTER TABLE events ADD COLUMN committed_at BIGINT;

-- One row per WebSocket connection.
CREATE TABLE trace_connections (
    connection_id    VARCHAR(64)   NOT NULL PRIMARY KEY,
    node             VARCHAR(64)   NOT NULL,
    user_id          VARCHAR(128)  NOT NULL,
    device_id        VARCHAR(128)  NOT NULL,
    app_version      VARCHAR(64),
    remote_ip        VARCHAR(64),
    connected_at     BIGINT        NOT NULL,
    disconnected_at  BIGINT,
    close_code       INT,
    close_reason     VARCHAR(256)
);
CREATE INDEX trace_connections_user ON trace_connections (user_id, connected_at);

-- One row per join of a room by a connection (the automatic user room counts as a join).
-- Live events after join_head were sent up to delivered_to; the client acknowledged up to acked_to.
-- recovered_from is the client's cursor when the join replayed (join_head - recovered_from events).
CREATE TABLE trace_memberships (
    membership_id      VARCHAR(64)   NOT NULL PRIMARY KEY,
    connection_id      VARCHAR(64)   NOT NULL,
    room               VARCHAR(200)  NOT NULL,
    epoch              VARCHAR(40)   NOT NULL,
    joined_at          BIGINT        NOT NULL,
    join_head          BIGINT        NOT NULL,
    recovered_from     BIGINT,
    snapshot_required  BOOLEAN       NOT NULL,
    delivered_to       BIGINT        NOT NULL,
    acked_to           BIGINT        NOT NULL,
    left_at            BIGINT,
    left_reason        VARCHAR(64)
);
CREATE INDEX trace_memberships_room ON trace_memberships (room, join_head);
CREATE INDEX trace_memberships_connection ON trace_memberships (connection_id);

-- Offsets of a room not delivered on a connection although it was in the room, and why.
CREATE TABLE trace_drops (
    connection_id  VARCHAR(64)   NOT NULL,
    room           VARCHAR(200)  NOT NULL,
    from_offset    BIGINT        NOT NULL,
    to_offset      BIGINT        NOT NULL,
    reason         VARCHAR(64)   NOT NULL,
    injected       BOOLEAN       NOT NULL,
    at             BIGINT        NOT NULL
);
CREATE INDEX trace_drops_room ON trace_drops (room, from_offset);

-- Recovery over HTTP: a user (device when its token named one) read offsets after_offset+1..up_to.
CREATE TABLE trace_http_reads (
    user_id       VARCHAR(128)  NOT NULL,
    device_id     VARCHAR(128),
    room          VARCHAR(200)  NOT NULL,
    after_offset  BIGINT        NOT NULL,
    up_to         BIGINT        NOT NULL,
    at            BIGINT        NOT NULL
);
CREATE INDEX trace_http_reads_room ON trace_http_reads (room, up_to);

-- Hand-offs from the log to a node's fanout, one row per committed batch.
CREATE TABLE trace_fanout (
    node       VARCHAR(64)  NOT NULL,
    first_seq  BIGINT       NOT NULL,
    last_seq   BIGINT       NOT NULL,
    handed_at  BIGINT       NOT NULL,
    lag_micros BIGINT       NOT NULL
);
CREATE INDEX trace_fanout_seq ON trace_fanout (last_seq);
