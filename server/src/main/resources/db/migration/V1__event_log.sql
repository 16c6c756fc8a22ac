-- The event log. Written in the SQL that H2 (embedded default) and PostgreSQL (scale-out) share.
-- Times are epoch milliseconds (UTC) in BIGINT columns: portable and cheap to compare.

-- One row per log: its epoch is the default epoch of every room stream created in it, so a
-- room's epoch changes exactly when the log holding its history is lost or replaced.
CREATE TABLE log_meta (
    id          INT          NOT NULL PRIMARY KEY,
    epoch       VARCHAR(40)  NOT NULL,
    created_at  BIGINT       NOT NULL
);

-- Named positions in the log. 'materialized_seq': resources and room_resources hold every event up
-- to this seq; later events (the tail) are folded in by the writer in bulk, and readers add the tail.
CREATE TABLE log_counters (
    counter_name   VARCHAR(32) NOT NULL PRIMARY KEY,
    counter_value  BIGINT      NOT NULL
);
INSERT INTO log_counters (counter_name, counter_value) VALUES ('materialized_seq', 0);

-- Every accepted event, in log order.
CREATE TABLE events (
    seq           BIGINT          NOT NULL PRIMARY KEY,
    event_id      VARCHAR(128)    NOT NULL,
    type          VARCHAR(128)    NOT NULL,
    resource_id   VARCHAR(256)    NOT NULL,
    version       BIGINT          NOT NULL,
    occurred_at   BIGINT          NOT NULL,
    actor_id      VARCHAR(128),
    payload       VARCHAR(1048576) NOT NULL,
    -- SHA-256 of the content that decides whether a repeated id is the same publish; only events
    -- published with the producer's own id have it (others are hashed from their row when needed).
    content_hash  CHAR(64),
    -- {"room": offset, ...} as answered to the producer, kept whole for idempotent repeats and traces.
    room_offsets  VARCHAR(16384)  NOT NULL
);
CREATE UNIQUE INDEX events_event_id ON events (event_id);

-- One stream per room. first_offset is the oldest offset still retained (head + 1 when trimmed empty);
-- room_resources holds this room's events up to materialized_offset.
CREATE TABLE rooms (
    room                 VARCHAR(161) NOT NULL PRIMARY KEY,
    epoch                VARCHAR(40)  NOT NULL,
    head                 BIGINT       NOT NULL,
    first_offset         BIGINT       NOT NULL,
    materialized_offset  BIGINT       NOT NULL,
    created_at           BIGINT       NOT NULL
);

CREATE TABLE room_events (
    room         VARCHAR(161) NOT NULL,
    room_offset  BIGINT       NOT NULL,
    seq          BIGINT       NOT NULL,
    PRIMARY KEY (room, room_offset)
);

-- Version of every resource as of materialized_seq; its payload then is the event at last_seq.
CREATE TABLE resources (
    resource_id  VARCHAR(256) NOT NULL PRIMARY KEY,
    version      BIGINT       NOT NULL,
    last_seq     BIGINT       NOT NULL
);

-- Per room, the latest event of each resource published to it, as of the room's materialized_offset:
-- with the room's tail, what a room snapshot is made of.
CREATE TABLE room_resources (
    room         VARCHAR(161) NOT NULL,
    resource_id  VARCHAR(256) NOT NULL,
    version      BIGINT       NOT NULL,
    room_offset  BIGINT       NOT NULL,
    seq          BIGINT       NOT NULL,
    PRIMARY KEY (room, resource_id)
);

-- Who may join which room (user: rooms are implicit and never stored here).
CREATE TABLE acl_members (
    room        VARCHAR(161) NOT NULL,
    user_id     VARCHAR(128) NOT NULL,
    granted_at  BIGINT       NOT NULL,
    PRIMARY KEY (room, user_id)
);
CREATE INDEX acl_members_user ON acl_members (user_id);
