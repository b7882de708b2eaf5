-- The read side's mirrors (DESIGN §6), fed from the compacted output topics by projector-streams.
-- Migrated by projector-streams; history table ledger_read.flyway_schema_history.
-- Amounts are unconstrained numeric: it keeps the exact value and scale it is given (500.00 EUR stays
-- 500.00, 500 JPY stays 500), where a fixed numeric(p,s) would pad or round to one scale for all currencies.

CREATE TABLE ledger_read.account_balances (
    account_id    uuid        PRIMARY KEY,
    owner_id      text        NOT NULL,
    currency      char(3)     NOT NULL,
    balance       numeric     NOT NULL,
    status        text        NOT NULL CHECK (status IN ('OPEN', 'CLOSED')),
    version       int         NOT NULL CHECK (version >= 1),
    last_event_id uuid        NOT NULL,
    hash          text,
    updated_at    timestamptz NOT NULL,
    mirrored_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE ledger_read.daily_summaries (
    account_id          uuid        NOT NULL,
    day                 date        NOT NULL,
    currency            char(3)     NOT NULL,
    deposits_count      int         NOT NULL DEFAULT 0,
    deposits_total      numeric     NOT NULL DEFAULT 0,
    withdrawals_count   int         NOT NULL DEFAULT 0,
    withdrawals_total   numeric     NOT NULL DEFAULT 0,
    fees_total          numeric     NOT NULL DEFAULT 0,
    refunds_total       numeric     NOT NULL DEFAULT 0,
    transfers_in_count  int         NOT NULL DEFAULT 0,
    transfers_in_total  numeric     NOT NULL DEFAULT 0,
    transfers_out_count int         NOT NULL DEFAULT 0,
    transfers_out_total numeric     NOT NULL DEFAULT 0,
    closing_balance     numeric     NOT NULL,
    event_count         int         NOT NULL DEFAULT 0,
    -- the account version the summary reflects: the mirror's upsert only moves it forward
    version             int         NOT NULL CHECK (version >= 1),
    mirrored_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, day)
);
