-- Execution leases (docs/durability.md): the instance that runs an execution holds its lease and
-- renews it; an expired lease may be claimed by another instance, which then recovers the
-- execution. No foreign key: an instance claims the lease before it stores a new execution.
-- expires_at is epoch milliseconds (UTC).

CREATE TABLE leases (
  execution_id VARCHAR(128) NOT NULL PRIMARY KEY,
  owner VARCHAR(256) NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX leases_owner_idx ON leases (owner);
