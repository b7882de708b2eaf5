-- The write side (DESIGN §3): an append-only, hash-chained event store, its outbox, idempotency keys
-- and API tokens. Migrated by command-service; history table ledger.flyway_schema_history.

CREATE TABLE ledger.events (
    position       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id       uuid        NOT NULL UNIQUE,
    stream_type    text        NOT NULL,
    stream_id      uuid        NOT NULL,
    version        int         NOT NULL CHECK (version >= 1),
    event_type     text        NOT NULL,
    schema_version int         NOT NULL CHECK (schema_version >= 1),
    data           jsonb       NOT NULL,
    metadata       jsonb       NOT NULL,
    occurred_at    timestamptz NOT NULL,
    recorded_at    timestamptz NOT NULL DEFAULT now(),
    tx_id          xid8        NOT NULL DEFAULT pg_current_xact_id(),
    prev_hash      bytea       NOT NULL CHECK (length(prev_hash) = 32),
    hash           bytea       NOT NULL CHECK (length(hash) = 32),
    -- the referee of optimistic concurrency: two writers of one version, one wins
    CONSTRAINT events_stream_version UNIQUE (stream_id, version)
);

CREATE INDEX events_tx_position ON ledger.events (tx_id, position);
CREATE INDEX events_type_recorded ON ledger.events (stream_type, recorded_at);

-- History is never rewritten: UPDATE, DELETE and TRUNCATE fail, for every role that does not
-- deliberately disable the trigger (which needs table ownership and leaves the hash chain broken).
CREATE FUNCTION ledger.reject_event_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'ledger.events is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER events_append_only_rows
    BEFORE UPDATE OR DELETE ON ledger.events
    FOR EACH ROW EXECUTE FUNCTION ledger.reject_event_change();

CREATE TRIGGER events_append_only_truncate
    BEFORE TRUNCATE ON ledger.events
    FOR EACH STATEMENT EXECUTE FUNCTION ledger.reject_event_change();

CREATE TABLE ledger.snapshots (
    stream_id      uuid        NOT NULL,
    version        int         NOT NULL,
    schema_version int         NOT NULL,
    state          jsonb       NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (stream_id, version)
);

-- Debezium-shaped outbox rows, written in the same transaction as the events they carry.
CREATE TABLE ledger.outbox (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    aggregatetype text        NOT NULL,
    aggregateid   text        NOT NULL,
    type          text        NOT NULL,
    payload       jsonb       NOT NULL,
    headers       jsonb       NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE ledger.idempotency_keys (
    user_id      text        NOT NULL,
    key          text        NOT NULL,
    request_hash bytea       NOT NULL,
    status       int         NOT NULL,
    response     jsonb       NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, key)
);

-- Only SHA-256 hashes of bearer tokens; the token itself is shown once, at creation.
CREATE TABLE ledger.api_tokens (
    token_hash bytea PRIMARY KEY CHECK (length(token_hash) = 32),
    user_id    text        NOT NULL,
    roles      text[]      NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz
);
