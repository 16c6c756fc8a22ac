-- When a membership's acknowledgement last advanced (epoch milliseconds), so a trace can say when a
-- device acked an event, recovered or not (docs/admin-api.md, "trace": ackedAt). Null until it acks.
ALTER TABLE trace_memberships ADD COLUMN acked_at BIGINT;
