-- Daily summaries count fees and refunds too, as they count deposits and withdrawals: the projector's
-- summary totals report a count and a total for every kind of movement.
ALTER TABLE ledger_read.daily_summaries
    ADD COLUMN fees_count    int NOT NULL DEFAULT 0,
    ADD COLUMN refunds_count int NOT NULL DEFAULT 0;
