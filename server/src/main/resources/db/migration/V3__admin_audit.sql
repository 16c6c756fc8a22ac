-- Every admin action (docs/admin-api.md, "audit"): who did what to what, and when.
CREATE TABLE admin_audit (
    id         BIGINT        NOT NULL PRIMARY KEY,
    at         BIGINT        NOT NULL,
    node       VARCHAR(64)   NOT NULL,
    admin      VARCHAR(128)  NOT NULL,
    action     VARCHAR(64)   NOT NULL,
    target     VARCHAR(256),
    detail     VARCHAR(2048)
);
CREATE INDEX admin_audit_at ON admin_audit (at);
