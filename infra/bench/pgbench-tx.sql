-- The ceiling for infra/bench.sh: our command's transaction shape and nothing else. One ledger.events row
-- (a MoneyDeposited on a new stream, version 1, real-sized data, metadata and 32-byte hashes) and its
-- ledger.outbox row (the envelope and headers as the relay sends them, ~820 + ~190 bytes), committed
-- with fsync on. Sizes copied from a real deposit; ids are fresh per transaction so no unique index
-- sees the same key twice.
BEGIN;
INSERT INTO ledger.events (event_id, stream_type, stream_id, version, event_type, schema_version, data, metadata,
                           occurred_at, prev_hash, hash)
VALUES (gen_random_uuid(), 'account', gen_random_uuid(), 1, 'MoneyDeposited', 2,
        '{"amount": "12.50", "currency": "EUR", "reference": "invoice 2026-0042"}',
        '{"ip": "127.0.0.1", "roles": ["operator", "reader"], "userId": "bench", "commandId": "d961a0d3-b26c-49ea-8cc6-061f13f26fd9", "userAgent": "curl/7.88.1", "causationId": "d961a0d3-b26c-49ea-8cc6-061f13f26fd9", "correlationId": "cc6ed6e5-46dc-4e25-b74a-e55170ef8764"}',
        now(), '\x0000000000000000000000000000000000000000000000000000000000000000',
        '\x47d233f54eb789ddf3a529e6990940d35f1125711cbf93b1699da529813b64c0')
RETURNING stream_id, event_id \gset
INSERT INTO ledger.outbox (aggregatetype, aggregateid, type, payload, headers)
VALUES ('account', :stream_id, 'MoneyDeposited',
        '{"data": {"amount": "12.50", "currency": "EUR", "reference": "invoice 2026-0042"}, "hash": "47d233f54eb789ddf3a529e6990940d35f1125711cbf93b1699da529813b64c0", "eventId": "b1eccaa7-a4a1-4858-8e68-05b19b0fa6b4", "version": 1, "metadata": {"ip": "127.0.0.1", "roles": ["operator", "reader"], "userId": "bench", "commandId": "d961a0d3-b26c-49ea-8cc6-061f13f26fd9", "userAgent": "curl/7.88.1", "causationId": "d961a0d3-b26c-49ea-8cc6-061f13f26fd9", "correlationId": "cc6ed6e5-46dc-4e25-b74a-e55170ef8764"}, "position": 2, "prevHash": "0000000000000000000000000000000000000000000000000000000000000000", "eventType": "MoneyDeposited", "occurredAt": "2026-12-02T11:35:26.336282Z", "recordedAt": "2026-12-02T11:35:26.329209Z", "aggregateId": "0cb050e7-e6a2-4661-af3d-f4a48b23e043", "aggregateType": "account", "schemaVersion": 2}',
        '{"event-id": "b1eccaa7-a4a1-4858-8e68-05b19b0fa6b4", "event-type": "MoneyDeposited", "correlation-id": "cc6ed6e5-46dc-4e25-b74a-e55170ef8764", "schema-version": "2", "aggregate-version": "1"}');
END;
