-- Idempotency keys (docs/api.md): the first answer given for a key, kept until expires_at so that
-- a repeated request gets it again, also from another server process or after a restart.
-- answer is NULL while the first request still runs. expires_at is epoch milliseconds (UTC).

CREATE TABLE idempotency_keys (
  key_hash VARCHAR(128) NOT NULL PRIMARY KEY,
  answer TEXT,
  expires_at BIGINT NOT NULL
);
CREATE INDEX idempotency_keys_expires_idx ON idempotency_keys (expires_at);
